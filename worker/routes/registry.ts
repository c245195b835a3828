import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { RejudgeRequestSchema } from "../../shared/api";
import {
  RESTORED_FROM_PATTERN,
  type RegistryVersionResponse,
  type RegistryVersionsResponse,
} from "../../shared/api-versions";
import { maskIds, maskIdsInText } from "../../shared/privacy";
import { DEFAULT_REGISTRY, RegistrySchema, registryIssues } from "../../shared/registry";
import { registryChanges } from "../../shared/registry-diff";
import type { AppEnv } from "../env";
import { badRequest, notFound } from "../errors";
import {
  loadRegistry,
  registryVersion,
  registryVersions,
  restoredVersions,
  saveRegistryStatements,
} from "../db/registry";
import { requireRole } from "../lib/auth";
import { body } from "../lib/validate";
import { nowIso } from "../lib/dates";
import { rejudge } from "../submit/rejudge";

const MAX_ISSUES = 50;

/**
 * The registry body, refused with every problem on the field that is wrong, each placed in words
 * (第 3 个支部“…” · 名称) for the admin view, in the documented 400 shape.
 */
const registryBody = zValidator("json", RegistrySchema, (result) => {
  if (result.success) return;
  const issues = registryIssues(result.error, result.data)
    .slice(0, MAX_ISSUES)
    .map((i) => ({
      path: maskIdsInText(i.path.join(".")),
      place: maskIdsInText(i.place),
      message: maskIdsInText(i.message),
    }));
  const [first] = issues;
  throw badRequest(
    `登记信息有 ${result.error.issues.length} 处需要修改：${first ? `${first.place}：${first.message}` : ""}`,
    { issues },
  );
});

export const registry = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await c.var.registry()))
  .put("/", requireRole("admin"), registryBody, async (c) => {
    // Names are stored and shown to every role: an ID number typed into one is masked like any text.
    const next = maskIds(c.req.valid("json"));
    // ?restoredFrom=N (恢复为此版), read by hand rather than by a query validator: the typed client
    // then needs no `query` on every plain save (the pane's first screen stays as it was).
    const restored = c.req.query("restoredFrom");
    if (restored !== undefined && !RESTORED_FROM_PATTERN.test(restored)) {
      throw badRequest("查询参数“restoredFrom”无效：应为已保存的版本号（正整数）", {
        issues: [{ path: "restoredFrom", message: "应为已保存的版本号（正整数）" }],
      });
    }
    const user = c.get("user");
    const at = nowIso();
    const db = c.env.DB;
    // 恢复为此版 is a plain save of the old body; the version it names must exist to be recorded.
    const restoredFrom = restored === undefined ? undefined : Number(restored);
    if (restoredFrom !== undefined && !(await registryVersion(db, restoredFrom))) {
      throw badRequest(`没有第 ${restoredFrom} 版登记信息，无法记为从该版恢复。`);
    }
    const before = await loadRegistry(db);
    const changes = registryChanges(before.registry, next);
    await db.batch([
      ...saveRegistryStatements(db, next, at, user),
      // The audit names the version the batch numbered, read inside the same transaction.
      db
        .prepare(
          `INSERT INTO audit (ts, user_id, user_name, action, target, detail)
           SELECT ?1, ?2, ?3, 'registry.put', 'registry', json_set(?4, '$.version', version) FROM registry WHERE id = 1`,
        )
        .bind(
          at,
          user.id,
          user.name,
          JSON.stringify({
            branches: next.branches.length,
            staff: next.staff?.length ?? 0,
            ...(restoredFrom === undefined ? {} : { restoredFrom }),
            changes,
          }),
        ),
    ]);
    return c.json(await loadRegistry(db));
  })
  .get("/versions", requireRole("admin", "office"), async (c) => {
    const db = c.env.DB;
    const [versions, current, restored] = await Promise.all([
      registryVersions(db),
      loadRegistry(db),
      restoredVersions(db),
    ]);
    const body: RegistryVersionsResponse = {
      current: current.version,
      versions: versions
        .map((v, i) => ({
          version: v.version,
          createdAt: v.createdAt,
          createdBy: v.createdBy,
          changes: [
            ...(restored.has(v.version) ? [`恢复为第 ${restored.get(v.version)} 版`] : []),
            ...registryChanges(versions[i - 1]?.registry ?? DEFAULT_REGISTRY, v.registry),
          ],
        }))
        .reverse(),
    };
    return c.json(body);
  })
  .get("/versions/:version", requireRole("admin", "office"), async (c) => {
    const param = c.req.param("version");
    if (!RESTORED_FROM_PATTERN.test(param))
      throw badRequest("版本号应为正整数，例如 /api/registry/versions/3。");
    const found = await registryVersion(c.env.DB, Number(param));
    if (!found) throw notFound(`没有第 ${param} 版登记信息。`);
    const answer: RegistryVersionResponse = {
      version: found.version,
      createdAt: found.createdAt,
      createdBy: found.createdBy,
      registry: found.body,
    };
    return c.json(answer);
  })
  .post("/rejudge", requireRole("admin"), body(RejudgeRequestSchema), async (c) => {
    const { year, apply } = c.req.valid("json");
    const answer = await rejudge(
      c.env.DB,
      await c.var.registry(),
      year,
      c.get("asOf"),
      apply ?? false,
      c.get("user"),
    );
    return c.json(answer);
  });
