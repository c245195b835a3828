/**
 * Reporting periods: ISO 8601 weeks (Monday start, numbered in the ISO week-year),
 * months, quarters and years, and the completed periods a cadence check must cover.
 */
import { addDays, dayOfWeek, daysBetween } from "./read/dates";

export type Grain = "week" | "month" | "quarter" | "year";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** The ISO week of a date: "2025-W37"; 2024-12-30 is 2025-W01, 2021-01-03 is 2020-W53. */
export function weekOf(iso: string): string {
  // The week belongs to the year that holds its Thursday.
  const thursday = addDays(iso, 4 - dayOfWeek(iso));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function quarterOf(iso: string): string {
  return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}

export function yearOf(iso: string): string {
  return iso.slice(0, 4);
}

export function periodOf(iso: string, grain: Grain): string {
  switch (grain) {
    case "week":
      return weekOf(iso);
    case "month":
      return monthOf(iso);
    case "quarter":
      return quarterOf(iso);
    case "year":
      return yearOf(iso);
  }
}

/** Monday of ISO week 1: the week holding 4 January. */
function week1Monday(year: number): string {
  const jan4 = `${year}-01-04`;
  return addDays(jan4, 1 - dayOfWeek(jan4));
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  return daysBetween(week1Monday(year), week1Monday(year + 1)) / 7;
}

/** The four forms of a period: `2025-W37`, `2025-09`, `2025-Q3`, `2025`. */
export const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/u;
export const MONTH_PATTERN = /^(\d{4})-(\d{2})$/u;
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/u;
export const YEAR_PATTERN = /^(\d{4})$/u;

/**
 * A ledger's period as it is submitted: a year 2000–2099 (as the 年度 column allows) for year
 * kinds and snapshots, or one of its months for month kinds (interfaces spec "Periods").
 */
export const LEDGER_PERIOD_PATTERN = /^20\d{2}(-(0[1-9]|1[0-2]))?$/u;

/** The grain of a period string, or null when it is not one of the four forms. */
export function periodGrain(period: string): Grain | null {
  const w = WEEK_PATTERN.exec(period);
  if (w) {
    const n = Number(w[2]);
    return n >= 1 && n <= weeksInYear(Number(w[1])) ? "week" : null;
  }
  const m = MONTH_PATTERN.exec(period);
  if (m) {
    const n = Number(m[2]);
    return n >= 1 && n <= 12 ? "month" : null;
  }
  if (QUARTER_PATTERN.test(period)) return "quarter";
  if (YEAR_PATTERN.test(period)) return "year";
  return null;
}

/** First and last day (inclusive) of a period; throws on a malformed period (a programmer error). */
export function periodBounds(period: string): { start: string; end: string } {
  const grain = periodGrain(period);
  const year = Number(period.slice(0, 4));
  switch (grain) {
    case "week": {
      const start = addDays(week1Monday(year), (Number(period.slice(6)) - 1) * 7);
      return { start, end: addDays(start, 6) };
    }
    case "month": {
      const month = Number(period.slice(5, 7));
      const start = `${period}-01`;
      const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad2(month + 1)}-01`;
      return { start, end: addDays(next, -1) };
    }
    case "quarter": {
      const q = Number(period.slice(6));
      const start = `${year}-${pad2((q - 1) * 3 + 1)}-01`;
      const next = q === 4 ? `${year + 1}-01-01` : `${year}-${pad2(q * 3 + 1)}-01`;
      return { start, end: addDays(next, -1) };
    }
    case "year":
      return { start: `${year}-01-01`, end: `${year}-12-31` };
    case null:
      throw new Error(`Not a period: ${period}`);
  }
}

/**
 * The periods a cadence or visit check covers (ledgers spec §2): from the first day of the period
 * holding the sheet's earliest date to the as-of date or the end of the ledger's own periods
 * (`within`: the sheet's year, or its month for a monthly sheet; the Worker passes every period
 * it holds), whichever comes first. Only periods lying wholly inside that span and inside
 * `within` count (a week straddling into a month the ledger does not cover is not judged), and
 * exempt periods (holiday weeks) are skipped.
 */
export function completedPeriods(
  grain: Grain,
  opts: { earliest: string; asOf: string; within: readonly string[]; exempt?: readonly string[] },
): string[] {
  const spans = mergedSpans(opts.within);
  if (!spans.length) return [];
  // A date typed years too early must not open decades of cadence checks: the span starts no
  // earlier than the ledger's own periods.
  const first = spans[0].start;
  const earliest = opts.earliest < first ? first : opts.earliest;
  const spanStart = periodBounds(periodOf(earliest, grain)).start;
  const last = spans[spans.length - 1].end;
  const spanEnd = opts.asOf < last ? opts.asOf : last;
  const exempt = new Set(opts.exempt ?? []);
  const out: string[] = [];
  let period = periodOf(spanStart, grain);
  for (;;) {
    const { start, end } = periodBounds(period);
    if (end > spanEnd) break;
    const inside = spans.some((s) => s.start <= start && end <= s.end);
    if (start >= spanStart && inside && !exempt.has(period)) out.push(period);
    period = periodOf(addDays(end, 1), grain);
  }
  return out;
}

/** The days covered by a set of periods, as sorted spans with adjacent periods joined. */
function mergedSpans(periods: readonly string[]): { start: string; end: string }[] {
  const bounds = periods
    .filter((p) => periodGrain(p) !== null)
    .map(periodBounds)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const spans: { start: string; end: string }[] = [];
  for (const b of bounds) {
    const last = spans[spans.length - 1];
    if (last && b.start <= addDays(last.end, 1)) {
      if (b.end > last.end) last.end = b.end;
    } else spans.push({ ...b });
  }
  return spans;
}

/** "2025-01" … "2025-12". */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${pad2(i + 1)}`);
}
