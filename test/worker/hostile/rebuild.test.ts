/**
 * Issue 8's three ways to recover full ID numbers, tried on a 30-member roll: the mask next to the
 * stored 出生日期, the duplicate-ID oracle, and IDs typed in odd forms (spaces, full-width digits,
 * U+3000, zero-width characters) in cells, the sheet name, the idempotency key, a return comment,
 * a user name and the registry. Then every response of every route, every D1 table and every log
 * line is handed to the attacker (test/hostile/rebuild.ts), who must rebuild none of them.
 */
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REGISTRY } from "../../../shared/registry";
import { checkChar, rebuildableIds } from "../../hostile/idnumbers";
import {
  BRANCH1,
  BRANCH2,
  call,
  idNumber,
  membersSheet,
  membersSubmission,
  newKey,
  seedUsers,
  sweep,
} from "../helpers";

const ROLL = Array.from({ length: 30 }, (_, i) =>
  idNumber(
    `19${60 + i}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
    i,
    i % 2 === 0,
  ),
);
const [A, B, C, D, E, F] = ROLL;
const spaced = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
const fullWidth = (id: string) => id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const zeroWidth = (id: string) => [...id].join("\u200b");
const ideographic = (id: string) => `${id.slice(0, 6)}\u3000${id.slice(6)}`;

const { bodies, logs, listen, restore, record: seen } = sweep();

let rollId = "";

beforeAll(async () => {
  await seedUsers();
  listen();
  // The roll, with a 备注 column where a clerk pasted numbers in every odd form.
  const sheet = membersSheet(ROLL);
  sheet.values[1].push("备注");
  sheet.values[2].push(`身份证 ${spaced(A)}`);
  sheet.values[3].push(fullWidth(B));
  sheet.values[4].push(zeroWidth(C));
  sheet.values[5].push(`原号码${ideographic(D)}已更正`);
  sheet.values[6].push(`${E.slice(0, 6)}-${E.slice(6, 14)}-${E.slice(14)}`);
  // The ID column itself in odd forms: the engine reads them, the Worker must store their mask only.
  sheet.values[7][2] = spaced(F);
  sheet.values[8][2] = fullWidth(ROLL[6]);
  sheet.values[9][2] = ` ${zeroWidth(ROLL[7])} `;
  const res = await seen(
    call("branch1", "POST", "/api/submissions", {
      kind: "members",
      period: "2025",
      sheetName: `花名册${zeroWidth(A)}`,
      sheet,
      idempotencyKey: `key-${spaced(B)}`,
    }),
  );
  expect(res.status).toBe(201);
  rollId = res.body.id;
});
afterAll(restore);

describe("the duplicate-ID oracle", () => {
  it("tells another branch only how many of its numbers are on other rolls: no branch, row or name", async () => {
    const candidates = Array.from({ length: 40 }, (_, i) => idNumber("1962-03-03", 40 + i, true));
    const res = await seen(
      call("branch2", "POST", "/api/submissions", {
        kind: "members",
        period: "2025",
        sheetName: "党员花名册",
        sheet: membersSheet([...candidates.slice(0, 20), C, ...candidates.slice(20)], BRANCH2),
        idempotencyKey: newKey(),
      }),
    );
    expect(res.status).toBe(422);
    const text = JSON.stringify(res.body);
    expect(res.body.error.message).toBe("有 1 个公民身份号码已登记在本镇其他支部的党员花名册中，未予接收。");
    expect(text).not.toContain(BRANCH1);
    expect(text).not.toContain("老牛湾");
    expect(text).not.toContain("党员3");
    expect(
      res.body.error.details.findings.map((f: { row: unknown; cell: unknown }) => [f.row, f.cell]),
    ).toEqual([[null, null]]);
  });

  it("refuses a roll of more numbers than a branch has, before checking any", async () => {
    const many = Array.from({ length: 1_001 }, (_, i) =>
      idNumber(`${1950 + Math.floor(i / 400)}-01-01`, i % 400, true),
    );
    const res = await seen(
      call("branch2", "POST", "/api/submissions", {
        kind: "members",
        period: "2024",
        sheetName: "党员花名册",
        sheet: membersSheet(many, BRANCH2),
        idempotencyKey: newKey(),
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("roll-too-large");
  });

  it("lets a branch have three refused rolls and ten checked rolls a day, then answers 429", async () => {
    const refusedRoll = () =>
      call(
        "branch2",
        "POST",
        "/api/submissions",
        membersSubmission([idNumber("1963-04-04", 1, true), D], BRANCH2),
      );
    // One refusal already above; two more are allowed, the fourth roll of the day is not checked.
    expect((await refusedRoll()).status).toBe(422);
    expect((await refusedRoll()).status).toBe(422);
    const limited = await seen(refusedRoll());
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("too-many-rolls");
    const audit = await call("admin", "GET", "/api/audit");
    expect(
      audit.body.entries
        .filter((e: { action: string }) => e.action === "submission.refused")
        .map((e: { detail: { clashes: number } }) => e.detail.clashes),
    ).toEqual([1, 1, 1]);
  });
});

describe("everything the Worker holds about the roll", () => {
  it("gives the attacker no ID number: responses, D1 tables and logs, put together", async () => {
    await seen(
      call("office", "POST", `/api/submissions/${rollId}/return`, { comment: `请核对 ${zeroWidth(E)}` }),
    );
    await seen(
      call("admin", "POST", "/api/users", { name: `书记${fullWidth(F)}`.slice(0, 50), role: "office" }),
    );
    const registry = structuredClone(DEFAULT_REGISTRY);
    registry.branches[0].aliases = [...(registry.branches[0].aliases ?? []), `别名${spaced(A)}`];
    expect((await seen(call("admin", "PUT", "/api/registry", registry))).status).toBe(200);
    for (const who of ["admin", "office", "branch1"] as const) {
      for (const path of [
        "/api/submissions?all=1",
        `/api/submissions/${rollId}`,
        `/api/submissions/${rollId}?raw=1`,
        "/api/records/members?year=2025",
        "/api/summary?year=2025",
        "/api/status?year=2025",
        "/api/audit",
        "/api/users",
        "/api/registry",
        "/api/me",
      ]) {
        await seen(call(who, "GET", path));
      }
    }
    const tables = (
      await env.DB.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
      ).all<{ name: string }>()
    ).results.map((t) => t.name);
    const stored: string[] = [];
    for (const name of tables) {
      // The keyed HMACs are 64 hex digits: a digit run inside one is not an ID number.
      const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
      stored.push(JSON.stringify(results).replace(/[0-9a-f]{64}/g, ""));
    }
    // The raw sheet stores its parts one after another: the attacker joins them.
    const parts = await env.DB.prepare(
      "SELECT body FROM submission_sheets WHERE submission_id = ? ORDER BY part",
    )
      .bind(rollId)
      .all<{ body: string }>();
    stored.push(parts.results.map((p) => p.body).join(""));

    const everything = [...bodies, ...stored, ...logs];
    const leaked = [...rebuildableIds(everything)].filter((id) => ROLL.includes(id));
    expect(leaked).toEqual([]);
    // The birth dates are there (出生日期 is the township's data), the masks show 6 digits only.
    expect(everything.join("\n")).toContain("1961-02-02");
    expect(everything.join("\n")).toContain("140932************");
  });

  it("keeps a 1-member roll's stored body hash from being brute-forced back to the number", async () => {
    const only = idNumber("1958-08-08", 3, true);
    const res = await call(
      "branch1",
      "POST",
      "/api/submissions",
      membersSubmission([only], BRANCH1, { period: "2023" }),
    );
    expect(res.status).toBe(201);
    const row = await env.DB.prepare("SELECT body_hash FROM submissions WHERE id = ?")
      .bind(res.body.id)
      .first<{ body_hash: string }>();
    // The attacker knows everything but the 3-digit sequence (the mask, 出生日期, 性别): 1,000 guesses.
    let hits = 0;
    for (let seq = 0; seq < 1000; seq++) {
      const first17 = `14093219580808${String(seq).padStart(3, "0")}`;
      const guess = first17 + checkChar(first17);
      const canonical = JSON.stringify(["members", "2023", BRANCH1, "党员花名册", membersSheet([guess])]);
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
      if (row?.body_hash.endsWith(hex)) hits += 1;
    }
    expect(hits).toBe(0);
    expect(row?.body_hash).toMatch(/^h1:[0-9a-f]{64}$/);
  });
});
