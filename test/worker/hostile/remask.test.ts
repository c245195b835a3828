/**
 * The re-mask of schema v3 (migration 0003 + worker/lib/remask.ts) on data stored before it:
 * revision 1's masks (first 6 + last 4), ID numbers typed in forms the old scanner missed (also
 * across two parts of a raw sheet), plain SHA-256 body hashes. After the first authenticated
 * request no table holds a rebuildable ID, and the retry of an attempt made before still replays.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { remask } from "../../../worker/lib/remask";
import { rebuildableIds } from "../../hostile/idnumbers";
import { BRANCH1, call, idNumber, problemsSheet, seedUsers } from "../helpers";

const A = idNumber("1960-01-01", 7, true);
const B = idNumber("1961-02-02", 8, false);
const oldMask = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const fullWidth = (id: string) => id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const spaced = (id: string) => id.replace(/(.{4})/g, "$1 ").trim();

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const PLAIN_SHEET = problemsSheet(1, "老牛湾村", "OLD");
const PLAIN_KEY = "key-made-before-v3-0001";

async function everyTable(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const out: string[] = [];
  for (const { name } of results) {
    const rows = (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results;
    out.push(JSON.stringify(rows).replace(/[0-9a-f]{64}/g, ""));
  }
  return out;
}

/** What revision 1 left in D1: old masks, odd-form numbers it did not see, plain body hashes. */
async function storeAsBeforeV3() {
  const sheet = JSON.stringify({
    values: [
      ["姓名", "公民身份号码", "出生日期", "备注"],
      ["张三", oldMask(A), "1960-01-01", `身份证 ${spaced(B)}`],
    ],
    merges: [],
    date1904: false,
  });
  const cut = sheet.indexOf(spaced(B)) + 7;
  const canonical = JSON.stringify(["problems", "2024", BRANCH1, "民情问题台账", PLAIN_SHEET]);
  const insertSubmission = env.DB.prepare(
    `INSERT INTO submissions (id, kind, scope, period, version, current, status, return_comment, submitted_by, created_at,
       idempotency_key, body_hash, sheet_name, findings, summary, rows)
     VALUES (?, ?, ?, ?, 1, 1, ?, ?, 'u-branch1', '2025-06-01T00:00:00.000Z', ?, ?, ?, ?, '{}', 1)`,
  );
  await env.DB.batch([
    insertSubmission.bind(
      "s-members",
      "members",
      BRANCH1,
      "2024",
      "returned",
      `请核对 ${oldMask(A)} 的入党时间`,
      `retry-${fullWidth(B)}`,
      "0".repeat(64),
      `花名册${oldMask(A)}`,
      JSON.stringify([{ code: "probation", message: `${oldMask(A)} 预备期已满` }]),
    ),
    insertSubmission.bind(
      "s-plain",
      "problems",
      BRANCH1,
      "2024",
      "submitted",
      null,
      PLAIN_KEY,
      await sha256Hex(canonical),
      "民情问题台账",
      "[]",
    ),
    env.DB.prepare(
      "INSERT INTO attempts (user_id, idempotency_key, submission_id, outcome, created_at) SELECT submitted_by, idempotency_key, id, 'created', created_at FROM submissions",
    ),
    env.DB.prepare(
      "INSERT INTO records (submission_id, row_no, data, id_hmac) VALUES ('s-members', 2, ?, ?)",
    ).bind(
      JSON.stringify({
        姓名: "张三",
        公民身份号码: oldMask(A),
        出生日期: "1960-01-01",
        备注: `\u200b${[...B].join("\u200b")}`,
      }),
      "f".repeat(64),
    ),
    env.DB.prepare(
      "INSERT INTO submission_sheets (submission_id, part, body) VALUES ('s-members', 0, ?), ('s-members', 1, ?)",
    ).bind(sheet.slice(0, cut), sheet.slice(cut)),
    env.DB.prepare(
      "INSERT INTO audit (ts, user_id, user_name, action, target, detail) VALUES ('2025-06-02T00:00:00.000Z', 'u-office', ?, 'submission.return', 's-members', ?)",
    ).bind(`干事${fullWidth(A)}`, JSON.stringify({ comment: `请核对 ${oldMask(A)}` })),
    env.DB.prepare(
      "INSERT INTO users (id, name, role, branch, created_at) VALUES ('u-old', ?, 'office', NULL, '2025-01-01')",
    ).bind(`旧用户${spaced(B)}`),
    env.DB.prepare("UPDATE meta SET value = 'pending' WHERE key = 'remask'"),
  ]);
}

beforeAll(async () => {
  await seedUsers();
  // The first request of the file ran the re-mask on an empty database; these rows come "from before".
  expect((await call("admin", "GET", "/api/me")).status).toBe(200);
  await storeAsBeforeV3();
});

describe("the re-mask after migration 0003", () => {
  it("runs before the first authenticated request is served, and leaves no rebuildable ID in any table", async () => {
    const me = await call("branch1", "GET", "/api/me");
    expect(me.status).toBe(200);
    const tables = await everyTable();
    expect([...rebuildableIds(tables)].filter((id) => id === A || id === B)).toEqual([]);
    const text = tables.join("\n");
    expect(text).not.toContain(A.slice(-4));
    expect(text).toContain("140932************");
    const meta = await env.DB.prepare(
      "SELECT key, value FROM meta WHERE key IN ('remask', 'id_key') ORDER BY key",
    ).all();
    expect(meta.results).toEqual([
      { key: "id_key", value: expect.stringMatching(/^[0-9a-f]{16}$/) },
      { key: "remask", value: "done" },
    ]);
  });

  it("masks a number split between two parts of a raw sheet, and serves the sheet whole", async () => {
    const detail = await call("office", "GET", "/api/submissions/s-members?raw=1");
    expect(detail.body.sheet.values[1]).toEqual([
      "张三",
      "140932************",
      "1960-01-01",
      "身份证 140932************",
    ]);
    expect(detail.body.sheetName).toBe("花名册140932************");
    expect(detail.body.returnComment).toBe("请核对 140932************ 的入党时间");
  });

  it("keys the old body hashes, so a retry of an attempt made before still gets its receipt", async () => {
    const row = await env.DB.prepare("SELECT body_hash FROM submissions WHERE id = 's-plain'").first<{
      body_hash: string;
    }>();
    expect(row?.body_hash).toMatch(/^h1:[0-9a-f]{64}$/);
    const retry = await call("branch1", "POST", "/api/submissions", {
      kind: "problems",
      period: "2024",
      sheetName: "民情问题台账",
      sheet: PLAIN_SHEET,
      idempotencyKey: PLAIN_KEY,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id: "s-plain", version: 1, outcome: "created", current: true });
  });

  it("works in steps that resume where the last one stopped", async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      r: 10 + i,
      d: JSON.stringify({ 公民身份号码: oldMask(A) }),
    }));
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO records (submission_id, row_no, data) SELECT 's-plain', json_extract(value, '$.r'), json_extract(value, '$.d') FROM json_each(?)",
      ).bind(JSON.stringify(rows)),
      env.DB.prepare("UPDATE meta SET value = 'pending' WHERE key = 'remask'"),
    ]);
    let steps = 0;
    while (!(await remask(env, -1))) {
      steps += 1;
      const cursor = await env.DB.prepare("SELECT value FROM meta WHERE key = 'remask'").first<{
        value: string;
      }>();
      expect(JSON.parse(cursor?.value ?? "null")).toEqual({
        step: expect.any(Number),
        after: expect.any(Number),
      });
    }
    expect(steps).toBeGreaterThan(2);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM records WHERE data LIKE ?")
      .bind(`%${A.slice(-4)}%`)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
