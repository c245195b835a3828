import { Hono } from "hono";
import { YearQuerySchema } from "../../shared/api";
import { townshipSummary } from "../../shared/township";
import type { AppEnv } from "../env";
import { townshipRecords } from "../db/records";
import { requireRole } from "../lib/auth";
import { query } from "../lib/validate";

/**
 * GET /api/summary: each kind's figures per 提交单位 and in total, from the current submissions,
 * through `townshipSummary` (the same function the 季总结 / 年盘点 report uses).
 */
export const summary = new Hono<AppEnv>().get(
  "/",
  requireRole("admin", "office"),
  query(YearQuerySchema),
  async (c) => {
    const asOf = c.get("asOf");
    const year = c.req.valid("query").year ?? asOf.slice(0, 4);
    const { registry } = await c.var.registry();
    const { records, staff } = await townshipRecords(c.env.DB, year, registry);
    return c.json(townshipSummary(records, { year, asOf, registry, staff }));
  },
);
