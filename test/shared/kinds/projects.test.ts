import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const ASOF = "2025-10-01";
const HEADER = [
  "村",
  "项目名称",
  "项目类型",
  "合作村",
  "投资金额（万元）",
  "预计增收（万元）",
  "实际收益（万元）",
  "受益户数",
  "受益人数",
  "进度",
  "开始日期",
  "完成日期",
];

function validate(rows: CellValue[][], header: CellValue[] = HEADER) {
  const [result] = run(sheet("项目台账", [["老牛湾镇项目台账（2025年）"], header, ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

describe("projects kind", () => {
  it("accepts a clean sheet, a planned start after the as-of date, and sums in 万元", () => {
    const r = validate([
      ["老牛湾村", "自来水入户", "民生实事", "", 12.5, 0, 0, 30, 90, "已完工", "2025-03-01", "2025-06-30"],
      ["乾坤湾村", "小杂粮加工", "产业发展", "", "50万元", 8, 3.2, 40, 120, "实施中", "2025-04-01", ""],
      ["麦虎村", "光伏入股", "入股分红", "老牛湾村", 20, 2, "", 15, 45, "谋划中", "2026-03-01", ""],
    ]);
    expect(r.kind).toBe("projects");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      projects: 3,
      byType: { 民生实事: 1, 产业发展: 1, 入股分红: 1 },
      investment: 82.5,
      expectedIncome: 10,
      actualIncome: 3.2,
      households: 85,
      people: 255,
      byVillage: { 老牛湾村党支部: 1, 乾坤湾村党支部: 1, 麦虎村党支部: 1 },
    });
  });

  it("converts an amount given in 元 by its header", () => {
    const header = [...HEADER];
    header[4] = "投资金额（元）";
    const r = validate(
      [["老牛湾村", "道路硬化", "民生实事", "", 125000, "", "", "", "", "实施中", "2025-03-01", ""]],
      header,
    );
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({ investment: 12.5 });
  });

  it("requires 合作村 for 入股分红", () => {
    const r = validate([
      ["麦虎村", "光伏入股", "入股分红", "", 20, "", "", "", "", "实施中", "2025-03-01", ""],
    ]);
    expect(brief(r)).toEqual(["required D3 error"]);
    expect(r.findings[0].message).toContain("入股分红");
  });

  it("flags a 入股分红 合作村 that is the project's own village", () => {
    const r = validate([
      ["麦虎村", "光伏入股", "入股分红", "麦虎", 20, "", "", "", "", "实施中", "2025-03-01", ""],
    ]);
    expect(brief(r)).toEqual(["inconsistent D3 error"]);
    expect(r.findings[0].message).toContain("麦虎村党支部");
  });

  it("flags 完成日期 before 开始日期", () => {
    const r = validate([
      ["麦虎村", "修路", "民生实事", "", "", "", "", "", "", "已完工", "2025-05-01", "2025-04-01"],
    ]);
    expect(brief(r)).toEqual(["date-order L3 error"]);
    expect(r.findings[0].message).toBe(
      "完成日期 2025-04-01 早于开始日期 2025-05-01，完成日期不能早于开始日期。",
    );
  });

  it("flags 已完工 or 已见效 without 完成日期", () => {
    const r = validate([
      ["麦虎村", "修路", "民生实事", "", "", "", "", "", "", "已完工", "2025-05-01", ""],
      ["麦虎村", "养殖", "产业发展", "", "", "", "", "", "", "已见效", "2025-05-01", ""],
    ]);
    expect(brief(r)).toEqual(["inconsistent L3 error", "inconsistent L4 error"]);
    expect(r.findings[1].message).toContain("已见效");
  });

  it("flags a negative amount and a 完成日期 after the as-of date", () => {
    const r = validate([
      ["麦虎村", "修路", "民生实事", "", -5, "", "", "", "", "已完工", "2025-05-01", "2025-12-01"],
    ]);
    expect(brief(r)).toEqual(["range E3 error", "future-date L3 error"]);
  });
});
