/**
 * Accounts (issue 8): a disabled user's tokens stop at once and work again when the user is
 * enabled; a token may expire; an admin cannot lock themselves out; a registry branch may not be
 * named like the office.
 */
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REGISTRY } from "../../../shared/registry";
import { BRANCH1, call, seedUsers } from "../helpers";

beforeAll(seedUsers);

async function me(token: string) {
  const res = await SELF.fetch("https://ledgerline.test/api/me", {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
}

describe("users and tokens", () => {
  it("stops every token of a disabled user at once, and lets them in again when enabled", async () => {
    const user = await call("admin", "POST", "/api/users", {
      name: "临时书记",
      role: "branch",
      branch: BRANCH1,
    });
    const first = await call("admin", "POST", "/api/tokens", { userId: user.body.id });
    const second = await call("admin", "POST", "/api/tokens", { userId: user.body.id });
    expect((await me(first.body.token)).status).toBe(200);
    const off = await call("admin", "PATCH", `/api/users/${user.body.id}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body.disabledAt).toEqual(expect.any(String));
    for (const token of [first.body.token, second.body.token]) {
      expect(await me(token)).toEqual({
        status: 401,
        body: { error: { code: "unauthorized", message: "该账号已停用，请与镇党建办联系。" } },
      });
    }
    expect((await call("admin", "PATCH", `/api/users/${user.body.id}`, { disabled: false })).status).toBe(
      200,
    );
    expect((await me(second.body.token)).status).toBe(200);
    const audit = await call("admin", "GET", "/api/audit");
    expect(audit.body.entries.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
      "user.enable",
      "user.disable",
    ]);
  });

  it("refuses an expired token, and a token that would expire before today", async () => {
    const user = await call("admin", "POST", "/api/users", { name: "短期用户", role: "office" });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const lasting = await call("admin", "POST", "/api/tokens", { userId: user.body.id, expiresAt: today });
    expect(lasting.status).toBe(201);
    // It works through the whole of its last day in Shanghai.
    expect(lasting.body.expiresAt).toBe(
      new Date(Date.parse(`${today}T00:00:00+08:00`) + 86_400_000).toISOString(),
    );
    expect((await me(lasting.body.token)).status).toBe(200);
    const past = await call("admin", "POST", "/api/tokens", {
      userId: user.body.id,
      expiresAt: "2020-01-01",
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toBe("令牌的到期日不能早于今天。");
    // A token whose day has passed: stored as D1 would hold it after that day.
    await env.DB.prepare("UPDATE tokens SET expires_at = '2020-01-02T16:00:00.000Z' WHERE id = ?")
      .bind(lasting.body.id)
      .run();
    expect(await me(lasting.body.token)).toEqual({
      status: 401,
      body: { error: { code: "unauthorized", message: "访问令牌已过期，请向镇党建办申请新的令牌。" } },
    });
    const listed = await call("admin", "GET", "/api/users");
    const tokens = listed.body.users.find((u: { id: string }) => u.id === user.body.id).tokens;
    expect(tokens).toEqual([
      expect.objectContaining({ expiresAt: "2020-01-02T16:00:00.000Z", revokedAt: null }),
    ]);
  });

  it("does not let an admin disable their own account", async () => {
    const res = await call("admin", "PATCH", "/api/users/u-admin", { disabled: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("不能停用自己的账号。");
  });

  it("lets only an admin disable a user", async () => {
    expect((await call("office", "PATCH", "/api/users/u-branch1", { disabled: true })).status).toBe(403);
    expect((await call("branch1", "PATCH", "/api/users/u-branch1", { disabled: true })).status).toBe(403);
    expect((await call("admin", "PATCH", "/api/users/nobody", { disabled: true })).status).toBe(404);
  });
});

describe("the registry", () => {
  it.each([
    ["name", { name: "office" }],
    ["name", { name: "镇党建办" }],
    ["alias", { name: "新村党支部", aliases: ["Office"] }],
    ["village", { name: "新村党支部", village: "镇党建办" }],
  ])("refuses a branch whose %s is the office's", async (_, branch) => {
    const registry = { ...DEFAULT_REGISTRY, branches: [...DEFAULT_REGISTRY.branches, branch] };
    const res = await call("admin", "PUT", "/api/registry", registry);
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      {
        path: "branches.6",
        place: `第 7 个支部“${branch.name}”`,
        message: "支部名称、村名和别名不能是“office”或“镇党建办”，这两个名称专指镇党建办。",
      },
    ]);
  });
});
