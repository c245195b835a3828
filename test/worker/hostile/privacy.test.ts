/**
 * Privacy: after a 党员花名册 with full ID numbers is submitted (and refused, and failed), no full
 * 18-digit number is in any D1 table, any response body or anything the Worker logs; a token
 * appears only in the response that creates it.
 */
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRANCH1, TOKENS, USERS, call, idNumber, membersSheet, newKey, seedUsers, sweep } from "../helpers";

const IDS = [
  idNumber("1980-01-01", 1, true),
  idNumber("1975-06-30", 2, false),
  idNumber("1990-12-31", 3, true),
];
/** A full ID inside free text, and one typed as a number (an 18-digit integer loses precision, so it is the 15-digit form). */
const TEXT_ID = idNumber("1985-05-05", 4, true);

/** Every response body and log line of this file. */
const { bodies, logs, listen, restore, record } = sweep();

beforeAll(async () => {
  await seedUsers();
  listen();
});
afterAll(restore);

/** Hex digests (token hashes, HMACs) may hold 18 digits in a row by chance: they are not ID numbers. */
const withoutDigests = (text: string) => text.replace(/[0-9a-f]{64}/g, "");
const FULL_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;

/** Where a full ID number appears in `text` ("" when nowhere), with a little context. */
function leak(text: string): string {
  const clean = withoutDigests(text);
  for (const id of [...IDS, TEXT_ID]) {
    const at = clean.indexOf(id);
    if (at >= 0) return clean.slice(Math.max(0, at - 40), at + 22);
  }
  const m = FULL_ID.exec(clean);
  return m ? clean.slice(Math.max(0, m.index - 40), m.index + 22) : "";
}

describe("full ID numbers", () => {
  let id = "";

  it("are masked in the receipt, the stored submission, its records and its raw sheet", async () => {
    const sheet = membersSheet(IDS);
    sheet.values[1].push("民族");
    sheet.values[2].push(`备注：身份证 ${TEXT_ID}`);
    const res = await record(
      call("branch1", "POST", "/api/submissions", {
        kind: "members",
        period: "2025",
        sheetName: "党员花名册",
        sheet,
        idempotencyKey: newKey(),
      }),
    );
    expect(res.status).toBe(201);
    id = res.body.id;
    const detail = await record(call("branch1", "GET", `/api/submissions/${id}?raw=1`));
    expect(
      detail.body.records.map((r: { values: Record<string, unknown> }) => r.values["公民身份号码"]),
    ).toEqual(IDS.map(() => "140932************"));
    expect(detail.body.sheet.values[2][2]).toBe("140932************");
  });

  it("are masked when the sheet is refused, in every finding", async () => {
    const sheet = membersSheet([IDS[0], IDS[0], `${IDS[1].slice(0, 17)}0`]);
    const res = await record(
      call("branch1", "POST", "/api/submissions", {
        kind: "members",
        period: "2025",
        sheetName: "党员花名册",
        sheet,
        idempotencyKey: newKey(),
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details.findings.map((f: { code: string }) => f.code).sort()).toEqual([
      "checksum",
      "duplicate-key",
    ]);
  });

  it("are masked when another branch submits a member already on this branch's roll", async () => {
    const res = await record(
      call("branch2", "POST", "/api/submissions", {
        kind: "members",
        period: "2025",
        sheetName: "党员花名册",
        sheet: membersSheet([IDS[2]], "乾坤湾村党支部"),
        idempotencyKey: newKey(),
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("duplicate-key");
  });

  it("are masked in a sheet name, an idempotency key and a return comment", async () => {
    const res = await record(
      call("office", "POST", "/api/submissions", {
        kind: "members",
        period: "2023",
        branch: BRANCH1,
        sheetName: `花名册${TEXT_ID}`,
        sheet: membersSheet([IDS[0]]),
        idempotencyKey: `retry-${TEXT_ID}`,
      }),
    );
    expect(res.status).toBe(201);
    const back = await record(
      call("office", "POST", `/api/submissions/${res.body.id}/return`, {
        comment: `请核对 ${TEXT_ID} 的入党时间`,
      }),
    );
    expect(back.status).toBe(200);
  });

  it("are not echoed by a 400 naming an unknown field, kind or branch", async () => {
    const spaced = `${TEXT_ID.slice(0, 6)} ${TEXT_ID.slice(6)}`;
    const base = {
      kind: "members",
      period: "2025",
      sheetName: "x",
      sheet: membersSheet([IDS[0]]),
      idempotencyKey: newKey(),
    };
    for (const body of [
      { ...base, [TEXT_ID]: 1 },
      { ...base, kind: spaced },
      { ...base, branch: TEXT_ID },
    ]) {
      const res = await record(call("office", "POST", "/api/submissions", body));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain("140932************");
    }
  });

  it("never reach the log when a members submission fails inside D1", async () => {
    await env.DB.exec(
      "CREATE TRIGGER hostile_fail_records BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
    );
    const res = await record(
      call("office", "POST", "/api/submissions", {
        kind: "members",
        period: "2024",
        branch: BRANCH1,
        sheetName: "党员花名册",
        sheet: membersSheet(IDS),
        idempotencyKey: newKey(),
      }),
    );
    await env.DB.exec("DROP TRIGGER hostile_fail_records;");
    expect(res.status).toBe(500);
    expect(logs.length).toBeGreaterThan(0);
  });

  it("are in no response of any route", async () => {
    for (const who of ["admin", "office", "branch1"] as const) {
      for (const path of [
        "/api/submissions",
        "/api/submissions?all=1",
        `/api/submissions/${id}`,
        `/api/submissions/${id}?raw=1`,
        "/api/records/members?year=2025",
        "/api/summary?year=2025",
        "/api/status?year=2025",
        "/api/audit",
        "/api/me",
        "/api/users",
      ]) {
        await record(call(who, "GET", path));
      }
    }
    expect(bodies.map(leak).filter(Boolean)).toEqual([]);
  });

  it("are in no D1 table", async () => {
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{
      name: string;
    }>();
    const names = tables.results.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(["submissions", "records", "submission_sheets", "audit", "tokens", "users"]),
    );
    const leaks: string[] = [];
    for (const name of names) {
      for (const row of (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === "string" && leak(value)) leaks.push(`${name}.${column}: ${leak(value)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The HMAC is there for uniqueness across submissions: 3 members in 2025, 1 in 2023.
    expect(
      (
        await env.DB.prepare("SELECT COUNT(*) AS n FROM records WHERE id_hmac IS NOT NULL").first<{
          n: number;
        }>()
      )?.n,
    ).toBe(4);
  });

  it("are in nothing the Worker logged", () => {
    expect(logs.map(leak).filter(Boolean)).toEqual([]);
  });
});

describe("tokens", () => {
  it("appear only in the response that creates them: not in D1, other responses or the log", async () => {
    const user = await record(
      call("admin", "POST", "/api/users", { name: "新支部书记", role: "branch", branch: BRANCH1 }),
    );
    const issuedRaw = await call("admin", "POST", "/api/tokens", { userId: user.body.id });
    expect(issuedRaw.status).toBe(201);
    const token: string = issuedRaw.body.token;
    expect(token).toMatch(/^ll_[A-Za-z0-9_-]{43}$/);
    // Use it, misuse it, revoke it.
    const me = await fetchWith(token, "GET", "/api/me");
    expect(me.status).toBe(200);
    await fetchWith(`${token}x`, "GET", "/api/me");
    await record(call("admin", "DELETE", `/api/tokens/${issuedRaw.body.id}`));
    expect((await fetchWith(token, "GET", "/api/me")).status).toBe(401);
    for (const path of ["/api/users", "/api/audit", "/api/me", "/api/submissions"])
      await record(call("admin", "GET", path));

    const secrets = [token, ...Object.values(TOKENS)];
    for (const b of bodies) for (const s of secrets) expect(b.includes(s)).toBe(false);
    for (const l of logs) for (const s of secrets) expect(l.includes(s)).toBe(false);
    for (const table of ["tokens", "users", "audit", "submissions", "meta", "registry"]) {
      const rows = JSON.stringify((await env.DB.prepare(`SELECT * FROM "${table}"`).all()).results);
      for (const s of secrets) expect([table, rows.includes(s)]).toEqual([table, false]);
    }
    expect(USERS.admin.id).toBe("u-admin");
  });
});

async function fetchWith(token: string, method: string, path: string) {
  const { SELF } = await import("cloudflare:test");
  const res = await SELF.fetch(`https://ledgerline.test${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, text };
}
