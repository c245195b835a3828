import { createMiddleware } from "hono/factory";
import type { Role } from "../../shared/api";
import type { AppEnv } from "../env";
import { ApiError, forbidden } from "../errors";
import { userByTokenHash, type TokenRefusal } from "../db/users";
import { sha256Hex } from "./crypto";
import { nowIso } from "./dates";

const REFUSED: Record<TokenRefusal, string> = {
  unknown: "访问令牌无效或已被撤销，请向镇党建办申请新的令牌。",
  revoked: "访问令牌无效或已被撤销，请向镇党建办申请新的令牌。",
  expired: "访问令牌已过期，请向镇党建办申请新的令牌。",
  disabled: "该账号已停用，请与镇党建办联系。",
};

/** Bearer token → user; unknown, revoked and expired tokens, and tokens of disabled users, are 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S{8,200})\s*$/i.exec(header);
  if (!match)
    throw new ApiError("unauthorized", "请先登录：请求需要携带有效的访问令牌（Authorization: Bearer …）。");
  const found = await userByTokenHash(c.env.DB, await sha256Hex(match[1]), nowIso());
  if ("refused" in found) throw new ApiError("unauthorized", REFUSED[found.refused]);
  c.set("user", found.user);
  c.set("remaskPending", found.remaskPending);
  await next();
});

export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get("user").role)) throw forbidden();
    await next();
  });
