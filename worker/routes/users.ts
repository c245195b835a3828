import { Hono } from "hono";
import { UserCreateSchema, type User } from "../../shared/api";
import { branchMatcher } from "../../shared/registry";
import type { AppEnv } from "../env";
import { badRequest } from "../errors";
import { loadRegistry } from "../db/registry";
import { insertUserStatement, listUsers } from "../db/users";
import { auditStatement } from "../db/audit";
import { requireRole } from "../lib/auth";
import { readBody } from "../lib/body";
import { newId } from "../lib/crypto";
import { nowIso } from "../lib/dates";

export const users = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", async (c) => c.json({ users: await listUsers(c.env.DB) }))
  .post("/", async (c) => {
    const body = await readBody(c, UserCreateSchema);
    let branch: string | null = null;
    if (body.role === "branch") {
      if (!body.branch) throw badRequest("支部用户需要指定所属支部（branch）。");
      const { registry } = await loadRegistry(c.env.DB);
      branch = branchMatcher(registry).match(body.branch);
      if (!branch) throw badRequest(`“${body.branch}”不是名册中的支部。`);
    } else if (body.branch) {
      throw badRequest("只有支部用户（role 为 branch）可以指定所属支部。");
    }
    const user: User = { id: newId(), name: body.name, role: body.role, branch };
    const at = nowIso();
    const db = c.env.DB;
    await db.batch([
      insertUserStatement(db, user, at),
      auditStatement(db, c.get("user"), "user.create", user.id, user, at),
    ]);
    return c.json(user, 201);
  });
