/**
 * Faults: a D1 failure inside the submission batch (a trigger created in the test database makes
 * the audit insert fail after the records and the raw sheet were written), a retry after a lost
 * response, a double click, and 50 concurrent submissions for one (scope, kind, period).
 */
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BRANCH1, call, count, newKey, problemsSheet, seedUsers } from "../helpers";

beforeAll(seedUsers);
afterEach(() => vi.restoreAllMocks());

const body = (rows: number, key = newKey(), prefix = "MQ") => ({
  kind: "problems",
  period: "2025",
  sheetName: "民情问题台账",
  sheet: problemsSheet(rows, "老牛湾村", prefix),
  idempotencyKey: key,
});

async function snapshot() {
  return {
    submissions: await count("submissions"),
    records: await count("records"),
    sheets: await count("submission_sheets"),
    audit: await count("audit"),
    current: await env.DB.prepare(
      "SELECT id, version FROM submissions WHERE scope = ? AND kind = 'problems' AND period = '2025' AND current = 1",
    )
      .bind(BRANCH1)
      .all<{ id: string; version: number }>()
      .then((r) => r.results),
  };
}

describe("a D1 failure inside the submission batch", () => {
  it("leaves the previous version current and nothing half-written; the retry then succeeds", async () => {
    const first = await call("branch1", "POST", "/api/submissions", body(3));
    expect(first.status).toBe(201);
    const before = await snapshot();
    expect(before.current).toEqual([{ id: first.body.id, version: 1 }]);

    // The audit insert runs after the new version, the current-flag switch, the records and the raw sheet.
    await env.DB.exec(
      "CREATE TRIGGER hostile_fail_audit BEFORE INSERT ON audit WHEN NEW.action = 'submission.create' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
    );
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const key = newKey();
    const failed = await call("branch1", "POST", "/api/submissions", body(700, key, "NEW"));
    await env.DB.exec("DROP TRIGGER hostile_fail_audit;");

    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: { code: "internal", message: "服务器内部错误，请稍后重试。" } });
    expect(JSON.stringify(failed.body)).not.toContain("injected");
    expect(await snapshot()).toEqual(before);
    expect(await count("records", "json_extract(data, '$.\"编号\"') LIKE 'NEW-%'")).toBe(0);
    // One line for the operator, nothing of the request in it.
    expect(errors.mock.calls.length).toBe(1);
    expect(String(errors.mock.calls[0][0])).not.toContain("NEW-");

    const retry = await call("branch1", "POST", "/api/submissions", body(700, key, "NEW"));
    expect(retry.status).toBe(201);
    expect(retry.body.version).toBe(2);
    const after = await snapshot();
    expect(after.current).toEqual([{ id: retry.body.id, version: 2 }]);
    expect(after.records).toBe(before.records + 700);
  });
});

describe("retries", () => {
  it("answers a retry after a lost response with the same receipt and stores one version", async () => {
    const key = newKey();
    const first = await call("branch1", "POST", "/api/submissions", body(2, key, "LOST"));
    expect(first.status).toBe(201);
    const before = await snapshot();
    // The response was lost: the client sends the same body with the same key.
    const again = await call("branch1", "POST", "/api/submissions", body(2, key, "LOST"));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses the same key with a different body with 409, storing nothing", async () => {
    const key = newKey();
    expect((await call("branch1", "POST", "/api/submissions", body(2, key, "KEY"))).status).toBe(201);
    const before = await snapshot();
    const other = await call("branch1", "POST", "/api/submissions", body(3, key, "KEY"));
    expect(other.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it("turns ten simultaneous clicks with one key into one version and ten copies of its receipt", async () => {
    const key = newKey();
    const before = await snapshot();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call("branch1", "POST", "/api/submissions", body(2, key, "CLICK"))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const after = await snapshot();
    expect(after.submissions).toBe(before.submissions + 1);
    expect(after.records).toBe(before.records + 2);
  });
});

describe("50 concurrent submissions for one (scope, kind, period)", () => {
  it("end with exactly one current version and 50 stored versions", async () => {
    await env.DB.prepare(
      "DELETE FROM records WHERE submission_id IN (SELECT id FROM submissions WHERE scope = ? AND kind = 'problems')",
    )
      .bind(BRANCH1)
      .run();
    await env.DB.prepare(
      "DELETE FROM submission_sheets WHERE submission_id IN (SELECT id FROM submissions WHERE scope = ? AND kind = 'problems')",
    )
      .bind(BRANCH1)
      .run();
    await env.DB.prepare(
      "DELETE FROM attempts WHERE submission_id IN (SELECT id FROM submissions WHERE scope = ? AND kind = 'problems')",
    )
      .bind(BRANCH1)
      .run();
    await env.DB.prepare("DELETE FROM submissions WHERE scope = ? AND kind = 'problems'").bind(BRANCH1).run();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call("branch1", "POST", "/api/submissions", body(1 + (i % 3), newKey(), `C${i}`)),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    expect(answers.map((a) => a.body.version).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const rows = await env.DB.prepare(
      "SELECT id, version, current, rows FROM submissions WHERE scope = ? AND kind = 'problems' AND period = '2025' ORDER BY version",
    )
      .bind(BRANCH1)
      .all<{ id: string; version: number; current: number; rows: number }>();
    expect(rows.results.length).toBe(50);
    expect(rows.results.filter((r) => r.current === 1).map((r) => r.version)).toEqual([50]);
    // Every version kept its own rows.
    for (const r of rows.results) expect(await count("records", `submission_id = '${r.id}'`)).toBe(r.rows);
    const list = await call("branch1", "GET", "/api/submissions?kind=problems&year=2025");
    expect(list.body.submissions.map((s: { version: number }) => s.version)).toEqual([50]);
  });
});
