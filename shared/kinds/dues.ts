/**
 * 党费收缴台账 (ledgers spec §3 dues), checked against 中组发〔2008〕3号《关于中国共产党党费
 * 收缴、使用和管理的规定》 and 党章 第九条. Money cells are integer 分; summary money figures
 * (expected, paid) are 元, rounded to 2 decimals.
 */
import type { Finding } from "../findings";
import type { ColumnDef, KindDef, ParsedRow, RuleContext } from "./types";
import {
  UNPAID_RUN_ERROR,
  completedMonthsOf,
  duesAccepted,
  duesExpectation,
  formatFen,
  unpaidRuns,
  type DuesCategory,
  type MonthPayment,
} from "../rules/dues";
import { fenToYuanFigure, num, rate, str } from "../rules/tally";

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const DUE = "月应缴（元）";
const BASE = "月收入基数（元）";
const TOTAL = "全年实缴";

function monthState(row: ParsedRow, column: string, ctx: RuleContext): MonthPayment {
  if (!ctx.present.has(column) || row.invalid.has(column)) return "unknown";
  const paid = num(row, column);
  return paid === null || paid === 0 ? "unpaid" : "paid";
}

/** A member whose 月应缴 is 0 has been exempted (经批准免交): nothing is owed, nothing is unpaid. */
function exempt(row: ParsedRow): boolean {
  return num(row, DUE) === 0;
}

function monthPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

function rowRules(row: ParsedRow, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const name = str(row, "姓名") ?? "";
  const category = str(row, "人员类别") as DuesCategory | null;
  const due = num(row, DUE);

  // 第一条（一）: the rate or fixed amount per category; 在职/离退休 need the 月收入基数.
  if (category !== null && due !== null && !row.invalid.has(BASE)) {
    const expected = duesExpectation(category, num(row, BASE));
    if (expected && !duesAccepted(expected, due)) {
      out.push(
        ctx.finding({
          code: "dues-rate",
          row: row.row,
          column: DUE,
          message: `月应缴 ${formatFen(due)} 元与规定不符：${expected.rule}（中组发〔2008〕3号）。`,
          hint:
            expected.rate !== undefined
              ? "请按规定比例重新计算月应缴党费（相差 1 元以内视为正确）。"
              : "请按规定标准核定月应缴党费。",
          subject: name || undefined,
        }),
      );
    }
  }

  // 全年实缴 = Σ months, to the 分.
  const monthColumns = MONTHS.filter((m) => ctx.present.has(m));
  const total = num(row, TOTAL);
  if (total !== null && monthColumns.length && !monthColumns.some((m) => row.invalid.has(m))) {
    const paid = monthColumns.reduce((s, m) => s + (num(row, m) ?? 0), 0);
    if (paid !== total) {
      out.push(
        ctx.finding({
          code: "sum-mismatch",
          row: row.row,
          column: TOTAL,
          message: `全年实缴 ${formatFen(total)} 元与各月实缴之和 ${formatFen(paid)} 元不一致。`,
          hint: "请核对各月金额与全年实缴。",
        }),
      );
    }
  }

  // Each completed month of the ledger year with nothing paid; 党章 第九条: 连续六个月不交纳党费
  // is treated as 自行脱党, so a run of 6 or more is one error on the row instead of monthly warnings.
  if (!exempt(row)) {
    const completed = completedMonthsOf(ctx.ledgerYear, ctx.asOf);
    const states = MONTHS.slice(0, completed).map((m) => monthState(row, m, ctx));
    for (const run of unpaidRuns(states)) {
      const length = run.to - run.from + 1;
      if (length >= UNPAID_RUN_ERROR) {
        out.push(
          ctx.finding({
            code: "dues-unpaid",
            severity: "error",
            row: row.row,
            column: "姓名",
            message: `${name || "该党员"} ${monthPeriod(ctx.ledgerYear, run.from)} 至 ${monthPeriod(ctx.ledgerYear, run.to)} 连续 ${length} 个月未交纳党费；无正当理由连续六个月不交纳党费的，按自行脱党处理（《中国共产党章程》第九条）。`,
            hint: "请核实是否漏登；确未交纳的，请支部及时了解原因并督促补交。",
            period: String(ctx.ledgerYear),
            subject: name || undefined,
          }),
        );
        continue;
      }
      for (let m = run.from; m <= run.to; m++) {
        out.push(
          ctx.finding({
            code: "dues-unpaid",
            row: row.row,
            column: `${m}月`,
            message: `${name || "该党员"} ${monthPeriod(ctx.ledgerYear, m)} 未交纳党费。`,
            hint: "请核实是否漏登，或督促按月交纳。",
            period: monthPeriod(ctx.ledgerYear, m),
            subject: name || undefined,
          }),
        );
      }
    }
  }
  return out;
}

function summary(rows: readonly ParsedRow[], ctx: RuleContext): Record<string, unknown> {
  const completed = completedMonthsOf(ctx.ledgerYear, ctx.asOf);
  let expected = 0;
  let paid = 0;
  let unpaidMonths = 0;
  for (const row of rows) {
    expected += (num(row, DUE) ?? 0) * completed;
    // Everything received this year, advance payments (预交) included.
    for (const m of MONTHS) paid += num(row, m) ?? 0;
    if (!exempt(row)) {
      unpaidMonths += MONTHS.slice(0, completed).filter((m) => monthState(row, m, ctx) === "unpaid").length;
    }
  }
  return {
    members: rows.length,
    expected: fenToYuanFigure(expected),
    paid: fenToYuanFigure(paid),
    paidRate: rate(paid, expected),
    unpaidMonths,
  };
}

const yuan = (name: string, aliases?: string[]): ColumnDef => ({
  name,
  ...(aliases ? { aliases } : {}),
  type: { t: "money", unit: "元" },
});

export const dues: KindDef = {
  id: "dues",
  title: "党费收缴台账",
  titles: ["党费收缴台账", "党费收缴登记表", "党费交纳登记表", "党费"],
  grain: "year",
  scope: "branch",
  columns: [
    { name: "姓名", type: { t: "name" }, required: true },
    {
      name: "人员类别",
      type: { t: "enum", values: ["在职", "离退休", "农民", "学生", "下岗失业", "低保", "其他"] },
      required: true,
    },
    yuan(BASE, ["计算基数"]),
    { ...yuan(DUE, ["月应缴党费", "月应缴"]), required: true },
    ...MONTHS.map((m) => yuan(m)),
    yuan(TOTAL, ["全年合计"]),
  ],
  rowRules,
  summary,
};
