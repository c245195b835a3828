/**
 * One token must not exhaust the Worker (issue 8): a branch's submission is capped in bytes,
 * non-empty cells and characters (413 in the documented shape); a refusal lists at most 1,000
 * findings with counts per code; stored warnings are capped the same way; a value over 64
 * characters is not fuzzy-matched. Timing (health answered while the largest hostile submission
 * is judged) is asserted against a real wrangler dev in test/hostile/server.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_LISTED_FINDINGS, SUBMISSION_LIMITS } from "../../../shared/api";
import type { CellValue } from "../../../shared/workbook";
import { BRANCH1, call, count, problemsSubmission, seedUsers } from "../helpers";
import { PROBLEM_HEADER, PROBLEM_TITLE } from "../../fixtures/problem-rows";

beforeAll(seedUsers);

/** A 民情问题台账 header over `rows` rows of `cell(i, j)`. */
function junk(rows: number, cell: (i: number, j: number) => CellValue) {
  const values: CellValue[][] = [[PROBLEM_TITLE], [...PROBLEM_HEADER]];
  for (let i = 0; i < rows; i++) values.push(PROBLEM_HEADER.map((_, j) => cell(i, j)));
  return { values, merges: [] as string[], date1904: false };
}

describe("a branch's submission", () => {
  it("is refused with 413 above its byte limit, before it is parsed", async () => {
    const res = await call(
      "branch1",
      "POST",
      "/api/submissions",
      problemsSubmission(junk(50_000, (i, j) => `乱${i}-${j}`)),
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      code: "too-large",
      message: "请求内容超过 4 MB，超出一个支部台账的规模；请拆分工作表，或请镇党建办代为报送。",
    });
  });

  it("is refused with 413 above its limit of non-empty cells or of characters", async () => {
    const cells = SUBMISSION_LIMITS.branch.cells;
    const tooMany = await call(
      "branch1",
      "POST",
      "/api/submissions",
      problemsSubmission(junk(Math.ceil(cells / 13), () => 1)),
    );
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toBe(
      `工作表“民情问题台账”有 ${Math.ceil(cells / 13) * 13 + 14} 个非空单元格，超过 ${cells} 的上限；请拆分工作表，或请镇党建办代为报送。`,
    );
    const long = await call(
      "branch1",
      "POST",
      "/api/submissions",
      problemsSubmission(junk(4, () => "x".repeat(25_000))),
    );
    expect(long.status).toBe(413);
    expect(long.body.error.message).toMatch(
      /^工作表“民情问题台账”共 13000\d\d 个字符，超过 1000000 的上限；/,
    );
    expect(await count("submissions")).toBe(0);
  });
});

describe("the office's large submissions", () => {
  it("answer a sheet of 20,000 junk rows with the first 1,000 findings and every finding counted", async () => {
    const res = await call(
      "office",
      "POST",
      "/api/submissions",
      problemsSubmission(
        junk(20_000, (i, j) => `乱${i}-${j}`),
        { branch: BRANCH1 },
      ),
    );
    expect(res.status).toBe(422);
    const { findings, counts, total } = res.body.error.details;
    expect(findings).toHaveLength(MAX_LISTED_FINDINGS);
    expect(Object.values(counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(total);
    expect(total).toBeGreaterThan(100_000);
    expect(JSON.stringify(res.body).length).toBeLessThan(1_000_000);
  });

  it("refuse 990 village cells of 32,000 characters each with 413, above the office's character limit", async () => {
    const res = await call(
      "office",
      "POST",
      "/api/submissions",
      problemsSubmission(
        junk(990, (i, j) => (j === 3 ? `${i}`.padEnd(32_000, "x") : null)),
        { branch: BRANCH1 },
      ),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(
      /共 31680060 个字符，超过 8000000 的上限；请拆分工作表后再提交。$/,
    );
  });

  it("give a village over 64 characters no fuzzy hint, only the list", async () => {
    const long = "老牛湾村".padEnd(80, "沟");
    const values = junk(1, () => null).values;
    values[2] = [
      "1",
      "MQ-1",
      "2025-09-01",
      long,
      "张三",
      "饮水",
      "自来水管冻裂",
      "李四",
      "已解决",
      "2025-09-05",
      3,
      8,
      null,
    ];
    const res = await call(
      "office",
      "POST",
      "/api/submissions",
      problemsSubmission({ values, merges: [], date1904: false }),
    );
    expect(res.status).toBe(422);
    const village = res.body.error.details.findings.find((f: { column: string }) => f.column === "村");
    expect(village.code).toBe("unknown-branch");
    expect(village.hint ?? "").not.toContain("是否应为");
  });

  it("store 12,030 warnings as the first 1,000 and their counts, never an oversized text", async () => {
    const values: CellValue[][] = [
      ["老牛湾村党支部2025年三会一课台账"],
      ["支部", "日期", "会议类型", "应到人数", "实到人数", "主题"],
    ];
    for (let i = 0; i < 12_000; i++) {
      const date = `2025-${String(1 + (i % 9)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      values.push([BRANCH1, date, "支部党员大会", 10, 3, `主题${i}`]);
    }
    const res = await call("office", "POST", "/api/submissions", {
      kind: "branch-meetings",
      period: "2025",
      branch: BRANCH1,
      sheetName: "三会一课台账",
      sheet: { values, merges: [], date1904: false },
      idempotencyKey: "bounds-warnings-0001",
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toBe(12_030);
    expect(res.body.findings).toHaveLength(MAX_LISTED_FINDINGS);
    expect(res.body.findingCounts).toEqual({ quorum: 12_000, "cadence-gap": 30 });
    const detail = await call("office", "GET", `/api/submissions/${res.body.id}`);
    expect(detail.body.findingCounts).toEqual({ quorum: 12_000, "cadence-gap": 30 });
  });
});
