import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const ASOF = "2026-01-20";
const HEADER = ["年度", "姓名", "考核等次", "推荐表彰", "备注"];
const PEOPLE = ["张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十", "冯一", "陈二"];
const CLEAN: CellValue[][] = PEOPLE.map((name, i) => [
  2025,
  name,
  i < 2 ? "优秀" : i === 9 ? "基本称职" : "称职",
  i === 0 ? "两优一先、其他" : i === 1 ? "劳动模范" : "",
  "",
]);

function validate(rows: CellValue[][]) {
  const [result] = run(sheet("考核评价表", [["2025年度考核评价表"], HEADER, ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

describe("assessment kind (考核评价表)", () => {
  it("accepts exactly 20 % 优秀 with no findings and computes the summary", () => {
    const r = validate(CLEAN);
    expect(r.kind).toBe("assessment");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      byGrade: { 优秀: 2, 称职: 7, 合格: 0, 基本称职: 1, 基本合格: 0, 不称职: 0, 不合格: 0 },
      excellentShare: 0.2,
      recommendations: { 两优一先: 1, 劳动模范: 1, 五一劳动奖章: 0, 其他: 1 },
    });
  });

  it("flags 优秀 above 20 % of the people appraised that year as quota (cell null, period = year)", () => {
    const rows = CLEAN.map((row, i) => (i === 2 ? [2025, row[1], "优秀", "", ""] : row));
    const r = validate(rows);
    expect(brief(r)).toEqual(["quota null warning"]);
    expect(r.findings[0]).toMatchObject({ period: "2025", row: null, column: null });
    expect(r.findings[0].message).toBe(
      "2025 年度考核评为优秀的有 3 人，占参加考核的 10 人的 30%，超过了 20% 的比例。",
    );
  });

  it("flags a repeated (年度, 姓名) on the 姓名 cell and counts the person once for the quota", () => {
    const r = validate([...CLEAN, [2025, "张三", "优秀", "", "重复"]]);
    expect(brief(r)).toEqual(["duplicate-key B13 error"]);
    expect(r.findings[0].message).toContain("与第 3 行重复");
  });

  it("allows the same person in different years", () => {
    const r = validate([...CLEAN, [2024, "张三", "称职", "", ""]]);
    expect(r.findings).toEqual([]);
  });
});
