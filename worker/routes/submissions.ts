import { Hono, type Context } from "hono";
import {
  OFFICE_SCOPE,
  ReturnRequestSchema,
  SubmissionListQuerySchema,
  SubmissionQuerySchema,
  SubmissionRequestSchema,
  type SubmissionDetail,
} from "../../shared/api";
import type { Finding } from "../../shared/findings";
import type { Summary } from "../../shared/figures";
import { maskIdsInText } from "../../shared/privacy";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../errors";
import { auditStatement } from "../db/audit";
import { currentGuardStatement } from "../db/guards";
import { recordsOf } from "../db/records";
import {
  listSubmissions,
  returnStatement,
  sheetOf,
  submissionById,
  toItem,
  type SubmissionRow,
} from "../db/submissions";
import { requireRole } from "../lib/auth";
import { nowIso } from "../lib/dates";
import { branchNamed, scopeFor } from "../lib/scope";
import { body, query } from "../lib/validate";
import { submissionBodyLimit, submit } from "../submit";
import { breathe } from "../submit/refusals";

/** The submission, when the caller may read it. */
async function visible(c: Context<AppEnv>, id: string) {
  const row = await submissionById(c.env.DB, id);
  if (!row) throw notFound("未找到该报送。");
  scopeFor(c.get("user"), row.scope);
  return row;
}

const notCurrent = (row: SubmissionRow) =>
  new ApiError(
    "not-current",
    row.current_version === null
      ? `这是第 ${row.version} 版，已不是当前版本，只能退回当前版本。`
      : `这是第 ${row.version} 版，当前版本是第 ${row.current_version} 版；只能退回当前版本。`,
  );

export const submissions = new Hono<AppEnv>()
  .post("/", submissionBodyLimit, body(SubmissionRequestSchema), async (c) => {
    await breathe();
    return submit(c, c.req.valid("json"));
  })
  .get("/", query(SubmissionListQuerySchema), async (c) => {
    const { year, kind, branch, all } = c.req.valid("query");
    const named =
      branch === undefined || branch === ""
        ? null
        : branch === OFFICE_SCOPE
          ? OFFICE_SCOPE
          : branchNamed(branch, (await c.var.registry()).registry);
    const scope = scopeFor(c.get("user"), named) ?? undefined;
    return c.json({ submissions: await listSubmissions(c.env.DB, { year, kind, scope, all }) });
  })
  .get("/:id", query(SubmissionQuerySchema), async (c) => {
    const row = await visible(c, c.req.param("id"));
    const detail: SubmissionDetail = {
      ...toItem(row),
      findings: JSON.parse(row.findings) as Finding[],
      findingCounts: JSON.parse(row.finding_counts) as Record<string, number>,
      summary: JSON.parse(row.summary) as Summary,
      records: await recordsOf(c.env.DB, row.id),
    };
    if (!c.req.valid("query").raw) return c.json(detail);
    const sheet = await sheetOf(c.env.DB, row.id);
    return c.json({
      ...detail,
      sheet: sheet ? (JSON.parse(sheet) as NonNullable<SubmissionDetail["sheet"]>) : undefined,
    });
  })
  .post("/:id/return", requireRole("admin", "office"), body(ReturnRequestSchema), async (c) => {
    const comment = maskIdsInText(c.req.valid("json").comment);
    const row = await visible(c, c.req.param("id"));
    // 退回 speaks to the branch about what is current; an older version is not what it sees.
    if (row.current !== 1) throw notCurrent(row);
    const at = nowIso();
    const user = c.get("user");
    const db = c.env.DB;
    try {
      await db.batch([
        currentGuardStatement(db, row.id),
        returnStatement(db, row.id, comment, user.id, at),
        auditStatement(
          db,
          user,
          "submission.return",
          row.id,
          { kind: row.kind, scope: row.scope, period: row.period, comment },
          at,
        ),
      ]);
    } catch (err) {
      // Another version became current between the read and the update.
      const now = await submissionById(db, row.id);
      if (now && now.current !== 1) throw notCurrent(now);
      throw err;
    }
    return c.json(toItem((await submissionById(db, row.id)) ?? row));
  });
