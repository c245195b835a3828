import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const ASOF = "2025-10-01"; // January–September 2025 are complete
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const HEADER = ["姓名", "人员类别", "月收入基数（元）", "月应缴（元）", ...MONTHS, "全年实缴"];

function validate(
  rows: CellValue[][],
  title = "老牛湾村党支部党费收缴台账（2025年）",
  name = "党费收缴台账",
) {
  const [result] = run(sheet(name, [[title], HEADER, ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

/** A member row: months 1..12 as given (missing ones blank), total computed unless given. */
function member(
  name: string,
  category: string,
  base: CellValue,
  due: CellValue,
  months: CellValue[],
  total?: CellValue,
): CellValue[] {
  const cells = MONTHS.map((_, i) => months[i] ?? "");
  const sum =
    total ?? Math.round(cells.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0) * 100) / 100;
  return [name, category, base, due, ...cells, sum];
}
const nine = (amount: number): number[] => Array.from({ length: 9 }, () => amount);

describe("dues kind", () => {
  it("accepts a clean sheet and computes expected and paid in 元", () => {
    const r = validate([
      member("张三", "在职", 4000, 40, nine(40)),
      member("李四", "离退休", 6000, 60, nine(60)),
      member("王五", "农民", "", 1, nine(1)),
      member("赵六", "学生", "", 0.2, nine(0.2)),
      member("钱七", "低保", "", 0, []),
    ]);
    expect(r.kind).toBe("dues");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ members: 5, expected: 910.8, paid: 910.8, paidRate: 1, unpaidMonths: 0 });
  });

  it("flags a 月应缴 that does not follow the 在职 band of the whole base", () => {
    const r = validate([
      member("张三", "在职", 3000, 30, nine(30)),
      member("李四", "在职", 3000.01, 30, nine(30)),
    ]);
    expect(brief(r)).toEqual(["dues-rate D3 error"]);
    expect(r.findings[0].message).toBe(
      "月应缴 30.00 元与规定不符：在职党员月收入基数 3000.00 元，应按 0.5% 交纳，即 15.00 元（中组发〔2008〕3号）。",
    );
  });

  it("allows up to 1 元 of difference and flags more", () => {
    const r = validate([
      member("张三", "在职", 12000, 241, nine(241)),
      member("李四", "在职", 12000, 238.99, nine(238.99)),
    ]);
    expect(brief(r)).toEqual(["dues-rate D4 error"]);
  });

  it("flags 离退休 dues above 0.5 % for a pension of 5000 元", () => {
    const r = validate([member("张三", "离退休", 5000, 50, nine(50))]);
    expect(brief(r)).toEqual(["dues-rate D3 error"]);
    expect(r.findings[0].message).toContain("25.00 元");
  });

  it("flags 农民 dues outside 0.2–1 元 and 学生 dues above 0.2 元", () => {
    const r = validate([
      member("甲", "农民", "", 2, nine(2)),
      member("乙", "农民", "", 0.1, nine(0.1)),
      member("丙", "学生", "", 0.5, nine(0.5)),
      member("丁", "下岗失业", "", 0.1, nine(0.1)),
      member("戊", "其他", "", 7, nine(7)),
    ]);
    expect(brief(r)).toEqual(["dues-rate D3 error", "dues-rate D4 error", "dues-rate D5 error"]);
    expect(r.findings[0].message).toContain("0.2 元至 1 元");
  });

  it("flags 全年实缴 that differs from the months' sum by one 分", () => {
    const r = validate([member("张三", "农民", "", 1, nine(1), 9.01)]);
    expect(brief(r)).toEqual(["sum-mismatch Q3 error"]);
    expect(r.findings[0].message).toBe("全年实缴 9.01 元与各月实缴之和 9.00 元不一致。");
  });

  it("warns on each completed month with nothing paid, and never on months not yet over", () => {
    const months: CellValue[] = [1, 1, "", 0, 1, 1, 1, 1, 1];
    const r = validate([member("张三", "农民", "", 1, months)]);
    expect(brief(r)).toEqual(["dues-unpaid G3 warning", "dues-unpaid H3 warning"]);
    expect(r.findings.map((f) => f.period)).toEqual(["2025-03", "2025-04"]);
    expect(r.findings[0].subject).toBe("张三");
    expect(r.summary).toMatchObject({ unpaidMonths: 2, expected: 9, paid: 7, paidRate: 0.7778 });
  });

  it("reports six or more months in a row unpaid as one error on the row", () => {
    const r = validate([
      member("张三", "农民", "", 1, ["", "", "", "", "", "", 1, 1, 1]),
      member("李四", "农民", "", 1, []),
    ]);
    expect(brief(r)).toEqual(["dues-unpaid A3 error", "dues-unpaid A4 error"]);
    expect(r.findings[0].message).toContain("2025-01 至 2025-06 连续 6 个月");
    expect(r.findings[1].message).toContain("连续 9 个月");
    expect(r.findings[0].message).toContain("第九条");
    expect(r.summary).toMatchObject({ unpaidMonths: 15 });
  });

  it("accepts 月应缴 0 (经批准免交) for fixed-amount categories and does not ask them to pay", () => {
    const r = validate([member("钱七", "学生", "", 0, []), member("孙八", "农民", "", 0, [])]);
    expect(r.findings).toEqual([]);
  });

  it("takes the ledger year from the title: a past year has twelve completed months", () => {
    const r = validate(
      [member("张三", "农民", "", 1, [...nine(1), 1, 1, ""])],
      "老牛湾村党支部党费收缴台账（2024年）",
      "Sheet1",
    );
    expect(brief(r)).toEqual(["dues-unpaid P3 warning"]);
    expect(r.findings[0].period).toBe("2024-12");
  });

  it("reads a two-row header 缴纳情况 / 1月 … 12月", () => {
    const top = [
      "姓名",
      "人员类别",
      "月收入基数（元）",
      "月应缴（元）",
      "缴纳情况",
      ...MONTHS.slice(1).map(() => ""),
      "全年实缴",
    ];
    const [r] = run(
      sheet(
        "党费",
        [
          ["党费收缴台账（2025年）"],
          top,
          ["", "", "", "", ...MONTHS, ""],
          member("张三", "在职", 4000, 40, nine(40)),
        ],
        ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:P2", "Q2:Q3"],
      ),
      ASOF,
    );
    expect(r.kind).toBe("dues");
    expect(r.headerRow).toBe(3);
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({ paid: 360, expected: 360 });
  });
});
