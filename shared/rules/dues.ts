/**
 * 党费 rules of 中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》 and the
 * 党章 第九条 six-month rule. Amounts are integer 分 throughout.
 */
import { daysInMonth } from "../read/dates";

export type DuesCategory = "在职" | "离退休" | "农民" | "学生" | "下岗失业" | "低保" | "其他";

export const DUES_CATEGORIES: readonly DuesCategory[] = [
  "在职",
  "离退休",
  "农民",
  "学生",
  "下岗失业",
  "低保",
  "其他",
];

/** A computed 月应缴 may differ from the rule by at most 1 元 (rounding by hand). */
export const DUES_TOLERANCE_FEN = 100;

/** What the rule expects of one member's 月应缴, in 分. */
export interface DuesExpectation {
  /** Inclusive bounds of an acceptable 月应缴 in 分. */
  minFen: number;
  maxFen: number;
  /** The rule in plain zh-CN, for messages. */
  rule: string;
  /** The rate applied, for percentage rules (0.005 = 0.5 %). */
  rate?: number;
  /** 0 is also accepted: 第七条, 经党支部研究、报上一级党委批准 a member may be exempted (免交). */
  exemptable?: boolean;
}

/** True when `dueFen` satisfies the expectation. */
export function duesAccepted(expected: DuesExpectation, dueFen: number): boolean {
  if (dueFen === 0 && expected.exemptable) return true;
  return dueFen >= expected.minFen && dueFen <= expected.maxFen;
}

interface Band {
  /** Upper bound of the band in 分, inclusive; Infinity for the top band. */
  upToFen: number;
  /** Rate in per-mille (5 = 0.5 %), so the arithmetic stays in integers. */
  perMille: number;
}

// 第一条（一）1：在职党员 3000元以下(含) 0.5%，3000–5000元(含) 1%，5000–10000元(含) 1.5%，10000元以上 2%，
// applied to the whole base (not progressively).
const EMPLOYED: readonly Band[] = [
  { upToFen: 300_000, perMille: 5 },
  { upToFen: 500_000, perMille: 10 },
  { upToFen: 1_000_000, perMille: 15 },
  { upToFen: Infinity, perMille: 20 },
];

// 第一条（一）2：离退休党员 5000元以下(含) 0.5%，5000元以上 1%.
const RETIRED: readonly Band[] = [
  { upToFen: 500_000, perMille: 5 },
  { upToFen: Infinity, perMille: 10 },
];

function percentRule(bands: readonly Band[], baseFen: number, who: string): DuesExpectation {
  const band = bands.find((b) => baseFen <= b.upToFen) ?? bands[bands.length - 1];
  const due = Math.round((baseFen * band.perMille) / 1000);
  const pct = `${band.perMille / 10}%`;
  return {
    minFen: Math.max(0, due - DUES_TOLERANCE_FEN),
    maxFen: due + DUES_TOLERANCE_FEN,
    rule: `${who}月收入基数 ${formatFen(baseFen)} 元，应按 ${pct} 交纳，即 ${formatFen(due)} 元`,
    rate: band.perMille / 1000,
  };
}

/**
 * The expected 月应缴 of a member, or null when the rule cannot be applied (其他, or a
 * percentage category without a 月收入基数).
 */
export function duesExpectation(category: DuesCategory, baseFen: number | null): DuesExpectation | null {
  switch (category) {
    case "在职":
      return baseFen === null ? null : percentRule(EMPLOYED, baseFen, "在职党员");
    case "离退休":
      return baseFen === null ? null : percentRule(RETIRED, baseFen, "离退休党员");
    case "农民":
      // 第一条（一）3：农民党员每月交纳党费 0.2 元至 1 元。
      return {
        minFen: 20,
        maxFen: 100,
        rule: "农民党员每月应交纳 0.2 元至 1 元（经批准免交的填 0）",
        exemptable: true,
      };
    case "学生":
    case "下岗失业":
    case "低保":
      // 第一条（一）4：每月交纳 0.2 元；第七条：经党支部研究、报上一级党委批准，可以少交或免交。
      return {
        minFen: 0,
        maxFen: 20,
        rule: `${category}党员每月应交纳 0.2 元（经批准可少交或免交）`,
        exemptable: true,
      };
    case "其他":
      return null;
  }
}

/** 分 → 元 text with two decimals, e.g. 1234 → "12.34". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** 党章 第九条：连续六个月不交纳党费 is treated as 自行脱党, so a run this long is an error. */
export const UNPAID_RUN_ERROR = 6;

/** A month's payment state: paid (> 0), unpaid (empty or 0), or unknown (the cell failed parsing). */
export type MonthPayment = "paid" | "unpaid" | "unknown";

/** A run of consecutive unpaid months, as 1-based month numbers (inclusive). */
export interface UnpaidRun {
  from: number;
  to: number;
}

/** Maximal runs of consecutive unpaid months; an unknown month breaks a run. */
export function unpaidRuns(months: readonly MonthPayment[], firstMonth = 1): UnpaidRun[] {
  const runs: UnpaidRun[] = [];
  let start: number | null = null;
  months.forEach((state, i) => {
    const month = firstMonth + i;
    if (state === "unpaid") {
      start ??= month;
    } else if (start !== null) {
      runs.push({ from: start, to: month - 1 });
      start = null;
    }
  });
  if (start !== null) runs.push({ from: start, to: firstMonth + months.length - 1 });
  return runs;
}

/** Months 1..12 of `year` whose last day is on or before `asOf` (ISO): how many are complete. */
export function completedMonthsOf(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year < asOfYear) return 12;
  if (year > asOfYear) return 0;
  const month = Number(asOf.slice(5, 7));
  const day = Number(asOf.slice(8, 10));
  return day >= daysInMonth(year, month) ? month : month - 1;
}
