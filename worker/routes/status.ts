import { Hono } from "hono";
import { YearQuerySchema } from "../../shared/api";
import type { AppEnv } from "../env";
import { scopeFor } from "../lib/scope";
import { statusMatrix } from "../lib/status";
import { query } from "../lib/validate";

/** GET /api/status: branch × kind × period — submitted, late, returned, missing (past due) or pending. */
export const status = new Hono<AppEnv>().get("/", query(YearQuerySchema), async (c) => {
  const asOf = c.get("asOf");
  const year = c.req.valid("query").year ?? asOf.slice(0, 4);
  const { registry } = await c.var.registry();
  return c.json(await statusMatrix(c.env.DB, registry, year, asOf, scopeFor(c.get("user"), null)));
});
