import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { RejudgeRequestSchema, type RegistryVersionsResponse } from "../../shared/api";
import { maskIds, maskIdsInText } from "../../shared/privacy";
import { DEFAULT_REGISTRY, RegistrySchema, registryIssues } from "../../shared/registry";
import { registryChanges } from "../../shared/registry-diff";
import type { AppEnv } from "../env";
import { badRequest } from "../errors";
import { loadRegistry, registryVersions, saveRegistryStatements } from "../db/registry";
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
    const user = c.get("user");
    const at = nowIso();
    const db = c.env.DB;
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
          JSON.stringify({ branches: next.branches.length, staff: next.staff?.length ?? 0, changes }),
        ),
    ]);
    return c.json(await loadRegistry(db));
  })
  .get("/versions", requireRole("admin", "office"), async (c) => {
    const db = c.env.DB;
    const [versions, current] = await Promise.all([registryVersions(db), loadRegistry(db)]);
    const body: RegistryVersionsResponse = {
      current: current.version,
      versions: versions
        .map((v, i) => ({
          version: v.version,
          createdAt: v.createdAt,
          createdBy: v.createdBy,
          changes: registryChanges(versions[i - 1]?.registry ?? DEFAULT_REGISTRY, v.registry),
        }))
        .reverse(),
    };
    return c.json(body);
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
