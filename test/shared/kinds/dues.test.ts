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
      member("钱七", "低保", "", 0.2, nine(0.2)),
    ]);
    expect(r.kind).toBe("dues");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      members: 5,
      expected: 912.6,
      paid: 912.6,
      paidRate: 1,
      unpaidMonths: 0,
      inArrears: 0,
    });
  });

  it("flags a 月应缴 that does not follow the 在职 band of the whole base", () => {
    const r = validate([
      member("张三", "在职", 3000, 30, nine(30)),
      member("李四", "在职", 3000.01, 30, nine(30)),
    ]);
    expect(brief(r)).toEqual(["dues-rate D3 error"]);
    expect(r.findings[0].message).toBe(
      "月应缴 30.00 元与规定不符：在职党员月收入基数 3000.00 元，应按 0.5% 交纳，即 15.00 元（中组发〔2008〕3号第二条）。",
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

  it("flags 农民 dues outside 0.2–1 元 and 学生、下岗失业 dues other than 0.2 元 (第六条)", () => {
    const r = validate([
      member("甲", "农民", "", 2, nine(2)),
      member("乙", "农民", "", 0.1, nine(0.1)),
      member("丙", "学生", "", 0.5, nine(0.5)),
      member("丁", "下岗失业", "", 0.1, nine(0.1)),
      member("戊", "其他", "", 7, nine(7)),
    ]);
    expect(brief(r)).toEqual([
      "dues-rate D3 error",
      "dues-rate D4 error",
      "dues-rate D5 error",
      "dues-rate D6 error",
    ]);
    expect(r.findings[0].message).toContain("0.2 元至 1 元");
  });

  it("flags 全年实缴 that differs from the months' sum by one 分", () => {
    const r = validate([member("张三", "农民", "", 1, nine(1), 9.01)]);
    expect(brief(r)).toEqual(["sum-mismatch Q3 error"]);
    expect(r.findings[0].message).toBe("全年实缴 9.01 元与各月实缴之和 9.00 元不一致。");
  });

  it("judges payments cumulatively: a quarterly payer, 预交 and 补交 give no finding", () => {
    const quarterly: CellValue[] = ["", "", 3, "", "", 3, "", "", 3];
    const advance: CellValue[] = [12];
    const caughtUp: CellValue[] = [1, 1, "", "", "", "", "", 6, 1];
    const r = validate([
      member("张三", "农民", "", 1, quarterly),
      member("李四", "农民", "", 1, advance),
      member("王五", "农民", "", 1, caughtUp),
    ]);
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      members: 3,
      expected: 27,
      paid: 30,
      // 李四's 预交 is received (实缴 30) but settles only his own months: 缴纳率 is 100 %, not 111 %.
      paidRate: 1,
      unpaidMonths: 0,
      inArrears: 0,
    });
  });

  it("warns once per row at 3 months of arrears, naming the unpaid months, and never before", () => {
    const r = validate([
      member("张三", "农民", "", 1, [1, 1, 1, 1, 1, 1, "", "", ""]),
      member("李四", "农民", "", 1, [1, 1, 1, 1, 1, 1, 1, "", ""]),
    ]);
    expect(brief(r)).toEqual(["dues-unpaid A3 warning"]);
    expect(r.findings[0]).toMatchObject({ period: "2025-09", subject: "张三" });
    expect(r.findings[0].message).toBe(
      "张三截至 2025-09 欠交党费 3.00 元（3 个月的月应缴），7月至9月的党费尚未交纳。",
    );
    expect(r.summary).toMatchObject({ expected: 18, paid: 13, unpaidMonths: 5, inArrears: 1 });
  });

  it("cites 党章 第九条 after six months with no payment, and 第十二条 for six months of arrears otherwise", () => {
    const r = validate([
      member("张三", "农民", "", 1, ["", "", "", "", "", "", 1, 1, 1]),
      member("李四", "农民", "", 1, []),
      member("王五", "农民", "", 1, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
    ]);
    expect(brief(r)).toEqual(["dues-unpaid A3 warning", "dues-unpaid A4 warning", "dues-unpaid A5 warning"]);
    expect(r.findings[0].message).toBe(
      "张三截至 2025-09 欠交党费 6.00 元（6 个月的月应缴），4月至9月的党费尚未交纳；已有连续 6 个月未交纳；党员如果没有正当理由，连续六个月不交纳党费，就被认为是自行脱党（《中国共产党章程》第九条），请支部及时了解原因。",
    );
    expect(r.findings[1].message).toContain("已有连续 9 个月未交纳");
    expect(r.findings[2].message).toBe(
      "王五截至 2025-09 欠交党费 6.00 元（6 个月的月应缴），4月至9月的党费尚未交纳；补交党费的时间一般不得超过 6 个月（中组发〔2008〕3号第十二条），请支部督促补交。",
    );
    expect(r.summary).toMatchObject({ unpaidMonths: 21, inArrears: 3 });
  });

  it("reads √ as the month's dues paid and 免 as an exempted month", () => {
    const r = validate([member("张三", "农民", "", 1, ["√", "✓", "已交", "免", "√", "√", "√", "√", "√"], 8)]);
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({ expected: 8, paid: 8, paidRate: 1 });
  });

  it("judges nothing for a row whose 备注 records an approved 免交, and no rate for 少交 (第七条)", () => {
    const header = [...HEADER, "备注"];
    const [r] = run(
      sheet("党费收缴台账", [
        ["2025年党费收缴台账"],
        header,
        [...member("张三", "农民", "", 0, []), "经支部研究、镇党委批准免交"],
        [...member("李四", "学生", "", 0.1, nine(0.1)), "批准少交"],
        [...member("王五", "学生", "", 0, []), ""],
      ]),
      ASOF,
    );
    expect(brief(r)).toEqual(["dues-rate D5 error"]);
    expect(r.findings[0].hint).toContain("请在备注中写明");
  });

  it("owes from 起缴月份 (a 预备党员 admitted in July) to 停缴月份 (transferred out in May)", () => {
    const header = [...HEADER, "起缴月份", "停缴月份"];
    const [r] = run(
      sheet("党费收缴台账", [
        ["2025年党费收缴台账"],
        header,
        [...member("张三", "在职", 4000, 40, ["", "", "", "", "", "", 40, 40, 40]), "2025-07", ""],
        [...member("李四", "农民", "", 1, [1, 1, 1, 1, 1]), "", "2025年5月"],
        [...member("王五", "农民", "", 1, []), "2025.8", ""],
      ]),
      ASOF,
    );
    expect(brief(r)).toEqual([]);
    expect(r.summary).toMatchObject({ expected: 127, unpaidMonths: 2, inArrears: 0 });
  });

  it("takes the ledger year from the title: a past year is judged to December", () => {
    const r = validate(
      [member("张三", "农民", "", 1, [...nine(1)])],
      "老牛湾村党支部党费收缴台账（2024年）",
      "Sheet1",
    );
    expect(brief(r)).toEqual(["dues-unpaid A3 warning"]);
    expect(r.findings[0].period).toBe("2024-12");
    expect(r.findings[0].message).toContain("10月至12月");
  });

  it("reports a sheet with 月应缴 but no month column as missing-column, once", () => {
    const [r] = run(
      sheet("党费收缴台账", [
        ["2025年党费收缴台账"],
        ["姓名", "人员类别", "月应缴（元）", "全年实缴"],
        ["张三", "农民", 1, 9],
      ]),
      ASOF,
    );
    expect(r.kind).toBe("dues");
    expect(r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`)).toEqual(["missing-column null error"]);
    expect(r.findings[0].message).toBe("缺少各月交纳情况列（1月 至 12月），无法核对党费交纳。");
  });

  it("reads month headers in every common form", () => {
    for (const form of [
      (m: number) => `${m}月份`,
      (m: number) => `${"一二三四五六七八九".charAt(m - 1)}月`,
      (m: number) => `${String(m).padStart(2, "0")}月`,
      (m: number) => `2025年${m}月`,
      (m: number) => `2025-${String(m).padStart(2, "0")}`,
    ]) {
      const header = [
        "姓名",
        "人员类别",
        "月应缴（元）",
        ...Array.from({ length: 9 }, (_, i) => form(i + 1)),
      ];
      const [r] = run(
        sheet("党费收缴台账", [["2025年党费收缴台账"], header, ["张三", "农民", 1, ...nine(1)]]),
        ASOF,
      );
      expect(r.kind).toBe("dues");
      expect(r.findings).toEqual([]);
      expect(r.summary).toMatchObject({ expected: 9, paid: 9 });
    }
  });

  it("accepts the categories' aliases and hints 务农 → 农民, never 在职", () => {
    const r = validate([
      member("张三", "退休", 3800, 19, nine(19)),
      member("李四", "个体工商户", 4200, 42, nine(42)),
      member("王五", "依靠抚恤或救济生活", "", 0.2, nine(0.2)),
      member("赵六", "务农", "", 1, nine(1)),
    ]);
    expect(brief(r)).toEqual(["enum B6 error"]);
    expect(r.findings[0].hint).toBe("是否应为“农民”？");
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
