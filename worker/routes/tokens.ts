import { Hono } from "hono";
import { TokenCreateSchema } from "../../shared/api";
import type { AppEnv } from "../env";
import { badRequest, notFound } from "../errors";
import { insertTokenStatement, revokeTokenStatement, tokenById, userById } from "../db/users";
import { auditStatement } from "../db/audit";
import { requireRole } from "../lib/auth";
import { body } from "../lib/validate";
import { newId, newToken, sha256Hex } from "../lib/crypto";
import { nowIso, todayShanghai } from "../lib/dates";

/** The first instant after a Shanghai calendar date, as the UTC ISO text tokens store. */
const endOfDay = (date: string) =>
  new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

export const tokens = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .post("/", body(TokenCreateSchema), async (c) => {
    const { userId, expiresAt: lastDay } = c.req.valid("json");
    if (!(await userById(c.env.DB, userId))) throw notFound("未找到该用户。");
    if (lastDay !== undefined && lastDay < todayShanghai()) throw badRequest("令牌的到期日不能早于今天。");
    const expiresAt = lastDay === undefined ? null : endOfDay(lastDay);
    const token = newToken();
    const id = newId();
    const at = nowIso();
    const db = c.env.DB;
    await db.batch([
      insertTokenStatement(db, id, userId, await sha256Hex(token), at, expiresAt),
      auditStatement(db, c.get("user"), "token.create", id, { userId, expiresAt }, at),
    ]);
    // The token itself appears in this response only; D1 keeps its SHA-256.
    return c.json({ id, userId, token, createdAt: at, expiresAt }, 201);
  })
  .delete("/:id", async (c) => {
    const id = c.req.param("id");
    const db = c.env.DB;
    const token = await tokenById(db, id);
    if (!token) throw notFound("未找到该令牌。");
    const at = nowIso();
    await db.batch([
      revokeTokenStatement(db, id, at),
      auditStatement(db, c.get("user"), "token.revoke", id, { userId: token.user_id }, at),
    ]);
    return c.json({ id, revokedAt: token.revoked_at ?? at });
  });
