/**
 * Access: every route without a token, with malformed credentials, with a revoked token, and with
 * another branch's token. A refusal carries no data; a branch never sees another branch's rows.
 */
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REGISTRY } from "../../../shared/registry";
import { BRANCH1, BRANCH2, call, newKey, problemsSheet, seedUsers } from "../helpers";

const ids = { own: "", other: "" };
let revoked = "";
let revokedAdmin = "";

const submission = (extra: Record<string, unknown> = {}) => ({
  kind: "problems",
  period: "2025",
  sheetName: "民情问题台账",
  sheet: problemsSheet(2),
  idempotencyKey: newKey(),
  ...extra,
});

/** Every route but /api/health, with a body where it takes one. */
const ROUTES: { method: string; path: () => string; body?: () => unknown }[] = [
  { method: "GET", path: () => "/api/me" },
  { method: "GET", path: () => "/api/registry" },
  { method: "PUT", path: () => "/api/registry", body: () => DEFAULT_REGISTRY },
  { method: "GET", path: () => "/api/users" },
  { method: "POST", path: () => "/api/users", body: () => ({ name: "闯入者", role: "admin" }) },
  { method: "POST", path: () => "/api/tokens", body: () => ({ userId: "u-admin" }) },
  { method: "DELETE", path: () => "/api/tokens/t-admin" },
  { method: "POST", path: () => "/api/submissions", body: () => submission({ branch: BRANCH1 }) },
  { method: "GET", path: () => "/api/submissions" },
  { method: "GET", path: () => `/api/submissions/${ids.own}` },
  { method: "GET", path: () => `/api/submissions/${ids.own}?raw=1` },
  { method: "POST", path: () => `/api/submissions/${ids.own}/return`, body: () => ({ comment: "退回" }) },
  { method: "GET", path: () => "/api/status?year=2025" },
  { method: "GET", path: () => "/api/records/problems?year=2025" },
  { method: "GET", path: () => "/api/summary?year=2025" },
  { method: "GET", path: () => "/api/audit" },
];

async function send(method: string, path: string, authorization: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (authorization !== null) headers.Authorization = authorization;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await SELF.fetch(`https://ledgerline.test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  await seedUsers();
  ids.own = (await call("branch1", "POST", "/api/submissions", submission())).body.id;
  ids.other = (
    await call(
      "branch2",
      "POST",
      "/api/submissions",
      submission({ sheet: problemsSheet(2, "乾坤湾村", "QK") }),
    )
  ).body.id;
  // A branch user and a second admin, each with a token that is then revoked.
  for (const [role, target] of [
    ["branch", "branch"],
    ["admin", "admin"],
  ] as const) {
    const user = await call("admin", "POST", "/api/users", {
      name: `将被撤销的${target}`,
      role,
      ...(role === "branch" ? { branch: BRANCH1 } : {}),
    });
    const issued = await call("admin", "POST", "/api/tokens", { userId: user.body.id });
    expect(issued.status).toBe(201);
    expect((await send("GET", "/api/me", `Bearer ${issued.body.token}`)).status).toBe(200);
    expect((await call("admin", "DELETE", `/api/tokens/${issued.body.id}`)).status).toBe(200);
    if (role === "branch") revoked = issued.body.token;
    else revokedAdmin = issued.body.token;
  }
});

const CREDENTIALS: [string, () => string | null][] = [
  ["no Authorization header", () => null],
  ["an empty header", () => ""],
  ["Bearer without a token", () => "Bearer"],
  ["Bearer and spaces", () => "Bearer    "],
  ["a short token", () => "Bearer abc"],
  ["an unknown token", () => "Bearer ll_this-token-was-never-issued-000000000000"],
  ["a 10,000-character token", () => `Bearer ${"a".repeat(10_000)}`],
  ["Basic credentials", () => `Basic ${btoa("admin:admin")}`],
  ["a SQL payload", () => "Bearer ' OR '1'='1' --"],
  [
    "the token hash instead of the token",
    () => "Bearer 0000000000000000000000000000000000000000000000000000000000000000",
  ],
  ["a revoked branch token", () => `Bearer ${revoked}`],
  ["a revoked admin token", () => `Bearer ${revokedAdmin}`],
  ["a revoked token in lower-case bearer", () => `bearer ${revokedAdmin}`],
];

describe("without valid credentials", () => {
  it.each(CREDENTIALS)("every route answers 401 with no data to %s", async (_what, auth) => {
    for (const r of ROUTES) {
      const res = await send(r.method, r.path(), auth(), r.body?.());
      expect([r.method, r.path(), res.status]).toEqual([r.method, r.path(), 401]);
      const body = JSON.parse(res.text);
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.code).toBe("unauthorized");
      expect(res.text).not.toContain("MQ-");
    }
  });

  it("ignores a token passed in the query string", async () => {
    const res = await send("GET", `/api/me?token=${encodeURIComponent("ll_test-admin-token-0001")}`, null);
    expect(res.status).toBe(401);
  });

  it("still serves /api/health to anyone, with no data", async () => {
    const res = await send("GET", "/api/health", `Bearer ${revokedAdmin}`);
    expect(res.status).toBe(200);
    expect(Object.keys(JSON.parse(res.text)).sort()).toEqual(["ok", "schemaVersion", "service"]);
  });
});

describe("with another branch's token", () => {
  const CASES: { label: string; method: string; path: () => string; body?: () => unknown }[] = [
    { label: "branch1's submission", method: "GET", path: () => `/api/submissions/${ids.own}` },
    { label: "branch1's raw sheet", method: "GET", path: () => `/api/submissions/${ids.own}?raw=1` },
    {
      label: "returning branch1's submission",
      method: "POST",
      path: () => `/api/submissions/${ids.own}/return`,
      body: () => ({ comment: "退回" }),
    },
    {
      label: "branch1's list",
      method: "GET",
      path: () => `/api/submissions?branch=${encodeURIComponent(BRANCH1)}`,
    },
    { label: "branch1's list by alias", method: "GET", path: () => "/api/submissions?branch=老牛湾" },
    {
      label: "submitting for branch1",
      method: "POST",
      path: () => "/api/submissions",
      body: () => submission({ branch: BRANCH1 }),
    },
    {
      label: "submitting for branch1 by alias",
      method: "POST",
      path: () => "/api/submissions",
      body: () => submission({ branch: "老牛湾村支部" }),
    },
    { label: "all records", method: "GET", path: () => "/api/records/problems?year=2025" },
    { label: "the township summary", method: "GET", path: () => "/api/summary?year=2025" },
    { label: "the audit log", method: "GET", path: () => "/api/audit" },
    { label: "the users", method: "GET", path: () => "/api/users" },
    { label: "the registry", method: "PUT", path: () => "/api/registry", body: () => DEFAULT_REGISTRY },
    {
      label: "a token for branch1",
      method: "POST",
      path: () => "/api/tokens",
      body: () => ({ userId: "u-branch1" }),
    },
    { label: "revoking branch1's token", method: "DELETE", path: () => "/api/tokens/t-branch1" },
  ];
  it.each(CASES)("refuses $label ($method) with 403 and no data", async ({ method, path, body }) => {
    const res = await call("branch2", method, path(), body?.());
    expect(res.status).toBe(403);
    expect(Object.keys(res.body)).toEqual(["error"]);
    expect(JSON.stringify(res.body)).not.toContain("MQ-");
  });

  it("lists, and reports status for, its own branch only", async () => {
    const list = await call("branch2", "GET", "/api/submissions?all=1");
    expect(list.status).toBe(200);
    expect(list.body.submissions.map((s: { scope: string }) => s.scope)).toEqual([BRANCH2]);
    const status = await call("branch2", "GET", "/api/status?year=2025");
    expect(status.status).toBe(200);
    expect(status.body.rows.map((r: { scope: string }) => r.scope)).toEqual([BRANCH2]);
    expect(JSON.stringify(status.body)).not.toContain(ids.own);
  });

  it("cannot reach another branch's submission by id guessing or by a replayed idempotency key", async () => {
    const mine = await call("branch1", "GET", `/api/submissions/${ids.own}`);
    expect(mine.status).toBe(200);
    expect((await call("branch2", "GET", `/api/submissions/${ids.own.toUpperCase()}`)).status).toBe(404);
    // branch2 reusing a key branch1 used gets its own submission, never branch1's receipt.
    const key = newKey();
    const first = await call(
      "branch1",
      "POST",
      "/api/submissions",
      submission({ idempotencyKey: key, sheet: problemsSheet(2, "老牛湾村", "GUESS") }),
    );
    expect(first.status).toBe(201);
    const second = await call(
      "branch2",
      "POST",
      "/api/submissions",
      submission({ idempotencyKey: key, sheet: problemsSheet(2, "乾坤湾村", "QK2") }),
    );
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.scope).toBe(BRANCH2);
  });

  it("keeps the other branch's records unchanged after all of the above", async () => {
    const detail = await call("office", "GET", `/api/submissions/${ids.own}`);
    expect(detail.body.status).toBe("submitted");
    expect(detail.body.records.map((r: { values: Record<string, unknown> }) => r.values["编号"])).toEqual([
      "MQ-00001",
      "MQ-00002",
    ]);
  });
});
