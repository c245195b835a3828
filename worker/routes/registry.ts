import { Hono } from "hono";
import { maskIds } from "../../shared/privacy";
import { RegistrySchema } from "../../shared/registry";
import type { AppEnv } from "../env";
import { loadRegistry, saveRegistryStatement } from "../db/registry";
import { auditStatement } from "../db/audit";
import { requireRole } from "../lib/auth";
import { body } from "../lib/validate";
import { nowIso } from "../lib/dates";

export const registry = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await c.var.registry()))
  .put("/", requireRole("admin"), body(RegistrySchema), async (c) => {
    // Names are stored and shown to every role: an ID number typed into one is masked like any text.
    const registry = maskIds(c.req.valid("json"));
    const user = c.get("user");
    const at = nowIso();
    const db = c.env.DB;
    await db.batch([
      saveRegistryStatement(db, registry, at, user.id),
      auditStatement(
        db,
        user,
        "registry.put",
        "registry",
        { branches: registry.branches.length, staff: registry.staff?.length ?? 0 },
        at,
      ),
    ]);
    return c.json(await loadRegistry(db));
  });
