import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { loadRegistry, type StoredRegistry } from "../db/registry";
import { todayShanghai } from "./dates";

/**
 * What the routes judge with, set once per request: the as-of date (today in Asia/Shanghai, or
 * the AS_OF variable of demos and tests) and the township's registry, read from D1 the first time
 * a route asks for it.
 */
export const judging = createMiddleware<AppEnv>(async (c, next) => {
  c.set("asOf", c.env.AS_OF || todayShanghai());
  let registry: Promise<StoredRegistry> | null = null;
  c.set("registry", () => (registry ??= loadRegistry(c.env.DB)));
  await next();
});
