import { Hono } from "hono";
import { AuditQuerySchema } from "../../shared/api";
import type { AppEnv } from "../env";
import { listAudit } from "../db/audit";
import { requireRole } from "../lib/auth";
import { query } from "../lib/validate";

/** A Shanghai calendar date's first instant, as the UTC ISO text the audit log stores. */
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const dayAfter = (date: string) =>
  new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/** GET /api/audit?from=&to= (Shanghai dates, inclusive): newest first, at most 5,000 entries. */
export const audit = new Hono<AppEnv>().get("/", requireRole("admin"), query(AuditQuerySchema), async (c) => {
  const { from, to } = c.req.valid("query");
  const entries = await listAudit(c.env.DB, from ? startOf(from) : "", to ? dayAfter(to) : "9999", 5000);
  return c.json({ entries });
});
