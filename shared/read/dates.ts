/**
 * Dates as ISO strings (YYYY-MM-DD) and months (YYYY-MM). All arithmetic is on UTC day
 * numbers, so no host time zone ever shifts a date.
 */
import type { CellValue } from "../workbook";
import { isBlank } from "./text";

export type DateParse = { ok: true; value: string } | { ok: false; reason: DateProblem };

/**
 * Why a date cell was refused: no year (9月12日), only a year and month where a day is needed
 * (1980.02 outside a month-ok column), a number only a dropped trailing zero makes ambiguous
 * (1980.1: January or October), only a year (1980), or anything else.
 */
export type DateProblem = "no-year" | "no-day" | "ambiguous-month" | "year-only" | "invalid";

export interface DateOptions {
  /** Year-months (1980.02, 1980年2月) are valid values `YYYY-MM` (ledgers spec §1 "year-months"). */
  monthOk?: boolean;
  /** The as-of date: two-digit years are 20xx when ≤ its last two digits, else 19xx. */
  asOf?: string;
}

const MS_PER_DAY = 86_400_000;
/** Largest serial Excel accepts: 9999-12-31 in the 1900 system. */
const MAX_SERIAL_1900 = 2_958_465;
/** Days between the 1900 and 1904 systems' serial zeros. */
const OFFSET_1904 = 1462;

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function isoFromDayNumber(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `Number(s.slice(from, to))` without the slice: digits are read in place, anything else as Number reads it. */
function numberAt(s: string, from: number, to: number): number {
  const end = Math.min(to, s.length);
  let n = 0;
  for (let i = from; i < end; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number(s.slice(from, to));
    n = n * 10 + digit;
  }
  return n;
}

/** Days since 1970-01-01 of an ISO date (the time of day, if any, is ignored). */
export function dayNumber(iso: string): number {
  const y = numberAt(iso, 0, 4);
  const m = numberAt(iso, 5, 7);
  const d = numberAt(iso, 8, 10);
  if (m >= 1 && m <= 12) {
    // Days from the civil date by arithmetic (the proleptic Gregorian calendar, as Date uses):
    // a summary calls this for every row, and a Date per call was a tenth of it. A day outside
    // its month (0 for a year-month) rolls over as Date's would.
    const year = m <= 2 ? y - 1 : y;
    const era = Math.floor(year / 400);
    const yoe = year - era * 400;
    const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  }
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return Math.round(date.getTime() / MS_PER_DAY);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** ISO text of a real calendar date, or null (2025-02-30 is not one). */
export function makeIso(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * An Excel serial (time fraction dropped) as an ISO date. In the 1900 system serial 60 is
 * Excel's fictitious 1900-02-29, so it has no real date and gives null, as do serials below 1
 * (below 0 in the 1904 system) and serials past 9999-12-31.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const s = Math.floor(serial);
  if (date1904) {
    if (s < 0 || s > MAX_SERIAL_1900 - OFFSET_1904) return null;
    return isoFromDayNumber(s - (25569 - OFFSET_1904));
  }
  if (s < 1 || s > MAX_SERIAL_1900 || s === 60) return null;
  return isoFromDayNumber(s < 60 ? s - 25568 : s - 25569);
}

/** The Excel serial of an ISO date. */
export function isoToSerial(iso: string, date1904 = false): number {
  const days = dayNumber(iso);
  if (date1904) return days + (25569 - OFFSET_1904);
  const serial = days + 25569;
  // Dates before 1900-03-01 sit before Excel's fictitious leap day.
  return serial < 61 ? serial - 1 : serial;
}

const TIME = String.raw`(?:(?:\s+|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?`;
const DATE_SEP = new RegExp(
  String.raw`^(\d{4}|\d{2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*[日号]?${TIME}$`,
  "u",
);
const DATE_CN = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME}$`, "u");
const DATE_COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`, "u");
const NO_YEAR = [/^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/u, /^(\d{1,2})\s*([-/.])\s*(\d{1,2})$/u];
const MONTH_SEP = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/u;
const MONTH_CN = /^(\d{4})\s*年\s*(\d{1,2})\s*月份?$/u;
const MONTH_COMPACT = /^(\d{4})(\d{2})$/u;

function cleanText(v: string): string {
  // NFKC turns full-width digits, slashes and colons into ASCII.
  return v
    .normalize("NFKC")
    .replace(/[\u200b\ufeff]/g, "")
    .trim();
}

/** A year-month as `YYYY-MM`, or a refusal; years before 1900 or after 2100 are not plausible. */
function yearMonth(y: number, m: number): DateParse {
  if (!Number.isInteger(y) || !Number.isInteger(m) || y < 1900 || y > 2100 || m < 1 || m > 12) {
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, value: `${y}-${pad2(m)}` };
}

/**
 * A cell written as a year and month only (ledgers spec §1 "year-months"): the numbers 1980.02
 * and 198002, the texts 1980.02, 1980-02, 1980/2, 1980年2月, 198002. Null when the cell has
 * another shape. The number 1980.1 is refused as ambiguous: Excel drops the zero of 1980.10.
 */
function parseYearMonth(v: CellValue): DateParse | null {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    if (Number.isInteger(v) && v >= 190_001 && v <= 210_012) return yearMonth(Math.floor(v / 100), v % 100);
    if (!Number.isInteger(v) && v >= 1000 && v < 10_000) {
      const [yText, mText = ""] = String(v).split(".");
      if (mText === "1") return { ok: false, reason: "ambiguous-month" };
      if (mText.length > 2) return { ok: false, reason: "invalid" };
      return yearMonth(Number(yText), Number(mText));
    }
    return null;
  }
  if (typeof v !== "string") return null;
  const t = cleanText(v);
  const m = MONTH_SEP.exec(t) ?? MONTH_CN.exec(t) ?? MONTH_COMPACT.exec(t);
  return m ? yearMonth(Number(m[1]), Number(m[2])) : null;
}

function dateFromNumber(v: number, date1904: boolean): DateParse {
  if (!Number.isFinite(v)) return { ok: false, reason: "invalid" };
  // 20250912 typed into a number cell is a compact date, not a serial from year 57000.
  if (Number.isInteger(v) && v >= 10_000_101 && v <= 99_991_231) {
    const iso = makeIso(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
    return iso ? { ok: true, value: iso } : { ok: false, reason: "invalid" };
  }
  // 1980 typed into a date cell is a year, never serial 1980 (a day in 1905).
  if (Number.isInteger(v) && v >= 1900 && v <= 2100) return { ok: false, reason: "year-only" };
  const iso = serialToIso(v, date1904);
  return iso ? { ok: true, value: iso } : { ok: false, reason: "invalid" };
}

/** A two-digit year: 20xx when ≤ the as-of year's last two digits, else 19xx. */
function fullYear(y: string, asOf: string | undefined): number {
  if (y.length === 4) return Number(y);
  const pivot = Number((asOf ?? "2099").slice(2, 4));
  return Number(y) <= pivot ? 2000 + Number(y) : 1900 + Number(y);
}

/**
 * A date cell: serial numbers or text such as 2025-09-12, 2025/9/12, 2025.9.12, 25/9/12,
 * 2025年9月12日 (or 号), 20250912, each optionally followed by a time; year-months where
 * `monthOk` (as `YYYY-MM`). Null for a blank cell.
 */
export function parseDate(v: CellValue, date1904: boolean, options: DateOptions = {}): DateParse | null {
  if (isBlank(v)) return null;
  const ym = parseYearMonth(v);
  if (ym) return !ym.ok || options.monthOk ? ym : { ok: false, reason: "no-day" };
  if (typeof v === "number") return dateFromNumber(v, date1904);
  if (typeof v !== "string") return { ok: false, reason: "invalid" };
  const t = cleanText(v);
  const m = DATE_SEP.exec(t);
  if (m) return fromParts(fullYear(m[1] ?? "", options.asOf), m[3], m[4]);
  const cn = DATE_CN.exec(t) ?? DATE_COMPACT.exec(t);
  if (cn) return fromParts(Number(cn[1]), cn[2], cn[3]);
  for (const re of NO_YEAR) {
    const ny = re.exec(t);
    if (!ny) continue;
    const month = Number(ny[1]);
    const day = Number(ny[ny.length - 1]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return { ok: false, reason: "no-year" };
  }
  return { ok: false, reason: "invalid" };
}

function fromParts(y: number, m: string | undefined, d: string | undefined): DateParse {
  const iso = makeIso(y, Number(m), Number(d));
  return iso ? { ok: true, value: iso } : { ok: false, reason: "invalid" };
}

/**
 * A month cell: 2025-09, 2025/9, 2025.9, 2025年9月, 202509; a full date or a serial gives
 * its month. Null for a blank cell.
 */
export function parseMonth(v: CellValue, date1904: boolean): DateParse | null {
  const d = parseDate(v, date1904, { monthOk: true });
  if (!d || !d.ok) return d;
  return { ok: true, value: d.value.slice(0, 7) };
}

/**
 * Compares two ISO dates of which either may be a year-month (`YYYY-MM`): at month precision
 * then, so 1980-02 and 1980-02-11 compare equal (they cannot be told apart).
 */
export function compareDates(a: string, b: string): number {
  const coarse = a.length === 7 || b.length === 7;
  const x = coarse ? a.slice(0, 7) : a;
  const y = coarse ? b.slice(0, 7) : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A date or year-month plus whole months; a day past the new month's end falls back to its last day. */
export function addMonths(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  if (date.length === 7) return `${String(y).padStart(4, "0")}-${pad2(m)}`;
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** Whole months from a to b (month precision): 2024-07-15 → 2025-06-01 is 11. */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

export function addDays(iso: string, n: number): string {
  return isoFromDayNumber(dayNumber(iso) + n);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** 1 = Monday … 7 = Sunday. */
export function dayOfWeek(iso: string): number {
  // 1970-01-01 was a Thursday.
  const r = (((dayNumber(iso) + 3) % 7) + 7) % 7;
  return r + 1;
}

/**
 * Whole years of age on a day; someone born on 29 February turns a year older on 1 March. Where
 * either date is a year-month, the birthday counts as reached within its month.
 */
export function ageOn(birthIso: string, onIso: string): number {
  const years = Number(onIso.slice(0, 4)) - Number(birthIso.slice(0, 4));
  const coarse = birthIso.length === 7 || onIso.length === 7;
  const on = onIso.slice(5, coarse ? 7 : 10);
  const birth = birthIso.slice(5, coarse ? 7 : 10);
  return on < birth ? years - 1 : years;
}

/** One formatter per time zone: the pane asks on every render, and making the formatter was most of the call. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The ISO date of `now` in a time zone such as "Asia/Shanghai". */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** An ISO instant as Beijing time (UTC+8, no daylight saving), "2025-10-01 14:05"; unparseable text as given. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The first 19xx年 / 20xx年 in a sheet name or title ("……台账（2025年）", "2025年度"). */
export function yearFromText(text: string): number | null {
  const m = /(?<!\d)((?:19|20)\d{2})\s*年/u.exec(text.normalize("NFKC"));
  return m ? Number(m[1]) : null;
}
