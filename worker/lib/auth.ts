import { createMiddleware } from "hono/factory";
import type { Role } from "../../shared/api";
import type { AppEnv } from "../env";
import { ApiError, forbidden } from "../errors";
import { userByTokenHash } from "../db/users";
import { sha256Hex } from "./crypto";

/** Bearer token → user; unknown or revoked tokens are 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S{8,200})\s*$/i.exec(header);
  if (!match)
    throw new ApiError(
      401,
      "unauthorized",
      "请先登录：请求需要携带有效的访问令牌（Authorization: Bearer …）。",
    );
  const user = await userByTokenHash(c.env.DB, await sha256Hex(match[1]));
  if (!user) throw new ApiError(401, "unauthorized", "访问令牌无效或已被撤销，请向镇党建办申请新的令牌。");
  c.set("user", user);
  await next();
});

export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get("user").role)) throw forbidden();
    await next();
  });
