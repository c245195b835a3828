/**
 * Numbers from cells: counts, hours and money. Money is kept as integer 分 so sums and
 * comparisons are exact.
 */
import type { CellValue } from "../workbook";
import { isBlank } from "./text";

export type NumParse = { ok: true; value: number; unit?: string } | { ok: false };

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/u;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u;

/**
 * A number cell. Numbers pass as they are (NaN and Infinity are refused). Text may use
 * full-width digits, thousands separators (1,234.5 / 1，234), a leading + or −, and one
 * trailing unit from `units` ("12人", "3.5小时", "2万元"); the unit found is returned.
 * Null for a blank cell.
 */
export function parseNumber(v: CellValue, units: readonly string[]): NumParse | null {
  if (isBlank(v)) return null;
  if (typeof v === "number") return Number.isFinite(v) ? { ok: true, value: v } : { ok: false };
  if (typeof v !== "string") return { ok: false };
  let t = v
    .normalize("NFKC")
    .replace(/[\u2212\u2012\u2013\u2014\ufe63]/gu, "-")
    .replace(/[\u200b\ufeff]/gu, "")
    .trim();
  let unit: string | undefined;
  // Longest unit first, so 万元 is taken before 元.
  const sorted = [...units].sort((a, b) => b.length - a.length);
  for (const u of sorted) {
    const nu = u.normalize("NFKC");
    if (nu !== "" && t.toLowerCase().endsWith(nu.toLowerCase()) && t.length > nu.length) {
      t = t.slice(0, t.length - nu.length).trimEnd();
      unit = u;
      break;
    }
  }
  if (GROUPED.test(t)) t = t.replace(/,/g, "");
  if (!PLAIN.test(t)) return { ok: false };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false };
  const result: NumParse = { ok: true, value: Object.is(value, -0) ? 0 : value };
  if (unit !== undefined) result.unit = unit;
  return result;
}

export type MoneyUnit = "元" | "万元";
const FEN_PER: Readonly<Record<MoneyUnit, number>> = { 元: 100, 万元: 1_000_000 };

/**
 * An amount in 元 or 万元 as integer 分, rounding half away from zero. The product is first
 * cut to 15 significant digits so float noise (1.005 × 100 = 100.49999…) does not decide it.
 */
export function toFen(amount: number, unit: MoneyUnit): number {
  const scaled = amount * FEN_PER[unit];
  const clean = Number(scaled.toPrecision(15));
  const fen = Math.sign(clean) * Math.round(Math.abs(clean));
  return Object.is(fen, -0) ? 0 : fen;
}

/** 分 back to an amount in 元 or 万元, exactly (figures round it to two decimals). */
export function fromFen(fen: number, unit: MoneyUnit): number {
  return fen / FEN_PER[unit];
}

/** 分 as 元 with two decimals: 1250 → "12.50", −5 → "-0.05". */
export function formatYuan(fen: number): string {
  const n = Math.round(fen);
  const abs = Math.abs(n);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return n < 0 ? `-${text}` : text;
}
