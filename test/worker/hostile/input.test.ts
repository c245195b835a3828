/**
 * Hostile request bodies and parameters through HTTP: malformed JSON, wrong content types,
 * bodies over the limit, unknown fields, kinds/periods/branches that do not exist, SQL
 * metacharacters in every text field (stored and returned verbatim), over-long text. Never a 500.
 */
import { SELF } from "cloudflare:test";
import type { BodyInit as WorkersBody } from "@cloudflare/workers-types";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, MAX_CELL_TEXT } from "../../../shared/api";
import { DEFAULT_REGISTRY } from "../../../shared/registry";
import { BRANCH1, TOKENS, call, count, newKey, problemsSheet, seedUsers } from "../helpers";

beforeAll(seedUsers);

/** Every answer of this file, for the final "never a 500" sweep. */
const statuses: { what: string; status: number }[] = [];

async function raw(
  method: string,
  path: string,
  body: BodyInit | undefined,
  contentType?: string,
  token: string = TOKENS.admin,
) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (contentType) headers["Content-Type"] = contentType;
  // The same body under the Workers types' name for it (the program also holds the DOM's).
  const init = { method, headers, body: body as unknown as WorkersBody };
  const res = await SELF.fetch(`https://ledgerline.test${path}`, init);
  const text = await res.text();
  statuses.push({ what: `${method} ${path} ${contentType ?? ""}`, status: res.status });
  let json: { error?: { code: string; message: string } } | null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

const submission = (extra: Record<string, unknown> = {}) => ({
  kind: "problems",
  period: "2025",
  sheetName: "民情问题台账",
  sheet: problemsSheet(2),
  idempotencyKey: newKey(),
  ...extra,
});

/** Every route that takes a body, with a valid body for it. */
const BODY_ROUTES: { method: string; path: string; body: () => unknown }[] = [
  { method: "PUT", path: "/api/registry", body: () => DEFAULT_REGISTRY },
  { method: "POST", path: "/api/users", body: () => ({ name: "新人", role: "office" }) },
  { method: "POST", path: "/api/tokens", body: () => ({ userId: "u-office" }) },
  { method: "POST", path: "/api/submissions", body: () => submission({ branch: BRANCH1 }) },
  { method: "POST", path: "/api/submissions/SUBMISSION/return", body: () => ({ comment: "请补充" }) },
];

let submissionId = "";
beforeAll(async () => {
  const res = await call("branch1", "POST", "/api/submissions", submission());
  expect(res.status).toBe(201);
  submissionId = res.body.id;
});
const pathOf = (p: string) => p.replace("SUBMISSION", submissionId);

describe("malformed bodies", () => {
  const MALFORMED = [
    "{",
    '{"kind":',
    "nul",
    "",
    "[]",
    '"text"',
    "null",
    "42",
    '{"a":1}{',
    "\u0000",
    '{"kind":"problems",}',
  ];

  it.each(BODY_ROUTES)("$method $path answers 400 to malformed JSON", async ({ method, path }) => {
    for (const text of MALFORMED) {
      const r = await raw(method, pathOf(path), text, "application/json");
      expect([text, r.status]).toEqual([text, 400]);
      expect(r.json?.error?.code).toBe("bad-request");
    }
  });

  it.each(BODY_ROUTES)("$method $path answers 400 to unknown fields", async ({ method, path, body }) => {
    const r = await raw(
      method,
      pathOf(path),
      JSON.stringify({ ...(body() as object), isAdmin: true }),
      "application/json",
    );
    expect(r.status).toBe(400);
  });

  it.each(BODY_ROUTES)(
    "$method $path refuses a form-encoded or multipart body, never a 500",
    async ({ method, path }) => {
      const form = await raw(
        method,
        pathOf(path),
        "kind=problems&period=2025",
        "application/x-www-form-urlencoded",
      );
      expect(form.status).toBe(400);
      const fd = new FormData();
      fd.set("kind", "problems");
      const multi = await raw(method, pathOf(path), fd);
      expect(multi.status).toBe(400);
    },
  );

  it("reads a text/plain body holding valid JSON (bearer auth, no cookies: no cross-site risk)", async () => {
    const r = await raw(
      "POST",
      "/api/submissions",
      JSON.stringify(submission({ branch: BRANCH1, sheet: problemsSheet(2, "老牛湾村", "PLAIN") })),
      "text/plain",
    );
    expect(r.status).toBe(201);
  });

  it("refuses a branch's sheet whose rows name another village, and stores nothing", async () => {
    const before = await count("submissions");
    const r = await call("branch2", "POST", "/api/submissions", submission());
    expect(r.status).toBe(422);
    expect(r.body.error.details.findings.map((f: { code: string }) => f.code)).toContain("inconsistent");
    expect(await count("submissions")).toBe(before);
  });

  it("refuses a body over the limit with 413, stored nothing", async () => {
    const before = await count("submissions");
    const big = JSON.stringify(submission({ sheetName: "x".repeat(MAX_BODY_BYTES + 1024) }));
    const r = await raw("POST", "/api/submissions", big, "application/json");
    expect(r.status).toBe(413);
    expect(r.json?.error?.code).toBe("too-large");
    expect(await count("submissions")).toBe(before);
  });

  it("refuses a cell longer than Excel's 32,767 characters with 400", async () => {
    const sheet = problemsSheet(1);
    sheet.values[2][4] = "长".repeat(MAX_CELL_TEXT + 1);
    const r = await raw(
      "POST",
      "/api/submissions",
      JSON.stringify(submission({ sheet })),
      "application/json",
    );
    expect(r.status).toBe(400);
    const ok = problemsSheet(1);
    ok.values[2][4] = "长".repeat(MAX_CELL_TEXT);
    const accepted = await call("branch1", "POST", "/api/submissions", submission({ sheet: ok }));
    expect(accepted.status).toBe(201);
    const detail = await call("branch1", "GET", `/api/submissions/${accepted.body.id}`);
    expect(detail.body.records[0].values["问题描述"]).toBe("长".repeat(MAX_CELL_TEXT));
  });

  it("answers a sheet with 100,000 merges reaching column XFD within seconds, never a 500", async () => {
    const merges = ["A1:XFD1048576", ...Array.from({ length: 99_999 }, (_, i) => `A${i + 2}:XFD${i + 2}`)];
    const started = Date.now();
    const r = await call(
      "branch1",
      "POST",
      "/api/submissions",
      submission({ sheet: { ...problemsSheet(2), merges } }),
    );
    // The merge over everything shows the title in every cell: no header, so not a 民情问题台账.
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("kind-mismatch");
    expect(Date.now() - started).toBeLessThan(10_000);
    const rowMerges = Array.from({ length: 100_000 }, (_, i) => `A${i + 5}:XFD${i + 5}`);
    const ok = await call(
      "branch1",
      "POST",
      "/api/submissions",
      submission({ sheet: { ...problemsSheet(2), merges: rowMerges } }),
    );
    expect(ok.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("refuses over-long names, comments and sheet names with 400", async () => {
    expect(
      (await call("admin", "POST", "/api/users", { name: "名".repeat(51), role: "office" })).status,
    ).toBe(400);
    expect(
      (await call("admin", "POST", `/api/submissions/${submissionId}/return`, { comment: "退".repeat(1001) }))
        .status,
    ).toBe(400);
    expect(
      (await call("branch1", "POST", "/api/submissions", submission({ sheetName: "表".repeat(101) }))).status,
    ).toBe(400);
    expect(
      (await call("branch1", "POST", "/api/submissions", submission({ idempotencyKey: "k".repeat(201) })))
        .status,
    ).toBe(400);
  });
});

describe("things that do not exist", () => {
  it.each([
    ["kind", { kind: "nonsense" }, "unknown-kind"],
    ["kind with a path", { kind: "../../etc/passwd" }, "unknown-kind"],
    ["branch", { branch: "不存在村党支部" }, "unknown-branch"],
    ["month 13", { period: "2025-13" }, "bad-request"],
    ["month 00", { period: "2025-00" }, "bad-request"],
    ["ISO week", { period: "2025-W37" }, "bad-request"],
    ["quarter", { period: "2025-Q3" }, "bad-request"],
    ["a month for a year kind", { period: "2025-09" }, "bad-request"],
    ["year 0000", { period: "0000" }, "bad-request"],
    ["year 9999", { period: "9999" }, "bad-request"],
  ])("refuses a submission naming an unknown %s with 400", async (_what, extra, code) => {
    const r = await call("admin", "POST", "/api/submissions", submission({ branch: BRANCH1, ...extra }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
  });

  it.each([
    ["/api/submissions/does-not-exist", 404],
    ["/api/submissions/" + "x".repeat(5000), 404],
    ["/api/submissions/' OR 1=1 --", 404],
    ["/api/submissions/%00", 404],
    ["/api/records/nonsense?year=2025", 404],
    ["/api/records/problems?year=20255", 400],
    ["/api/records/problems?year=abcd", 400],
    ["/api/status?year=2025-01", 400],
    ["/api/summary?year=' OR '1'='1", 400],
    ["/api/submissions?branch=不存在村", 400],
    ["/api/submissions?year=1e3", 400],
    ["/api/audit?from=2025-02-30", 400],
    ["/api/audit?from=2025-01-01&to=' OR 1=1 --", 400],
    ["/api/nonsense", 404],
    ["/api/../api/me", 200],
  ])("GET %# answers the status it should", async (path, status) => {
    const r = await raw("GET", path, undefined);
    expect(r.status).toBe(status);
  });

  it("answers 404 to revoking a token that does not exist, and to returning a missing submission", async () => {
    expect((await raw("DELETE", "/api/tokens/'; DROP TABLE tokens; --", undefined)).status).toBe(404);
    const r = await raw(
      "POST",
      "/api/submissions/nope/return",
      JSON.stringify({ comment: "x" }),
      "application/json",
    );
    expect(r.status).toBe(404);
    expect(await count("tokens")).toBeGreaterThan(0);
  });
});

const PAYLOADS = [
  "'; DROP TABLE submissions; --",
  '" OR 1=1 --',
  "\\'; SELECT * FROM tokens; --\\",
  "a\u0000b",
  "Robert'); DELETE FROM records WHERE ('1'='1",
  "%' OR '%'='",
  "$1 ?1 :name @x",
  "\\\\server\\share\\x",
];

describe("SQL metacharacters in every text field", () => {
  it("stores sheet names and cell texts verbatim and returns them verbatim", async () => {
    for (const [i, p] of PAYLOADS.entries()) {
      const sheet = problemsSheet(1);
      sheet.values[2][0] = `${p}#${i}`; // 编号
      sheet.values[2][4] = p; // 问题描述
      const sheetName = `表${i}${p}`.slice(0, 100);
      const res = await call(
        "branch1",
        "POST",
        "/api/submissions",
        submission({ sheetName, sheet, idempotencyKey: `${p}-key-${i}` }),
      );
      expect([p, res.status]).toEqual([p, 201]);
      const detail = await call("branch1", "GET", `/api/submissions/${res.body.id}?raw=1`);
      expect(detail.body.sheetName).toBe(sheetName);
      expect(detail.body.records[0].values["编号"]).toBe(`${p}#${i}`);
      expect(detail.body.records[0].values["问题描述"]).toBe(p);
      expect(detail.body.sheet.values[2][4]).toBe(p);
    }
    // Each submission replaced the one before as branch1's current 民情问题台账 2025.
    const records = await call("office", "GET", "/api/records/problems?year=2025");
    const own = records.body.rows.filter((r: { scope: string }) => r.scope === BRANCH1);
    expect(own.map((r: { values: Record<string, unknown> }) => r.values["问题描述"])).toEqual([
      PAYLOADS.at(-1),
    ]);
    // The tables are all still there.
    expect(await count("submissions")).toBeGreaterThan(PAYLOADS.length);
    expect(await count("tokens")).toBe(4);
  });

  it("stores user names and return comments verbatim", async () => {
    // 退回 applies to the current version: the one the tests above left current.
    const current = await call(
      "admin",
      "GET",
      `/api/submissions?kind=problems&branch=${encodeURIComponent(BRANCH1)}`,
    );
    const currentId: string = current.body.submissions[0].id;
    for (const p of PAYLOADS) {
      const user = await call("admin", "POST", "/api/users", { name: p.slice(0, 50), role: "office" });
      expect([p, user.status]).toEqual([p, 201]);
      expect(user.body.name).toBe(p.slice(0, 50));
      const back = await call("admin", "POST", `/api/submissions/${currentId}/return`, { comment: p });
      expect(back.status).toBe(200);
      expect(back.body.returnComment).toBe(p);
    }
    const list = await call("admin", "GET", "/api/users");
    const names = list.body.users.map((u: { name: string }) => u.name);
    for (const p of PAYLOADS) expect(names).toContain(p.slice(0, 50));
  });

  it("stores registry names and aliases verbatim", async () => {
    const registry = structuredClone(DEFAULT_REGISTRY);
    registry.township.name = PAYLOADS[0];
    registry.branches.push({ name: PAYLOADS[1], village: PAYLOADS[3], aliases: PAYLOADS.slice(4) });
    registry.staff = [{ name: PAYLOADS[2].slice(0, 50) }];
    const put = await call("admin", "PUT", "/api/registry", registry);
    expect(put.status).toBe(200);
    const got = await call("branch1", "GET", "/api/registry");
    expect(got.body.registry).toEqual(registry);
    // Restore, so other tests in this file see the default.
    expect((await call("admin", "PUT", "/api/registry", DEFAULT_REGISTRY)).status).toBe(200);
  });

  it("answers query parameters and branches full of metacharacters without a 500", async () => {
    for (const p of PAYLOADS) {
      const q = encodeURIComponent(p);
      for (const path of [
        `/api/submissions?kind=${q}`,
        `/api/submissions?branch=${q}`,
        `/api/submissions?year=${q}`,
        `/api/status?year=${q}`,
        `/api/summary?year=${q}`,
        `/api/records/${q}`,
        `/api/audit?from=${q}`,
        `/api/submissions/${q}`,
      ]) {
        const r = await raw("GET", path, undefined);
        expect([path, r.status < 500]).toEqual([path, true]);
      }
      const sub = await call("admin", "POST", "/api/submissions", submission({ branch: p }));
      expect([p, sub.status]).toEqual([p, 400]);
      const k = await call("admin", "POST", "/api/submissions", submission({ kind: p.slice(0, 50) }));
      expect([p, k.status]).toEqual([p, 400]);
    }
  });
});

describe("the sweep", () => {
  it("never answered a 500", () => {
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
