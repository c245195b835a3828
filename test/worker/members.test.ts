import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BRANCH2, call, idNumber, membersSheet, newKey, seedUsers } from "./helpers";

beforeAll(seedUsers);

const ids = [
  idNumber("1970-03-15", 1, true),
  idNumber("1985-11-02", 2, false),
  idNumber("1990-01-20", 3, true),
];

/** Every text cell of every table, to prove no full ID number is stored anywhere. */
async function everyStoredText(): Promise<string> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    parts.push(JSON.stringify(results));
  }
  return parts.join("\n");
}

describe("members' ID numbers", () => {
  it("stores the masked form and an HMAC, never the full number, in any table", async () => {
    const res = await call("branch1", "POST", "/api/submissions", {
      kind: "members",
      period: "2025",
      sheetName: "党员花名册",
      sheet: membersSheet(ids),
      idempotencyKey: newKey(),
    });
    expect(res.status).toBe(201);
    expect(res.body.rows).toBe(3);
    const stored = await everyStoredText();
    for (const id of ids) {
      expect(stored).not.toContain(id);
      expect(stored).not.toContain(id.slice(-4));
    }
    expect(stored).toContain("140932************");
    const hmacs = await env.DB.prepare("SELECT id_hmac FROM records WHERE submission_id = ?")
      .bind(res.body.id)
      .all<{ id_hmac: string }>();
    expect(hmacs.results.map((r) => r.id_hmac)).toEqual(
      hmacs.results.map(() => expect.stringMatching(/^[0-9a-f]{64}$/)),
    );
    const detail = await call("office", "GET", `/api/submissions/${res.body.id}?raw=1`);
    const text = JSON.stringify(detail.body);
    for (const id of ids) expect(text).not.toContain(id);
    expect(detail.body.records[0].values["公民身份号码"]).toBe("140932************");
    expect(detail.body.sheet.values[2][2]).toBe("140932************");
  });

  it("refuses a branch's roll holding an ID already on another branch's roll, saying only how many", async () => {
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM submissions").first<{ n: number }>();
    const res = await call("branch2", "POST", "/api/submissions", {
      kind: "members",
      period: "2025",
      sheetName: "党员花名册",
      sheet: membersSheet([idNumber("1966-06-06", 7, false), ids[1]], BRANCH2),
      idempotencyKey: newKey(),
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: "duplicate-key",
      message: "有 1 个公民身份号码已登记在本镇其他支部的党员花名册中，未予接收。",
      details: {
        findings: [
          {
            code: "duplicate-key",
            severity: "error",
            sheet: "党员花名册",
            cell: null,
            row: null,
            column: "公民身份号码",
            message: "有 1 个公民身份号码已登记在本镇其他支部的党员花名册中，未予接收。",
            hint: "一名党员只在一个支部登记；如有党员从其他支部转入，请联系镇党建办核对，由原支部先更新花名册。",
          },
        ],
        counts: { "duplicate-key": 1 },
        total: 1,
      },
    });
    const after = await env.DB.prepare("SELECT COUNT(*) AS n FROM submissions").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    const audit = await call("admin", "GET", "/api/audit");
    expect(audit.body.entries[0]).toMatchObject({
      action: "submission.refused",
      userName: "乾坤湾村书记",
      detail: { kind: "members", scope: BRANCH2, period: "2025", rows: 2, clashes: 1 },
    });
  });

  it("tells the office, which reads every roll, the row and the branch of a clash", async () => {
    const res = await call("office", "POST", "/api/submissions", {
      kind: "members",
      period: "2025",
      branch: BRANCH2,
      sheetName: "党员花名册",
      sheet: membersSheet([idNumber("1966-06-06", 7, false), ids[1]], BRANCH2),
      idempotencyKey: newKey(),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.findings).toEqual([
      expect.objectContaining({
        code: "duplicate-key",
        cell: "C4",
        row: 4,
        message: "公民身份号码“140932************”已登记在老牛湾村党支部的党员花名册中。",
      }),
    ]);
  });

  it("accepts the same member in another branch's roll of another year (a member who moved)", async () => {
    const res = await call("branch2", "POST", "/api/submissions", {
      kind: "members",
      period: "2024",
      sheetName: "党员花名册",
      sheet: membersSheet([ids[1]], BRANCH2),
      idempotencyKey: newKey(),
    });
    expect(res.status).toBe(201);
  });

  it("lets only one of two branches submitting the same member at the same moment succeed", async () => {
    const shared = idNumber("1977-07-07", 9, true);
    const roll = (who: "branch1" | "branch2") =>
      call(who, "POST", "/api/submissions", {
        kind: "members",
        period: "2023",
        sheetName: "党员花名册",
        sheet: who === "branch1" ? membersSheet([shared]) : membersSheet([shared], BRANCH2),
        idempotencyKey: newKey(),
      });
    for (let round = 0; round < 3; round++) {
      // Each round starts from no current 2023 rolls, so both pre-checks pass and the guard decides.
      await env.DB.prepare(
        "UPDATE submissions SET current = 0 WHERE kind = 'members' AND period = '2023'",
      ).run();
      // This is about the guard, not the daily limit of refused rolls.
      await env.DB.prepare("DELETE FROM roll_checks").run();
      const answers = await Promise.all([roll("branch1"), roll("branch2")]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
      const loser = answers.find((a) => a.status === 422);
      expect(loser?.body.error.code).toBe("duplicate-key");
      const current = await env.DB.prepare(
        "SELECT COUNT(*) AS n FROM submissions WHERE kind = 'members' AND period = '2023' AND current = 1",
      ).first<{ n: number }>();
      expect(current?.n).toBe(1);
    }
  });

  it("lets the same branch re-submit its own roll", async () => {
    const res = await call("branch1", "POST", "/api/submissions", {
      kind: "members",
      period: "2025",
      sheetName: "党员花名册",
      sheet: membersSheet(ids.slice(0, 2)),
      idempotencyKey: newKey(),
    });
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(2);
  });

  it("never echoes a full ID number in a refusal", async () => {
    const bad = `${ids[0].slice(0, 17)}${ids[0][17] === "0" ? "1" : "0"}`;
    const res = await call("branch1", "POST", "/api/submissions", {
      kind: "members",
      period: "2025",
      sheetName: "党员花名册",
      sheet: membersSheet([bad]),
      idempotencyKey: newKey(),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.findings.map((f: { code: string }) => f.code)).toContain("checksum");
    expect(JSON.stringify(res.body)).not.toContain(bad);
  });
});
