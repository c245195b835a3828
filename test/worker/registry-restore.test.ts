/**
 * 恢复为此版 through the real Worker and D1: GET /api/registry/versions/:version answers a stored
 * version's body as it was saved, and restoring is the ordinary PUT /api/registry with that body
 * (?restoredFrom=N), a new version that says so in the version list and the audit.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Registry } from "../../shared/registry";
import { FLOOD_REGISTRY } from "../fixtures/township";
import { call, seedUsers } from "./helpers";

/** Version 2: the admin deleted a branch by mistake and set 主题党日 to quarterly. */
const MISTAKE: Registry = {
  ...FLOOD_REGISTRY,
  branches: FLOOD_REGISTRY.branches.slice(1),
  settings: {
    ...FLOOD_REGISTRY.settings,
    cadence: { ...FLOOD_REGISTRY.settings?.cadence, 主题党日: "quarter" },
  },
};

const storedBody = async (version: number) => {
  const row = await env.DB.prepare("SELECT body FROM registry_versions WHERE version = ?1")
    .bind(version)
    .first<{ body: string }>();
  return JSON.parse(row?.body ?? "null") as unknown;
};

beforeAll(async () => {
  await seedUsers();
  expect((await call("admin", "PUT", "/api/registry", FLOOD_REGISTRY)).body.version).toBe(1);
  expect((await call("admin", "PUT", "/api/registry", MISTAKE)).body.version).toBe(2);
});

describe("GET /api/registry/versions/:version", () => {
  it("answers a stored version with who and when, its body exactly as stored, to the admin and the office", async () => {
    const stored = await storedBody(1);
    expect(stored).toEqual(FLOOD_REGISTRY);
    for (const who of ["admin", "office"] as const) {
      const res = await call(who, "GET", "/api/registry/versions/1");
      expect([res.status, res.body]).toEqual([
        200,
        { version: 1, createdAt: expect.any(String), createdBy: "镇管理员", registry: stored },
      ]);
    }
    const second = await call("admin", "GET", "/api/registry/versions/2");
    expect(second.body.registry).toEqual(await storedBody(2));
    expect(second.body.registry.branches).toHaveLength(FLOOD_REGISTRY.branches.length - 1);
  });

  it("is refused to a branch, 404 for a version never stored, 400 for one that is not a number", async () => {
    expect((await call("branch1", "GET", "/api/registry/versions/1")).status).toBe(403);
    const unknown = await call("admin", "GET", "/api/registry/versions/99");
    expect([unknown.status, unknown.body]).toEqual([
      404,
      { error: { code: "not-found", message: "没有第 99 版登记信息。" } },
    ]);
    for (const bad of ["abc", "1.5", "0", "-1", "01"]) {
      const res = await call("admin", "GET", `/api/registry/versions/${bad}`);
      expect([bad, res.status, res.body.error.code]).toEqual([bad, 400, "bad-request"]);
    }
    expect((await call("admin", "GET", "/api/registry/versions/x")).body.error.message).toBe(
      "版本号应为正整数，例如 /api/registry/versions/3。",
    );
  });
});

describe("restoring a version through PUT /api/registry", () => {
  it("refuses restoredFrom naming no stored version, or not a number, and saves nothing", async () => {
    const body = await storedBody(1);
    const missing = await call("admin", "PUT", "/api/registry?restoredFrom=42", body);
    expect([missing.status, missing.body.error.message]).toEqual([
      400,
      "没有第 42 版登记信息，无法记为从该版恢复。",
    ]);
    const word = await call("admin", "PUT", "/api/registry?restoredFrom=one", body);
    expect([word.status, word.body.error.code]).toEqual([400, "bad-request"]);
    expect((await call("office", "PUT", "/api/registry?restoredFrom=1", body)).status).toBe(403);
    expect((await call("admin", "GET", "/api/registry/versions")).body.current).toBe(2);
  });

  it("stores a new version whose body equals the old one, said so first in the list and in the audit", async () => {
    const old = (await call("admin", "GET", "/api/registry/versions/1")).body.registry;
    const put = await call("admin", "PUT", "/api/registry?restoredFrom=1", old);
    expect([put.status, put.body.version, put.body.registry]).toEqual([200, 3, FLOOD_REGISTRY]);
    expect(await storedBody(3)).toEqual(await storedBody(1));
    expect((await call("office", "GET", "/api/registry/versions/3")).body.registry).toEqual(old);

    const versions = await call("admin", "GET", "/api/registry/versions");
    const lines = versions.body.versions.map((v: { version: number; changes: string[] }) => [
      v.version,
      v.changes[0],
    ]);
    expect(versions.body.current).toBe(3);
    expect(lines).toEqual([
      [3, "恢复为第 1 版"],
      [2, `删除支部“${FLOOD_REGISTRY.branches[0].name}”`],
      [1, "新增本镇台账“防汛值班台账”（5 列）"],
    ]);
    const restoredChanges = versions.body.versions[0].changes;
    expect(restoredChanges.slice(1)).toContain(`新增支部“${FLOOD_REGISTRY.branches[0].name}”`);

    const audit = await env.DB.prepare(
      "SELECT user_name, detail FROM audit WHERE action = 'registry.put' ORDER BY id",
    ).all<{ user_name: string; detail: string }>();
    const details = audit.results.map((r) => JSON.parse(r.detail) as Record<string, unknown>);
    expect(details.map((d) => [d.version, d.restoredFrom])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, 1],
    ]);
    // The audit keeps the plain changes; the version list adds 恢复为第 1 版 from restoredFrom.
    expect(details[2].changes).toEqual(restoredChanges.slice(1));
  });

  it("shows an old body today's schema refuses, and refuses to restore it on its fields, saving nothing", async () => {
    // A version stored under an older schema: its township ledger reuses a built-in kind's id.
    const old = { ...FLOOD_REGISTRY, ledgers: [{ ...FLOOD_REGISTRY.ledgers?.[0], id: "members" }] };
    await env.DB.batch([
      env.DB.prepare("UPDATE registry SET version = 4, body = ?1 WHERE id = 1").bind(JSON.stringify(old)),
      env.DB.prepare(
        `INSERT INTO registry_versions (version, body, created_at, created_by, created_by_name)
         VALUES (4, ?1, '2024-01-01T00:00:00.000Z', 'u-admin', '镇管理员')`,
      ).bind(JSON.stringify(old)),
    ]);
    const shown = await call("admin", "GET", "/api/registry/versions/4");
    expect([shown.status, shown.body.registry]).toEqual([200, old]);
    const put = await call("admin", "PUT", "/api/registry?restoredFrom=4", shown.body.registry);
    expect([put.status, put.body.error.message]).toEqual([
      400,
      "登记信息有 1 处需要修改：本镇台账第 1 种“防汛值班台账” · 编号：编号“members”已是内置台账“党员花名册”的编号，请换一个",
    ]);
    expect((await call("admin", "GET", "/api/registry/versions")).body.current).toBe(4);
  });
});
