import { Hono } from "hono";
import { ReportQuerySchema } from "../../shared/api";
import { buildPeriodReport } from "../../shared/period-report/content";
import type { PeriodReport } from "../../shared/period-report/schema";
import type { AppEnv } from "../env";
import { townshipRecords } from "../db/records";
import { requireRole } from "../lib/auth";
import { branchNamed, scopeFor } from "../lib/scope";
import { statusMatrix } from "../lib/status";
import { query } from "../lib/validate";

/**
 * GET /api/report?year=&quarter=&branch=: the 季总结 / 年盘点 draft as JSON, its figures from the
 * function behind /api/summary. Admin and office: the township's or any branch's; a branch: its own.
 */
export const report = new Hono<AppEnv>().get(
  "/",
  requireRole("admin", "office", "branch"),
  query(ReportQuerySchema),
  async (c) => {
    const asOf = c.get("asOf");
    const { year, quarter, branch: named } = c.req.valid("query");
    const { registry } = await c.var.registry();
    const branch = scopeFor(c.get("user"), named === undefined ? null : branchNamed(named, registry));
    const lastYear = String(Number(year) - 1);
    const [current, before, status] = await Promise.all([
      townshipRecords(c.env.DB, year, registry),
      townshipRecords(c.env.DB, lastYear, registry),
      statusMatrix(c.env.DB, registry, year, asOf, branch),
    ]);
    const body: PeriodReport = buildPeriodReport({
      year,
      quarter,
      branch,
      asOf,
      registry,
      staff: current.staff,
      records: { year: current.records, lastYear: before.records },
      status,
    });
    return c.json(body);
  },
);
