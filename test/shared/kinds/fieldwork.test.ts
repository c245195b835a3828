import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { DEFAULT_REGISTRY, type Registry } from "../../../shared/registry";
import { run, sheet } from "../helpers";

// 2025-09-01 is a Monday (2025-W36); as of Monday 2025-09-15, W36 and W37 are complete, W38 is not.
const ASOF = "2025-09-15";
const REGISTRY: Registry = {
  ...DEFAULT_REGISTRY,
  staff: [{ name: "张三" }, { name: "李四" }, { name: "王五" }],
};
const HEADER = ["日期", "工作人员", "村", "工作方式", "调研主题", "工作内容"];
const ROWS: CellValue[][] = [
  ["2025-09-01", "张三", "老牛湾", "走访群众", "基层治理", "走访农户"],
  ["2025-09-03", "张三", "乾坤湾", "专项调研", "新型农村集体经济", "调研合作社"],
  ["2025-09-03", "张三", "乾坤湾", "列席指导", "基层治理", "列席支委会"],
  ["2025-09-09", "张三", "老牛湾", "蹲点", "", "蹲点"],
  ["2025-09-11", "张三", "老牛湾", "走访群众", "", "走访"],
  ["2025-09-02", "李四", "柏林峁", "走访群众", "村级组织运转", "走访"],
  ["2025-09-08", "李四", "柏林峁", "专项调研", "软弱涣散整顿", "调研"],
  ["2025-09-10", "李四", "麦虎", "走访群众", "其他", "走访"],
  ["2025-09-15", "李四", "麦虎", "走访群众", "", "走访"],
];

function validate(rows: CellValue[][], registry: Registry = REGISTRY) {
  const [result] = run(sheet("到村工作日志", [["2025年9月到村工作日志"], HEADER, ...rows]), ASOF, registry);
  return result;
}
const brief = (r: ReturnType<typeof validate>) =>
  r.findings.map((f) => `${f.code} ${f.subject} ${f.period} ${f.severity}`);

describe("fieldwork kind (到村工作日志)", () => {
  it("flags each staff member under 2 distinct days in a completed ISO week, including registry staff absent from the sheet", () => {
    const r = validate(ROWS);
    expect(r.kind).toBe("fieldwork");
    expect(brief(r)).toEqual([
      "visit-days 李四 2025-W36 warning",
      "visit-days 王五 2025-W36 warning",
      "visit-days 王五 2025-W37 warning",
    ]);
    expect(r.findings[0]).toMatchObject({ cell: null, row: null, column: null });
    expect(r.findings[0].message).toBe("李四 2025 年第 36 周 到村工作 1 天，少于每周 2 天的要求。");
    expect(r.findings[1].message).toContain("到村工作 0 天");
  });

  it("computes the summary over distinct staff-days", () => {
    const r = validate(ROWS);
    expect(r.summary).toEqual({
      visitDays: 8,
      avgDaysPerStaffWeek: 1.17,
      weeksBelowTwo: 3,
      byVillage: { 老牛湾村党支部: 3, 乾坤湾村党支部: 1, 柏林峁村党支部: 2, 麦虎村党支部: 2 },
      byTopic: { 村级组织运转: 1, 软弱涣散整顿: 1, 基层治理: 2, 新型农村集体经济: 1, 其他: 1 },
    });
  });

  it("gives a clean sheet no findings when only the sheet's staff are known", () => {
    const r = validate(
      ROWS.filter((row) => row[1] === "张三"),
      DEFAULT_REGISTRY,
    );
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({ visitDays: 4, avgDaysPerStaffWeek: 2, weeksBelowTwo: 0 });
  });

  it("skips the registry's exempt weeks", () => {
    const r = validate(ROWS, { ...REGISTRY, exemptPeriods: ["2025-W36"] });
    expect(brief(r)).toEqual(["visit-days 王五 2025-W37 warning"]);
  });
});
