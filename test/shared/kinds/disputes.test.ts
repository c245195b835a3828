import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const ASOF = "2025-10-01";
const HEADER = ["编号", "登记日期", "村", "网格", "网格员", "纠纷类型", "状态", "化解层级", "化解日期"];

function validate(rows: CellValue[][]) {
  const [result] = run(sheet("矛盾纠纷排查化解台账", [HEADER, ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

describe("disputes kind", () => {
  it("accepts a clean sheet and computes the 小事不出村、大事不出镇 rates over closed cases", () => {
    const r = validate([
      ["D1", "2025-09-01", "老牛湾村", "一网格", "张三", "邻里纠纷", "已化解", "村级", "2025-09-03"],
      ["D2", "2025-09-02", "老牛湾村", "二网格", "李四", "土地权属", "已化解", "镇级", "2025-09-10"],
      ["D3", "2025-09-05", "乾坤湾村", "一网格", "王五", "婚姻家庭", "已化解", "县级及以上", "2025-09-20"],
      ["D4", "2025-09-06", "乾坤湾村", "一网格", "王五", "劳资纠纷", "化解中", "", ""],
      ["D5", "2025-09-07", "乾坤湾村", "一网格", "王五", "其他", "已移交", "", ""],
      ["D6", "2025-09-08", "乾坤湾村", "一网格", "王五", "其他", "未化解", "", ""],
    ]);
    expect(r.kind).toBe("disputes");
    expect(r.findings).toEqual([]);
    // Closed: D1–D3 已化解, D5 已移交, D6 未化解; D4 is still 化解中.
    expect(r.summary).toEqual({
      total: 6,
      resolved: 3,
      closed: 5,
      resolvedInVillageRate: 0.2,
      resolvedInTownRate: 0.4,
      byType: { 邻里纠纷: 1, 土地权属: 1, 婚姻家庭: 1, 劳资纠纷: 1, 其他: 2 },
    });
  });

  it("flags 已化解 without 化解层级 and 化解日期", () => {
    const r = validate([["D1", "2025-09-01", "老牛湾村", "", "", "邻里纠纷", "已化解", "", ""]]);
    expect(brief(r)).toEqual(["inconsistent H2 error", "inconsistent I2 error"]);
    expect(r.findings[0].message).toContain("化解层级");
    expect(r.findings[1].message).toContain("化解日期");
  });

  it("flags 化解日期 before 登记日期", () => {
    const r = validate([
      ["D1", "2025-09-10", "老牛湾村", "", "", "邻里纠纷", "已化解", "村级", "2025-09-01"],
    ]);
    expect(brief(r)).toEqual(["date-order I2 error"]);
    expect(r.findings[0].message).toBe(
      "化解日期 2025-09-01 早于登记日期 2025-09-10，化解日期不能早于登记日期。",
    );
  });

  it("accepts the 化解结果 and 排查日期 aliases", () => {
    const [r] = run(
      sheet("纠纷", [
        ["编号", "排查日期", "村", "纠纷类型", "化解结果", "化解层级", "化解日期"],
        ["D1", "2025-09-01", "老牛湾", "其他", "未化解", "", ""],
      ]),
      ASOF,
    );
    expect(r.kind).toBe("disputes");
    expect(r.findings).toEqual([]);
    // A case 未化解 is closed and counts against both rates.
    expect(r.summary).toMatchObject({
      total: 1,
      resolved: 0,
      closed: 1,
      resolvedInVillageRate: 0,
      resolvedInTownRate: 0,
    });
  });
});
