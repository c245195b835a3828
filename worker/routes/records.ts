import { Hono } from "hono";
import { OFFICE_LABEL, OFFICE_SCOPE, YearQuerySchema, type RecordsResponse } from "../../shared/api";
import { kindById } from "../../shared/kinds";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { currentRecordsOfYear } from "../db/records";
import { requireRole } from "../lib/auth";
import { query } from "../lib/validate";

const UNIT = "提交单位";

/** GET /api/records/:kind: every branch's current rows of a kind (returned submissions left out). */
export const records = new Hono<AppEnv>().get(
  "/:kind",
  requireRole("admin", "office"),
  query(YearQuerySchema),
  async (c) => {
    const kind = kindById(c.req.param("kind"), (await c.var.registry()).registry);
    if (!kind) throw notFound("未知的台账类型。");
    const year = c.req.valid("query").year ?? c.get("asOf").slice(0, 4);
    const rows = await currentRecordsOfYear(c.env.DB, year, kind.id);
    const body: RecordsResponse = {
      kind: kind.id,
      title: kind.title,
      year,
      columns: [UNIT, ...kind.columns.map((col) => col.name)],
      rows: rows.map((r) => ({
        submissionId: r.submission_id,
        scope: r.scope,
        period: r.period,
        row: r.row_no,
        values: {
          [UNIT]: r.scope === OFFICE_SCOPE ? OFFICE_LABEL : r.scope,
          ...(JSON.parse(r.data) as RecordsResponse["rows"][number]["values"]),
        },
      })),
    };
    return c.json(body);
  },
);
