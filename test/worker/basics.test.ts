import { beforeAll, describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import { BRANCH1, call, seedUsers, TOKENS, USERS } from "./helpers";

beforeAll(seedUsers);

describe("health, me and registry", () => {
  it("answers health without a token, with the schema version", async () => {
    const res = await call("none", "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, service: "ledgerline", schemaVersion: 5 });
  });

  it("refuses a request without a token with 401 and the error shape", async () => {
    const res = await call("none", "GET", "/api/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
    expect(typeof res.body.error.message).toBe("string");
  });

  it("tells the caller who they are", async () => {
    const res = await call("branch1", "GET", "/api/me");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: USERS.branch1.id, name: USERS.branch1.name, role: "branch", branch: BRANCH1 },
      role: "branch",
      branch: BRANCH1,
    });
  });

  it("serves the embedded 老牛湾镇 registry until one is stored", async () => {
    const res = await call("office", "GET", "/api/registry");
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(0);
    expect(res.body.registry.township.name).toBe("老牛湾镇");
    expect(res.body.registry.branches.map((b: { name: string }) => b.name)[0]).toBe(BRANCH1);
  });

  it("sets framing headers Office accepts and no X-Frame-Options", async () => {
    const res = await call("none", "GET", "/api/health");
    expect(res.headers.get("X-Frame-Options")).toBeNull();
    expect(res.headers.get("Content-Security-Policy")).toContain(
      "frame-ancestors 'self' https://*.officeapps.live.com",
    );
  });

  it("allows CORS for the Worker's own origin only", async () => {
    const preflight = (origin: string) =>
      SELF.fetch("https://ledgerline.test/api/me", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "authorization",
        },
      });
    expect((await preflight("https://ledgerline.test")).headers.get("Access-Control-Allow-Origin")).toBe(
      "https://ledgerline.test",
    );
    expect((await preflight("https://evil.example")).headers.get("Access-Control-Allow-Origin")).toBeNull();
    const res = await SELF.fetch("https://ledgerline.test/api/me", {
      headers: { Origin: "https://evil.example", Authorization: `Bearer ${TOKENS.admin}` },
    });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
