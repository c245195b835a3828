/**
 * Figures in the sheets Ledgerline writes (issue 12): units in headings, rates as percentages,
 * and a township total that says how many branches it covers.
 */
import { describe, expect, it } from "vitest";
import { buildConsolidated } from "../../../shared/xlsx/consolidated";
import { figureHeading, figureNumber, sameAxis } from "../../../shared/figures";
import { kindById, kindFigure } from "../../../shared/kinds";

const dues = kindById("dues")!;
const figures = {
  members: 3,
  expected: 27,
  paid: 18.5,
  paidRate: 0.68518,
  unpaidMonths: 17.25,
  inArrears: 2,
};

function summaryRows(branches: { reported: number; expected: number } | null): unknown[][] {
  const wb = buildConsolidated({
    township: "老牛湾镇",
    year: "2025",
    kinds: [{ kind: dues, rows: [], byBranch: { 老牛湾村党支部: figures }, total: figures, branches }],
  });
  const ws = wb.getWorksheet("汇总")!;
  const rows: unknown[][] = [];
  for (let r = 1; r <= 8; r++) rows.push([1, 2, 3, 4, 5, 6, 7].map((c) => ws.getCell(r, c).value ?? null));
  return rows;
}

describe("the consolidated 汇总 sheet", () => {
  it("puts each figure's unit in its heading, a rate as a percentage, and warns when not every branch reported", () => {
    expect(summaryRows({ reported: 1, expected: 6 })).toEqual([
      ["老牛湾镇党建台账汇总（2025年）", null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      ["党费收缴台账", null, null, null, null, null, null],
      ["注意：6 个支部中只有 1 个已报，合计不是全镇的数。", null, null, null, null, null, null],
      [
        "提交单位",
        "党员人数（人）",
        "应缴（元）",
        "实缴（元）",
        "缴纳率（%）",
        "欠缴月数（个月）",
        "欠缴 3 个月以上人数（人）",
      ],
      ["老牛湾村党支部", 3, 27, 18.5, 68.5, 17.25, 2],
      ["合计（1/6 个支部已报）", 3, 27, 18.5, 68.5, 17.25, 2],
      [null, null, null, null, null, null, null],
    ]);
  });

  it("gives no warning when every branch reported, and a plain 合计 for the office's own kinds", () => {
    const all = summaryRows({ reported: 6, expected: 6 });
    expect(all[3][0]).toBe("提交单位");
    expect(all[5][0]).toBe("合计（6/6 个支部已报）");
    expect(summaryRows(null)[5][0]).toBe("合计");
  });
});

describe("figure helpers", () => {
  it("head a column with the unit in either language, and give rates in percent to one decimal", () => {
    const rate = kindFigure("dues", "paidRate");
    expect(figureHeading(rate, "paidRate", "zh-CN")).toBe("缴纳率（%）");
    expect(figureHeading(kindFigure("projects", "investment"), "investment", "en")).toBe(
      "Investment (×10,000 yuan)",
    );
    expect(figureHeading(undefined, "gone", "zh-CN")).toBe("gone");
    expect(figureNumber(rate, 0.36842)).toBe(36.8);
    expect(figureNumber(kindFigure("dues", "paid"), 18.499)).toBe(18.5);
  });

  it("share a chart's axis only between figures of one unit", () => {
    expect(sameAxis(kindFigure("dues", "members"), kindFigure("dues", "inArrears"))).toBe(true);
    expect(sameAxis(kindFigure("dues", "members"), kindFigure("dues", "paid"))).toBe(false);
    expect(sameAxis(kindFigure("dues", "members"), kindFigure("dues", "paidRate"))).toBe(false);
  });
});
