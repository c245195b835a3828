/**
 * The history must not lie (issue 8): A, then B, then A again leaves A current; a new attempt with
 * the current sheet makes no new version; a retry of an old attempt says its version is no longer
 * current; 退回 applies to the current version only.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BRANCH1, call, newKey, problemsSheet, problemsSubmission, seedUsers } from "../helpers";

beforeAll(seedUsers);

const A = problemsSheet(2, "老牛湾村", "A");
const B = problemsSheet(3, "老牛湾村", "B");
const submit = (sheet: typeof A, key = newKey()) =>
  call("branch1", "POST", "/api/submissions", problemsSubmission(sheet, { idempotencyKey: key }));

async function versions() {
  const { results } = await env.DB.prepare(
    "SELECT version, current, rows FROM submissions WHERE scope = ? AND kind = 'problems' AND period = '2025' ORDER BY version",
  )
    .bind(BRANCH1)
    .all<{ version: number; current: number; rows: number }>();
  return results.map((r) => [r.version, r.current, r.rows]);
}

describe("attempts", () => {
  let keyOfA = "";

  it("makes A current again after A, B, A: a revert is a new version", async () => {
    keyOfA = newKey();
    const first = await submit(A, keyOfA);
    const second = await submit(B);
    const third = await submit(A);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(third.body).toMatchObject({ version: 3, outcome: "created", current: true, currentVersion: 3 });
    expect(await versions()).toEqual([
      [1, 0, 2],
      [2, 0, 3],
      [3, 1, 2],
    ]);
  });

  it("answers a new attempt identical to the current version with 'unchanged', making no version", async () => {
    const again = await submit(A);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      version: 3,
      outcome: "unchanged",
      current: true,
      status: "submitted",
    });
    expect(await versions()).toHaveLength(3);
  });

  it("answers a retry of the first attempt with its version 1, marked as no longer current", async () => {
    const retry = await submit(A, keyOfA);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ version: 1, outcome: "created", current: false, currentVersion: 3 });
    expect(await versions()).toHaveLength(3);
  });

  it("makes ten clicks of the same sheet, each its own attempt, one version at most", async () => {
    const C = problemsSheet(4, "老牛湾村", "C");
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(C)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.version))).toEqual(new Set([4]));
    expect(answers.filter((a) => a.body.outcome === "unchanged")).toHaveLength(9);
    expect(await versions()).toHaveLength(4);
  });
});

describe("退回", () => {
  it("refuses to return a version that is no longer current (409), changing nothing", async () => {
    const list = await call(
      "office",
      "GET",
      `/api/submissions?all=1&kind=problems&branch=${encodeURIComponent(BRANCH1)}`,
    );
    const old = list.body.submissions.find((s: { version: number }) => s.version === 1);
    const res = await call("office", "POST", `/api/submissions/${old.id}/return`, { comment: "请补充" });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: "not-current",
      message: "这是第 1 版，当前版本是第 4 版；只能退回当前版本。",
    });
    const row = await env.DB.prepare("SELECT status, return_comment FROM submissions WHERE id = ?")
      .bind(old.id)
      .first();
    expect(row).toEqual({ status: "submitted", return_comment: null });
    const audit = await call("admin", "GET", "/api/audit");
    expect(audit.body.entries.filter((e: { action: string }) => e.action === "submission.return")).toEqual(
      [],
    );
  });

  it("returns the current version, and the same sheet again is answered as returned, not as new", async () => {
    const list = await call(
      "office",
      "GET",
      `/api/submissions?kind=problems&branch=${encodeURIComponent(BRANCH1)}`,
    );
    const current = list.body.submissions[0];
    const back = await call("office", "POST", `/api/submissions/${current.id}/return`, {
      comment: "请核对受益人数",
    });
    expect(back.status).toBe(200);
    const again = await submit(problemsSheet(4, "老牛湾村", "C"));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      version: 4,
      outcome: "unchanged",
      current: true,
      status: "returned",
      returnComment: "请核对受益人数",
    });
  });
});
