/**
 * 党费收缴台账 (ledgers spec §3 dues), checked against 中组发〔2008〕3号《关于中国共产党党费
 * 收缴、使用和管理的规定》 and 党章 第九条. Money cells are integer 分; summary money figures
 * (expected, paid) are 元, rounded to 2 decimals. Payments are judged cumulatively, as of the
 * last completed month: arrears are a fact the branch must act on, never a mistake (a warning).
 */
import type { Finding } from "../findings";
import { msg, type EngineText } from "../messages/engine";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";
import {
  ARREARS_SERIOUS_MONTHS,
  ARREARS_WARNING_MONTHS,
  DUES_CATEGORIES,
  approvedReduction,
  arrearsOf,
  duesAccepted,
  duesExpectation,
  asOfMonth,
  lastCompletedMonth,
  type Arrears,
  type DuesCategory,
  type MonthPayment,
} from "../rules/dues";
import { moneyFigure, num, rate, round, str } from "../rules/tally";
import { formatYuan } from "../read/numbers";

const MONTHS = [
  "1月",
  "2月",
  "3月",
  "4月",
  "5月",
  "6月",
  "7月",
  "8月",
  "9月",
  "10月",
  "11月",
  "12月",
] as const;
const DUE = "月应缴（元）";
const BASE = "月收入基数（元）";
const FIRST = "起缴月份";
const LAST = "停缴月份";
const TOTAL = "全年实缴";
const NOTE = "备注";

/** A money column in 元. */
const yuan = <N extends string>(name: N, aliases: readonly string[]): ColumnDef<N> => ({
  name,
  aliases,
  type: { t: "money", unit: "元" },
});

const COLUMNS = [
  { name: "姓名", type: { t: "name" }, required: true },
  {
    name: "人员类别",
    type: {
      t: "enum",
      values: DUES_CATEGORIES,
      aliases: {
        在职党员: "在职",
        退休: "离退休",
        离休: "离退休",
        离退休干部: "离退休",
        退休党员: "离退休",
        农民党员: "农民",
        学生党员: "学生",
        依靠抚恤或救济生活: "抚恤救济",
        个体经营者: "个体经营",
        个体工商户: "个体经营",
      },
      synonyms: {
        务农: "农民",
        村民: "农民",
        农村党员: "农民",
        失业: "下岗失业",
        下岗: "下岗失业",
        无业: "下岗失业",
        最低生活保障: "低保",
        抚恤: "抚恤救济",
        救济: "抚恤救济",
        个体: "个体经营",
        经商: "个体经营",
        职工: "在职",
      },
    },
    required: true,
  },
  yuan(BASE, ["计算基数", "月收入基数"]),
  { ...yuan(DUE, ["月应缴党费", "月应缴", "每月应缴"]), required: true },
  { name: FIRST, aliases: ["转入时间"], type: { t: "month" } },
  { name: LAST, aliases: ["转出时间"], type: { t: "month" } },
  ...MONTHS.map((m) => ({ name: m, type: { t: "payment" } }) as const),
  yuan(TOTAL, ["全年合计"]),
  { name: NOTE, type: { t: "text" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  members: fig.count("党员人数", "Members", "人"),
  expected: fig.money("应缴", "Owed", "元"),
  paid: fig.money("实缴", "Paid", "元"),
  /** Of what was owed to the last completed month, the share paid: 预交 never lifts it above 100 %. */
  paidRate: fig.rate("缴纳率", "Paid rate"),
  unpaidMonths: fig.number("欠缴月数", "Months in arrears", "个月"),
  inArrears: fig.count("欠缴 3 个月以上人数", "Members 3+ months behind", "人"),
});

function monthPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

function monthCell(row: ParsedRow<Column>, column: Column, ctx: RuleContext<Column>): MonthPayment {
  if (!ctx.present.has(column)) return "absent";
  if (row.invalid.has(column)) return "unknown";
  const v = row.values[column];
  if (v === "√") return "due";
  if (v === "免") return "exempt";
  return typeof v === "number" ? v : null;
}

/** The month of the ledger year a 起缴月份 / 停缴月份 value stands for (0 before the year, 13 after). */
function monthIn(year: number, value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const y = Number(value.slice(0, 4));
  if (y !== year) return y < year ? 0 : 13;
  return Number(value.slice(5, 7));
}

/**
 * The row's arrears at the last completed month, or null when it cannot be judged: no 月应缴, an
 * approved 免交, an unreadable 起缴/停缴 or month cell, or no month column at all.
 */
function arrearsOfRow(row: ParsedRow<Column>, ctx: RuleContext<Column>): Arrears | null {
  const due = num(row, DUE);
  if (due === null || approvedReduction(str(row, NOTE)) === "免交") return null;
  if (row.invalid.has(FIRST) || row.invalid.has(LAST) || !MONTHS.some((m) => ctx.present.has(m))) return null;
  return arrearsOf({
    dueFen: due,
    months: MONTHS.map((m) => monthCell(row, m, ctx)),
    first: Math.max(1, monthIn(ctx.ledgerYear, str(row, FIRST), 1)),
    last: Math.min(12, monthIn(ctx.ledgerYear, str(row, LAST), 12)),
    upTo: lastCompletedMonth(ctx.ledgerYear, ctx.asOf),
    receivedTo: asOfMonth(ctx.ledgerYear, ctx.asOf),
  });
}

/** True when the arrears reach the months' dues that need action. */
function inArrears(a: Arrears, dueFen: number, months: number): boolean {
  return dueFen > 0 && a.arrearsFen >= dueFen * months;
}

/** "3月至5月、8月" from month numbers: runs of months, listed. */
function monthList(months: readonly number[]): EngineText[] {
  const parts: EngineText[] = [];
  for (let i = 0; i < months.length;) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === months[j] + 1) j++;
    parts.push(
      j === i
        ? msg("month.one", { month: months[i] })
        : msg("month.range", { from: months[i], to: months[j] }),
    );
    i = j + 1;
  }
  return parts;
}

function rowRules(row: ParsedRow<Column>, ctx: RuleContext<Column>): Finding[] {
  const out: Finding[] = [];
  const name = str(row, "姓名") ?? "";
  const category = str(row, "人员类别") as DuesCategory | null;
  const due = num(row, DUE);

  // 第二–六条: the rate or fixed amount per category, unless 备注 records an approved 少交/免交.
  if (category !== null && due !== null && !row.invalid.has(BASE) && !approvedReduction(str(row, NOTE))) {
    const expected = duesExpectation(category, num(row, BASE));
    if (expected && !duesAccepted(expected, due)) {
      out.push(
        ctx.finding({
          code: "dues-rate",
          row: row.row,
          column: DUE,
          text: msg(expected.rate !== undefined ? "dues.rateByShare" : "dues.rateFixed", {
            value: formatYuan(due),
            rule: expected.rule,
            basis: expected.basis,
          }),
          subject: name || undefined,
        }),
      );
    }
  }

  // 全年实缴 = Σ months, to the 分 (√ counts as the month's 月应缴, 免 as nothing).
  const monthColumns = MONTHS.filter((m) => ctx.present.has(m));
  const total = num(row, TOTAL);
  const cells = monthColumns.map((m) => monthCell(row, m, ctx));
  if (
    total !== null &&
    cells.length &&
    !cells.includes("unknown") &&
    (due !== null || !cells.includes("due"))
  ) {
    const paid = cells.reduce<number>(
      (s, c) => s + (typeof c === "number" ? c : c === "due" ? (due ?? 0) : 0),
      0,
    );
    if (paid !== total) {
      out.push(
        ctx.finding({
          code: "sum-mismatch",
          row: row.row,
          column: TOTAL,
          text: msg("dues.sumMismatch", { total: formatYuan(total), paid: formatYuan(paid) }),
        }),
      );
    }
  }

  const arrears = arrearsOfRow(row, ctx);
  if (arrears && due !== null && inArrears(arrears, due, ARREARS_WARNING_MONTHS)) {
    const upTo = lastCompletedMonth(ctx.ledgerYear, ctx.asOf);
    const months = round(arrears.arrearsFen / due, 1);
    // 党章 第九条 for six months with nothing paid; 第十二条 for six months' arrears otherwise.
    const rule =
      arrears.longestGap >= ARREARS_SERIOUS_MONTHS
        ? msg("dues.unpaidSixMonths", { gap: arrears.longestGap })
        : inArrears(arrears, due, ARREARS_SERIOUS_MONTHS)
          ? msg("dues.unpaidTooLong")
          : msg("dues.unpaidEnd");
    out.push(
      ctx.finding({
        code: "dues-unpaid",
        row: row.row,
        column: "姓名",
        text: msg("dues.unpaid", {
          who: name || msg("dues.thisMember"),
          month: monthPeriod(ctx.ledgerYear, upTo),
          arrears: formatYuan(arrears.arrearsFen),
          months,
          unpaid: monthList(arrears.unpaid),
          rule,
        }),
        period: monthPeriod(ctx.ledgerYear, upTo),
        subject: name || undefined,
      }),
    );
  }
  return out;
}

/** A sheet with a 月应缴 column and no month column has nothing to judge payments by (spec §3). */
function sheetRules(_rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>): Finding[] {
  if (!ctx.present.has(DUE) || MONTHS.some((m) => ctx.present.has(m))) return [];
  return [
    ctx.finding({
      code: "missing-column",
      text: msg("dues.noMonthColumns"),
    }),
  ];
}

function summary(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>): z.infer<typeof SUMMARY> {
  let expected = 0;
  let paid = 0;
  // What was owed and has been paid: a member's 预交 settles their own months to come, never
  // another member's arrears, so the rate is at most 100 %.
  let settled = 0;
  let unpaidMonths = 0;
  let behind = 0;
  for (const row of rows) {
    const arrears = arrearsOfRow(row, ctx);
    const due = num(row, DUE) ?? 0;
    if (arrears) {
      expected += arrears.owedFen;
      paid += arrears.paidFen;
      settled += arrears.owedFen - arrears.arrearsFen;
      if (due > 0) unpaidMonths += arrears.arrearsFen / due;
      if (inArrears(arrears, due, ARREARS_WARNING_MONTHS)) behind++;
    } else {
      // Not judged (免交, unreadable): what was received to the as-of date still counts.
      for (const m of MONTHS.slice(0, asOfMonth(ctx.ledgerYear, ctx.asOf))) {
        const cell = monthCell(row, m, ctx);
        paid += typeof cell === "number" ? cell : cell === "due" ? due : 0;
      }
    }
  }
  return {
    members: rows.length,
    expected: moneyFigure(expected, "元"),
    paid: moneyFigure(paid, "元"),
    paidRate: rate(settled, expected),
    unpaidMonths: round(unpaidMonths, 1),
    inArrears: behind,
  };
}

export const dues = defineKind({
  id: "dues",
  title: "党费收缴台账",
  titleEn: "Party dues ledger",
  titles: ["党费收缴台账", "党费收缴登记表", "党费交纳登记表", "党费"],
  grain: "year",
  scope: "branch",
  columns: COLUMNS,
  figures: SUMMARY,
  rowRules,
  sheetRules,
  summary,
});
