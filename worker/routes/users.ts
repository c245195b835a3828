import { Hono } from "hono";
import { UserCreateSchema, UserUpdateSchema, type User } from "../../shared/api";
import { maskIdsInText } from "../../shared/privacy";
import type { AppEnv } from "../env";
import { badRequest, notFound } from "../errors";
import { disableUserStatement, insertUserStatement, listUsers, userById } from "../db/users";
import { auditStatement } from "../db/audit";
import { requireRole } from "../lib/auth";
import { branchNamed } from "../lib/scope";
import { body } from "../lib/validate";
import { newId } from "../lib/crypto";
import { nowIso } from "../lib/dates";

export const users = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", async (c) => c.json({ users: await listUsers(c.env.DB) }))
  .post("/", body(UserCreateSchema), async (c) => {
    const input = c.req.valid("json");
    let branch: string | null = null;
    if (input.role === "branch") {
      if (!input.branch) throw badRequest("支部用户需要指定所属支部（branch）。");
      branch = branchNamed(input.branch, (await c.var.registry()).registry);
    } else if (input.branch) {
      throw badRequest("只有支部用户（role 为 branch）可以指定所属支部。");
    }
    // A user name is stored and shown: an ID number typed into it is masked like any text.
    const user: User = { id: newId(), name: maskIdsInText(input.name), role: input.role, branch };
    const at = nowIso();
    const db = c.env.DB;
    await db.batch([
      insertUserStatement(db, user, at),
      auditStatement(db, c.get("user"), "user.create", user.id, user, at),
    ]);
    return c.json(user, 201);
  })
  .patch("/:id", body(UserUpdateSchema), async (c) => {
    const { disabled } = c.req.valid("json");
    const id = c.req.param("id");
    const me = c.get("user");
    if (id === me.id && disabled) throw badRequest("不能停用自己的账号。");
    const db = c.env.DB;
    if (!(await userById(db, id))) throw notFound("未找到该用户。");
    const at = nowIso();
    // Every token of the user stops at once: authentication reads the flag on each request.
    await db.batch([
      disableUserStatement(db, id, disabled ? at : null),
      auditStatement(db, me, disabled ? "user.disable" : "user.enable", id, null, at),
    ]);
    const users = await listUsers(db);
    return c.json(users.find((u) => u.id === id));
  });
