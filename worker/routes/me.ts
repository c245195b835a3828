import { Hono } from "hono";
import type { AppEnv } from "../env";

export const me = new Hono<AppEnv>().get("/", (c) => {
  const { tokenId: _tokenId, ...user } = c.get("user");
  return c.json({ user, role: user.role, branch: user.branch });
});
