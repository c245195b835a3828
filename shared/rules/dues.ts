/**
 * 党费 rules of 中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》 and the 党章 第九条
 * six-month rule. Amounts are integer 分 throughout.
 */
import { formatYuan } from "../read/numbers";
import { msg, type EngineText } from "../messages/engine";

export type DuesCategory =
  "在职" | "离退休" | "农民" | "学生" | "下岗失业" | "低保" | "抚恤救济" | "个体经营" | "其他";

export const DUES_CATEGORIES: readonly DuesCategory[] = [
  "在职",
  "离退休",
  "农民",
  "学生",
  "下岗失业",
  "低保",
  "抚恤救济",
  "个体经营",
  "其他",
];

/** A computed 月应缴 may differ from a percentage rule by at most 1 元 (rounding by hand). */
export const DUES_TOLERANCE_FEN = 100;

/** What the rule expects of one member's 月应缴, in 分. */
export interface DuesExpectation {
  /** Inclusive bounds of an acceptable 月应缴 in 分. */
  minFen: number;
  maxFen: number;
  /** The rule in plain words, for messages. */
  rule: EngineText;
  /** The article of 中组发〔2008〕3号 that sets it. */
  basis: EngineText;
  /** The rate applied, for percentage rules (0.005 = 0.5 %). */
  rate?: number;
}

/** True when `dueFen` satisfies the expectation. */
export function duesAccepted(expected: DuesExpectation, dueFen: number): boolean {
  return dueFen >= expected.minFen && dueFen <= expected.maxFen;
}

interface Band {
  /** Upper bound of the band in 分, inclusive; Infinity for the top band. */
  upToFen: number;
  /** Rate in per-mille (5 = 0.5 %), so the arithmetic stays in integers. */
  perMille: number;
}

// 第二条：3000元以下(含) 0.5%，3000–5000元(含) 1%，5000–10000元(含) 1.5%，10000元以上 2%,
// applied to the whole base (not progressively).
const EMPLOYED: readonly Band[] = [
  { upToFen: 300_000, perMille: 5 },
  { upToFen: 500_000, perMille: 10 },
  { upToFen: 1_000_000, perMille: 15 },
  { upToFen: Infinity, perMille: 20 },
];

// 第五条：离退休党员 5000元以下(含) 0.5%，5000元以上 1%.
const RETIRED: readonly Band[] = [
  { upToFen: 500_000, perMille: 5 },
  { upToFen: Infinity, perMille: 10 },
];

/** 中组发〔2008〕3号, the article given. */
const article = (n: "2" | "4" | "5" | "6") => msg("basis.dues", { article: msg(`article.${n}`) });

function percentRule(
  bands: readonly Band[],
  baseFen: number,
  who: EngineText,
  basis: EngineText,
): DuesExpectation {
  const band = bands.find((b) => baseFen <= b.upToFen) ?? bands[bands.length - 1];
  const due = Math.round((baseFen * band.perMille) / 1000);
  return {
    minFen: Math.max(0, due - DUES_TOLERANCE_FEN),
    maxFen: due + DUES_TOLERANCE_FEN,
    rule: msg("dues.ruleShare", {
      who,
      base: formatYuan(baseFen),
      rate: band.perMille / 10,
      due: formatYuan(due),
    }),
    basis,
    rate: band.perMille / 1000,
  };
}

/**
 * The expected 月应缴 of a member, or null when the rule cannot be applied (其他, or a
 * percentage category without a 月收入基数). A row whose 备注 records an approved 少交 or 免交
 * (第七条) is not judged by the rate at all: see `approvedReduction`.
 */
export function duesExpectation(category: DuesCategory, baseFen: number | null): DuesExpectation | null {
  switch (category) {
    case "在职":
      return baseFen === null ? null : percentRule(EMPLOYED, baseFen, msg("dues.employed"), article("2"));
    case "个体经营":
      // 第四条: 不按月取得收入的个体经营者, on the previous quarter's average monthly net income.
      return baseFen === null ? null : percentRule(EMPLOYED, baseFen, msg("dues.selfEmployed"), article("4"));
    case "离退休":
      return baseFen === null ? null : percentRule(RETIRED, baseFen, msg("dues.retired"), article("5"));
    case "农民":
      // 第六条：农民党员每月交纳党费 0.2 元至 1 元。
      return { minFen: 20, maxFen: 100, rule: msg("dues.ruleFarmer"), basis: article("6") };
    case "学生":
    case "下岗失业":
    case "低保":
    case "抚恤救济":
      // 第六条：学生党员、下岗失业的党员、依靠抚恤或救济生活的党员、领取当地最低生活保障金的党员，每月交纳党费 0.2 元。
      return { minFen: 20, maxFen: 20, rule: msg("dues.ruleFixed", { category }), basis: article("6") };
    case "其他":
      // 中组发〔2008〕3号 sets no amount for other members.
      return null;
  }
}

/** 第七条: 交纳党费确有困难的党员，经党支部研究、报上一级党委批准，可以少交或免交 — recorded in 备注. */
export function approvedReduction(note: string | null): "免交" | "少交" | null {
  if (!note) return null;
  if (/免交|免缴/u.test(note)) return "免交";
  if (/少交|少缴|减交/u.test(note)) return "少交";
  return null;
}

/** Arrears of this many months' dues need the branch to act (ledgers spec §2 `dues-unpaid`). */
export const ARREARS_WARNING_MONTHS = 3;
/** 党章 第九条 (连续六个月不交纳党费) and 第十二条 (补交党费的时间一般不得超过6个月). */
export const ARREARS_SERIOUS_MONTHS = 6;

/**
 * The last completed month of a ledger year at the as-of date (ledgers spec §3 dues): the as-of
 * date's previous month, December for a past year, 0 for a future one.
 */
export function lastCompletedMonth(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year < asOfYear) return 12;
  if (year > asOfYear) return 0;
  return Number(asOf.slice(5, 7)) - 1;
}

/**
 * The month of the as-of date in a ledger year: 12 for a past year, 0 for a future one. A month
 * column after it records a payment not yet made at that date (the columns are the months paid in).
 */
export function asOfMonth(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year < asOfYear) return 12;
  if (year > asOfYear) return 0;
  return Number(asOf.slice(5, 7));
}

/**
 * One month's cell: an amount in 分, "due" (√: the month's 月应缴 was paid), "exempt" (免), null
 * (blank: nothing paid), "unknown" (the cell could not be read) or "absent" (no such column).
 */
export type MonthPayment = number | "due" | "exempt" | null | "unknown" | "absent";

export interface ArrearsInput {
  dueFen: number;
  /** Months 1–12 of the ledger year, index 0 = January. */
  months: readonly MonthPayment[];
  /** First and last month owed (起缴月份, 停缴月份), 1-based and inclusive. */
  first: number;
  last: number;
  /** The last completed month (1-based; 0 = none yet). */
  upTo: number;
  /**
   * The as-of date's month (`asOfMonth`): payments in later months' columns had not been made at
   * that date (a quarter's report judges the year's ledger as it stood at the quarter's end).
   */
  receivedTo: number;
}

export interface Arrears {
  /** What was owed to the last completed month. */
  owedFen: number;
  /** Everything received in the year to the as-of date's month (advance payments, 预交, included). */
  paidFen: number;
  /** owed − paid, never below 0. */
  arrearsFen: number;
  /** The owed months the payments do not cover, oldest first (payments settle the oldest months first). */
  unpaid: number[];
  /** The longest run of consecutive owed months with no payment at all. */
  longestGap: number;
}

/**
 * Cumulative arrears at the end of the last completed month (中组发〔2008〕3号 第十二条: monthly,
 * or quarterly with the branch's consent; 补交 of generally not more than 6 months; 预交 is no
 * mistake): a quarterly payer, an advance payer and a member who has since caught up owe
 * nothing. Null when a month that counts could not be read.
 */
export function arrearsOf(input: ArrearsInput): Arrears | null {
  const { dueFen, months } = input;
  const owed: number[] = [];
  let paidFen = 0;
  let gap = 0;
  let longestGap = 0;
  for (let m = 1; m <= 12; m++) {
    const cell = m <= months.length ? (months[m - 1] as MonthPayment) : "absent";
    if (cell === "unknown") return null;
    const received = m <= input.receivedTo;
    if (received && typeof cell === "number") paidFen += cell;
    if (received && cell === "due") paidFen += dueFen;
    const counts = m >= input.first && m <= input.last && m <= input.upTo;
    if (!counts || cell === "exempt" || cell === "absent") continue;
    owed.push(m);
    gap = cell === null || cell === 0 ? gap + 1 : 0;
    longestGap = Math.max(longestGap, gap);
  }
  const owedFen = dueFen * owed.length;
  const unpaid = dueFen > 0 ? owed.filter((_, i) => (i + 1) * dueFen > paidFen) : [];
  return { owedFen, paidFen, arrearsFen: Math.max(0, owedFen - paidFen), unpaid, longestGap };
}
