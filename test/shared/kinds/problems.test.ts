import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";
import { PROBLEM_COLUMNS, PROBLEM_TITLE, problemRow } from "../../fixtures/problem-rows";

const ASOF = "2025-10-01";

function validate(rows: CellValue[][]) {
  const [result] = run(sheet("民情问题台账", [[PROBLEM_TITLE], [...PROBLEM_COLUMNS], ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

const CLEAN: CellValue[][] = [
  problemRow(1, { 编号: "P1", 问题描述: "自来水管破裂", 责任人: "村委会", 受益人数: 10 }),
  ["P2", "2025-08-01", "乾坤湾", "李四", "道路", "路面坑洼", "镇交通办", "办理中", "", "20户", "60人", ""],
  ["P3", "2025-09-20", "老牛湾村", "张三", "医疗", "看病难", "", "待办", "", "", "", ""],
  ["P4", "2025/7/1", "麦虎村", "王五", "饮水", "水质差", "", "已办结", "2025年7月11日", "", "", ""],
];

describe("problems kind", () => {
  it("accepts a clean sheet with no findings and computes the summary", () => {
    const r = validate(CLEAN);
    expect(r.kind).toBe("problems");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      total: 4,
      byStatus: { 已解决: 2, 办理中: 1, 待办: 1 },
      resolved: 2,
      resolvedRate: 0.5,
      // Served by solved problems only (P1: 3 households, 10 people; P4 none given).
      households: 3,
      people: 10,
      byVillage: { 老牛湾村党支部: 2, 乾坤湾村党支部: 1, 麦虎村党支部: 1 },
      byCategory: { 饮水: 2, 道路: 1, 医疗: 1 },
      medianDaysToResolve: 7,
      openOver30Days: 1,
    });
  });

  it("flags 已解决 without 解决日期 on the 解决日期 cell", () => {
    const r = validate([["P1", "2025-09-01", "老牛湾村", "", "饮水", "漏水", "", "已解决", "", "", "", ""]]);
    expect(brief(r)).toEqual(["inconsistent I3 error"]);
    expect(r.findings[0].message).toContain("已解决");
    expect(r.findings[0].column).toBe("解决日期");
  });

  it("flags 解决日期 before 收集日期", () => {
    const r = validate([
      ["P1", "2025-09-10", "老牛湾村", "", "饮水", "漏水", "", "已解决", "2025-09-01", "", "", ""],
    ]);
    expect(brief(r)).toEqual(["date-order I3 error"]);
    expect(r.findings[0].message).toBe(
      "解决日期 2025-09-01 早于收集日期 2025-09-10，解决日期不能早于收集日期。",
    );
    expect(r.findings[0].hint).toBe("请核对两个日期。");
  });

  it("flags 受益人数 below 受益户数", () => {
    const r = validate([["P1", "2025-09-10", "老牛湾村", "", "饮水", "漏水", "", "办理中", "", 5, 3, ""]]);
    expect(brief(r)).toEqual(["inconsistent K3 error"]);
    expect(r.findings[0].message).toContain("受益人数 3 少于受益户数 5");
  });

  it("leaves cross-cell checks to the engine when a date is invalid", () => {
    const r = validate([
      ["P1", "2025-09-10", "老牛湾村", "", "饮水", "漏水", "", "已解决", "9月1日", "", "", ""],
    ]);
    expect(brief(r)).toEqual(["type I3 error"]);
  });

  it("gives null rates and median on an empty sheet", () => {
    const r = validate([]);
    expect(r.summary).toMatchObject({
      total: 0,
      resolvedRate: null,
      medianDaysToResolve: null,
      openOver30Days: 0,
    });
  });

  it("flags a repeated 编号", () => {
    const r = validate([CLEAN[0], CLEAN[0]]);
    expect(brief(r)).toEqual(["duplicate-key A4 error"]);
  });
});
