import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { BRANCH1, BRANCH2, call, problemsSheet, seedUsers, problemsSubmission } from "./helpers";

const problems2024 = (n: number, village: string) => {
  const sheet = problemsSheet(n, village);
  sheet.values[0][0] = "2024年民情问题台账";
  for (const row of sheet.values.slice(2)) {
    row[1] = String(row[1]).replace("2025", "2024");
    if (row[6]) row[6] = String(row[6]).replace("2025", "2024");
  }
  return sheet;
};

beforeAll(async () => {
  await seedUsers();
  for (const [who, village, n] of [
    ["branch1", "老牛湾村", 3],
    ["branch2", "乾坤湾村", 2],
  ] as const) {
    const res = await call(
      who,
      "POST",
      "/api/submissions",
      problemsSubmission(problems2024(n, village), { period: "2024" }),
    );
    expect(res.status).toBe(201);
  }
});

describe("users and tokens", () => {
  it("creates a branch user by alias, issues a token shown once, and revokes it", async () => {
    const user = await call("admin", "POST", "/api/users", {
      name: "麦虎村书记",
      role: "branch",
      branch: "麦虎",
    });
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({ name: "麦虎村书记", role: "branch", branch: "麦虎村党支部" });
    const token = await call("admin", "POST", "/api/tokens", { userId: user.body.id });
    expect(token.status).toBe(201);
    expect(token.body.token).toMatch(/^ll_[A-Za-z0-9_-]{43}$/);
    const me = await SELF.fetch("https://ledgerline.test/api/me", {
      headers: { Authorization: `Bearer ${token.body.token}` },
    });
    expect(me.status).toBe(200);
    const listed = await call("admin", "GET", "/api/users");
    expect(JSON.stringify(listed.body)).not.toContain(token.body.token);
    const revoked = await call("admin", "DELETE", `/api/tokens/${token.body.id}`);
    expect(revoked.status).toBe(200);
    const after = await SELF.fetch("https://ledgerline.test/api/me", {
      headers: { Authorization: `Bearer ${token.body.token}` },
    });
    expect(after.status).toBe(401);
  });

  it("refuses a branch user without a registry branch", async () => {
    const res = await call("admin", "POST", "/api/users", {
      name: "某人",
      role: "branch",
      branch: "不存在村",
    });
    expect(res.status).toBe(400);
    const missing = await call("admin", "DELETE", "/api/tokens/nope");
    expect(missing.status).toBe(404);
  });
});

describe("registry", () => {
  it("replaces the registry (validated) and versions it", async () => {
    const bad = await call("admin", "PUT", "/api/registry", { ...DEFAULT_REGISTRY, dueDay: 40 });
    expect(bad.status).toBe(400);
    const res = await call("admin", "PUT", "/api/registry", { ...DEFAULT_REGISTRY, dueDay: 10 });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.registry.dueDay).toBe(10);
    const again = await call("admin", "PUT", "/api/registry", DEFAULT_REGISTRY);
    expect(again.body.version).toBe(2);
  });
});

describe("status, records, summary, audit", () => {
  it("shows late, missing and pending cells for the whole township", async () => {
    const res = await call("office", "GET", "/api/status?year=2024");
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { scope: string }) => r.scope)).toEqual([
      ...DEFAULT_REGISTRY.branches.map((b) => b.name),
      "office",
    ]);
    const cell = (scope: string, kind: string, period = "2024") =>
      res.body.rows
        .find((r: { scope: string }) => r.scope === scope)
        .cells.find((c: { kind: string; period: string }) => c.kind === kind && c.period === period);
    // Submitted during this test run, long after 2025-01-05.
    expect(cell(BRANCH1, "problems")).toMatchObject({ state: "late", due: "2025-01-05", version: 1 });
    expect(cell("麦虎村党支部", "problems")).toMatchObject({ state: "missing", submissionId: null });
    expect(cell("office", "fieldwork", "2024-03")).toMatchObject({ state: "missing", due: "2024-04-05" });
    expect(res.body.counts.late).toBe(2);
    const pending = await call("office", "GET", "/api/status?year=2025");
    expect(pending.body.rows[0].cells.find((c: { kind: string }) => c.kind === "problems").state).toBe(
      "pending",
    );
  });

  it("lets a branch see its own row only", async () => {
    const res = await call("branch2", "GET", "/api/status?year=2024");
    expect(res.body.rows.map((r: { scope: string }) => r.scope)).toEqual([BRANCH2]);
  });

  it("gives every branch's current rows with 提交单位 for consolidation", async () => {
    const res = await call("admin", "GET", "/api/records/problems?year=2024");
    expect(res.status).toBe(200);
    expect(res.body.columns[0]).toBe("提交单位");
    expect(res.body.rows).toHaveLength(5);
    expect(res.body.rows.map((r: { values: Record<string, unknown> }) => r.values["提交单位"])).toEqual(
      [BRANCH1, BRANCH1, BRANCH1, BRANCH2, BRANCH2].sort(),
    );
    const unknown = await call("admin", "GET", "/api/records/nope?year=2024");
    expect(unknown.status).toBe(404);
  });

  it("sums each kind per branch and in total", async () => {
    const res = await call("office", "GET", "/api/summary?year=2024");
    expect(res.status).toBe(200);
    const problems = res.body.kinds.find((k: { kind: string }) => k.kind === "problems");
    expect(problems.rows).toBe(5);
    expect(problems.byBranch[BRANCH1].total).toBe(3);
    expect(problems.byBranch[BRANCH2].total).toBe(2);
    expect(problems.total.total).toBe(5);
    expect(problems.total.resolved).toBe(1);
  });

  it("logs who did what, filtered by date", async () => {
    const res = await call("admin", "GET", "/api/audit?from=2000-01-01&to=2999-12-31");
    expect(res.status).toBe(200);
    const actions = res.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toContain("submission.create");
    expect(actions).toContain("registry.put");
    expect(actions).toContain("token.create");
    expect(actions).toContain("token.revoke");
    const none = await call("admin", "GET", "/api/audit?from=2000-01-01&to=2000-01-02");
    expect(none.body.entries).toEqual([]);
    const bad = await call("admin", "GET", "/api/audit?from=2025-02-30");
    expect(bad.status).toBe(400);
  });
});

describe("unknown paths", () => {
  it("answers 404 in the error shape for an unknown API path", async () => {
    const res = await call("admin", "GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not-found");
  });
});
