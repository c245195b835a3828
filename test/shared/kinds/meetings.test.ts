import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

// As of Wednesday 2025-10-01 with the earliest date 2025-09-01: weeks W36–W39, month 2025-09 and
// quarter 2025-Q3 (its span starts 2025-07-01) are complete; the year 2025 is not.
const ASOF = "2025-10-01";
const HEADER = ["日期", "会议类型", "参会人数", "学习内容", "研判事项"];
const CLEAN: CellValue[][] = [
  ["2025-09-01", "月例会", 8, "学习条例", "部署九月工作"],
  ["2025-09-05", "周小结", 8, "", "本周走访"],
  ["2025-09-12", "周小结", "7人", "", "本周走访"],
  ["2025-09-19", "周小结", 8, "", "本周走访"],
  ["2025-09-26", "周小结", 8, "", "本周走访"],
  ["2025-09-30", "季总结", 8, "", "三季度总结"],
];

function validate(rows: CellValue[][]) {
  const [result] = run(
    sheet("工作例会台账", [["老牛湾镇党建办工作例会台账（2025年）"], HEADER, ...rows]),
    ASOF,
  );
  return result;
}

describe("meetings kind (工作例会台账)", () => {
  it("accepts a clean sheet with no findings and computes the summary", () => {
    const r = validate(CLEAN);
    expect(r.kind).toBe("meetings");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      byType: { 周小结: 4, 月例会: 1, 季总结: 1, 年盘点: 0 },
      cadence: { 周小结: 1, 月例会: 1, 季总结: 1, 年盘点: null },
    });
  });

  it("flags a missing 周小结 week and a missing 季总结 quarter with period and subject", () => {
    const r = validate(CLEAN.filter((row) => row[0] !== "2025-09-19" && row[1] !== "季总结"));
    expect(r.findings.map((f) => `${f.code} ${f.subject} ${f.period} ${f.severity} ${f.cell}`)).toEqual([
      "cadence-gap 周小结 2025-W38 warning null",
      "cadence-gap 季总结 2025-Q3 warning null",
    ]);
    expect(r.findings[0].message).toBe(
      "2025 年第 38 周 没有召开周小结（每周至少一次，镇党建办工作例会制度）。",
    );
    expect(r.findings[1].message).toBe(
      "2025 年第 3 季度 没有召开季总结（每季度至少一次，镇党建办工作例会制度）。",
    );
    expect(r.summary).toMatchObject({ cadence: { 周小结: 0.75, 月例会: 1, 季总结: 0, 年盘点: null } });
  });

  it("flags a missing 月例会", () => {
    const r = validate(CLEAN.slice(1).concat([["2025-09-02", "周小结", 8, "", ""]]));
    expect(r.findings.map((f) => `${f.code} ${f.subject} ${f.period}`)).toEqual([
      "cadence-gap 月例会 2025-09",
    ]);
  });
});
