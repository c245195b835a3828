import { Hono } from "hono";
import type { AppEnv } from "../env";

export const health = new Hono<AppEnv>().get("/", async (c) => {
  const row = await c.env.DB.prepare("SELECT value FROM meta WHERE key = 'schema_version'").first<{
    value: string;
  }>();
  return c.json({ ok: true, service: "ledgerline", schemaVersion: Number(row?.value ?? 0) });
});
