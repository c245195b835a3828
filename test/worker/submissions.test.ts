import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BRANCH1,
  BRANCH2,
  call,
  count,
  newKey,
  problemsSheet,
  seedUsers,
  problemsSubmission,
} from "./helpers";
import { idNumber } from "../hostile/idnumbers";

beforeAll(seedUsers);

const submitProblems = (
  who: "admin" | "office" | "branch1" | "branch2",
  extra: Record<string, unknown> = {},
  rows = 3,
) =>
  call(who, "POST", "/api/submissions", {
    kind: "problems",
    period: "2025",
    sheetName: "民情问题台账",
    sheet: problemsSheet(rows),
    idempotencyKey: newKey(),
    ...extra,
  });

describe("submissions", () => {
  it("accepts a clean sheet from its branch and answers a receipt", async () => {
    const res = await submitProblems("branch1");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "problems",
      scope: BRANCH1,
      period: "2025",
      version: 1,
      rows: 3,
      warnings: 0,
      onBehalf: false,
    });
    expect(await count("records", `submission_id = '${res.body.id}'`)).toBe(3);
    const detail = await call("branch1", "GET", `/api/submissions/${res.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.records).toHaveLength(3);
    expect(detail.body.records[0]).toEqual({
      row: 3,
      values: expect.objectContaining({
        编号: "MQ-00001",
        收集日期: "2025-02-02",
        村: BRANCH1,
        办理状态: "办理中",
      }),
    });
  });

  it("refuses a sheet with errors with 422 and its findings, storing nothing", async () => {
    const before = {
      s: await count("submissions"),
      r: await count("records"),
      a: await count("audit"),
      sh: await count("submission_sheets"),
    };
    const sheet = problemsSheet(2);
    sheet.values[2][1] = "2025-13-45";
    const res = await call("branch1", "POST", "/api/submissions", problemsSubmission(sheet));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid-sheet");
    expect(res.body.error.details.findings[0]).toMatchObject({
      severity: "error",
      cell: "B3",
      row: 3,
      column: "收集日期",
    });
    expect({
      s: await count("submissions"),
      r: await count("records"),
      a: await count("audit"),
      sh: await count("submission_sheets"),
    }).toEqual(before);
  });

  it("refuses a sheet of another kind with 422", async () => {
    const res = await call(
      "branch1",
      "POST",
      "/api/submissions",
      problemsSubmission(problemsSheet(1), { kind: "disputes" }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("kind-mismatch");
    expect(res.body.error.details.recognised).toBe("problems");
  });

  it("makes each re-submission a new current version and keeps the old ones readable", async () => {
    const first = await submitProblems("office", { branch: "乾坤湾", sheet: problemsSheet(2, "乾坤湾村") });
    const second = await submitProblems("office", { branch: BRANCH2, sheet: problemsSheet(4, "乾坤湾村") });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect([first.body.version, second.body.version]).toEqual([1, 2]);
    expect(second.body.onBehalf).toBe(true);
    const list = await call(
      "office",
      "GET",
      `/api/submissions?year=2025&kind=problems&branch=${encodeURIComponent(BRANCH2)}`,
    );
    expect(list.body.submissions.map((s: { id: string }) => s.id)).toEqual([second.body.id]);
    const all = await call("office", "GET", `/api/submissions?branch=${encodeURIComponent(BRANCH2)}&all=1`);
    expect(
      all.body.submissions.map((s: { version: number; current: boolean }) => [s.version, s.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const old = await call("branch2", "GET", `/api/submissions/${first.body.id}`);
    expect(old.status).toBe(200);
    expect(old.body.records).toHaveLength(2);
  });

  it("returns the first receipt for the same key and body, without duplicate rows; 409 for another body", async () => {
    const body = problemsSubmission(problemsSheet(5), { period: "2024" });
    body.sheet.values[0][0] = "2024年民情问题台账";
    for (const row of body.sheet.values.slice(2)) row[1] = String(row[1]).replace("2025", "2024");
    for (const row of body.sheet.values.slice(2)) if (row[6]) row[6] = String(row[6]).replace("2025", "2024");
    const first = await call("branch1", "POST", "/api/submissions", body);
    const again = await call("branch1", "POST", "/api/submissions", body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count("submissions", "period = '2024'")).toBe(1);
    expect(await count("records", `submission_id = '${first.body.id}'`)).toBe(5);
    const other = await call("branch1", "POST", "/api/submissions", { ...body, sheetName: "另一张表" });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency-conflict");
  });

  it("stores a key sent by five concurrent retries once, answering each with the same receipt", async () => {
    const body = {
      kind: "problems",
      period: "2025",
      branch: "滑石村",
      sheetName: "民情问题台账",
      sheet: problemsSheet(3, "滑石村"),
      idempotencyKey: newKey(),
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call("office", "POST", "/api/submissions", body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count("submissions", "scope = '滑石村党支部'")).toBe(1);
    expect(
      await count("records r JOIN submissions s ON s.id = r.submission_id", "s.scope = '滑石村党支部'"),
    ).toBe(3);
  });

  it("numbers receipts in one township sequence, the same number on a retry and in the lists", async () => {
    const before = await env.DB.prepare("SELECT MAX(receipt_no) AS n FROM submissions").first<{
      n: number | null;
    }>();
    const body = problemsSubmission(problemsSheet(2, "麦虎村"), { branch: "麦虎村" });
    const first = await call("office", "POST", "/api/submissions", body);
    const retry = await call("office", "POST", "/api/submissions", body);
    const second = await submitProblems("office", {
      branch: "阳洼子村",
      sheet: problemsSheet(1, "阳洼子村"),
    });
    expect([first.status, retry.status, second.status]).toEqual([201, 200, 201]);
    const n = (before?.n ?? 0) + 1;
    expect([first.body.receiptNo, retry.body.receiptNo, second.body.receiptNo]).toEqual([n, n, n + 1]);
    const unchanged = await submitProblems("office", { branch: "麦虎村", sheet: problemsSheet(2, "麦虎村") });
    expect(unchanged.body).toMatchObject({ outcome: "unchanged", receiptNo: n });
    const list = await call("office", "GET", `/api/submissions?branch=${encodeURIComponent("麦虎村")}`);
    expect(list.body.submissions.map((s: { receiptNo: number }) => s.receiptNo)).toEqual([n]);
    const detail = await call("office", "GET", `/api/submissions/${second.body.id}`);
    expect(detail.body.receiptNo).toBe(n + 1);
  });

  it("keeps exactly one current version when 20 submissions of one period arrive at once, losing none", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submitProblems("office", { branch: "柏林峁村", sheet: problemsSheet(i + 1, "柏林峁村") }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await count("submissions", "scope = '柏林峁村党支部' AND kind = 'problems'")).toBe(20);
    expect(await count("submissions", "scope = '柏林峁村党支部' AND kind = 'problems' AND current = 1")).toBe(
      1,
    );
    const current = await env.DB.prepare(
      "SELECT version, rows FROM submissions WHERE scope = '柏林峁村党支部' AND current = 1",
    ).first<{
      version: number;
      rows: number;
    }>();
    expect(current?.version).toBe(20);
    expect(
      await count("records r JOIN submissions s ON s.id = r.submission_id", "s.scope = '柏林峁村党支部'"),
    ).toBe(210);
  });

  it("退回: marks the submission returned with a comment the branch then sees", async () => {
    const sub = await submitProblems("branch1", {
      period: "2023",
      sheet: (() => {
        const s = problemsSheet(1);
        s.values[0][0] = "2023年民情问题台账";
        s.values[2][1] = "2023-05-05";
        return s;
      })(),
    });
    expect(sub.status).toBe(201);
    const denied = await call("branch1", "POST", `/api/submissions/${sub.body.id}/return`, { comment: "x" });
    expect(denied.status).toBe(403);
    const ret = await call("office", "POST", `/api/submissions/${sub.body.id}/return`, {
      comment: "受益人数与走访记录不符，请核实后重报。",
    });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({
      status: "returned",
      returnComment: "受益人数与走访记录不符，请核实后重报。",
      current: true,
    });
    const seen = await call("branch1", "GET", "/api/submissions?year=2023");
    expect(seen.body.submissions).toHaveLength(1);
    expect(seen.body.submissions[0]).toMatchObject({
      id: sub.body.id,
      status: "returned",
      returnComment: "受益人数与走访记录不符，请核实后重报。",
    });
    const status = await call("branch1", "GET", "/api/status?year=2023");
    const cell = status.body.rows[0].cells.find((x: { kind: string }) => x.kind === "problems");
    expect(cell).toMatchObject({
      state: "returned",
      returnComment: "受益人数与走访记录不符，请核实后重报。",
    });
  });

  it("shows the branch a return comment with any ID number in it masked, in its list and its status row", async () => {
    const sub = await submitProblems("branch2", { sheet: problemsSheet(1, "乾坤湾村") });
    const id = idNumber("1985-05-05", 4, true);
    const ret = await call("office", "POST", `/api/submissions/${sub.body.id}/return`, {
      comment: `第 3 行 ${id} 不应写入问题台账，请删去后重报。`,
    });
    expect(ret.status).toBe(200);
    const masked = `第 3 行 ${id.slice(0, 6)}************ 不应写入问题台账，请删去后重报。`;
    const list = await call("branch2", "GET", "/api/submissions?year=2025");
    expect(list.body.submissions[0]).toMatchObject({ status: "returned", returnComment: masked });
    const status = await call("branch2", "GET", "/api/status?year=2025");
    expect(status.body.rows).toHaveLength(1);
    expect(status.body.rows[0].cells.find((x: { kind: string }) => x.kind === "problems")).toMatchObject({
      state: "returned",
      returnComment: masked,
      receiptNo: sub.body.receiptNo,
      version: sub.body.version,
    });
  });

  it("rejects unknown fields, bad periods and overlong cells with 400", async () => {
    const base = problemsSubmission(problemsSheet(1));
    const unknown = await call("branch1", "POST", "/api/submissions", { ...base, extra: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("bad-request");
    const period = await call("branch1", "POST", "/api/submissions", { ...base, period: "2025-09" });
    expect(period.status).toBe(400);
    const long = problemsSheet(1);
    long.values[2][4] = "长".repeat(32_768);
    const tooLong = await call("branch1", "POST", "/api/submissions", { ...base, sheet: long });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.issues[0].path).toBe("sheet.values.2.4");
    const malformed = await call("branch1", "POST", "/api/submissions", "{not json");
    expect(malformed.status).toBe(400);
  });

  it("answers 413 for a body over the limit", async () => {
    const big = "x".repeat(33 * 1024 * 1024);
    const res = await call("branch1", "POST", "/api/submissions", big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("too-large");
  });
});
