/**
 * Small typed accessors and summary arithmetic shared by the kinds (pure, no I/O). An accessor
 * takes only a column of the row's own kind: `str(row, "办理壮态")` fails the type-check.
 */
import type { ParsedRow } from "../kinds/types";
import { fromFen, type MoneyUnit } from "../read/numbers";

/** The row's value as a string, or null (empty, invalid or not a string). */
export function str<C extends string>(row: ParsedRow<C>, column: NoInfer<C>): string | null {
  const v = row.values[column];
  return typeof v === "string" ? v : null;
}

/** The row's value as a number, or null. */
export function num<C extends string>(row: ParsedRow<C>, column: NoInfer<C>): number | null {
  const v = row.values[column];
  return typeof v === "number" ? v : null;
}

/**
 * True when the cell was left empty (not merely invalid). A column the sheet does not have has
 * no empty cell: a rule that needs an absent optional column is not run (ledgers spec §1).
 */
export function emptyCell<C extends string>(row: ParsedRow<C>, column: NoInfer<C>): boolean {
  return column in row.values && row.values[column] === null && !row.invalid.has(column);
}

/** Counts rows by a string value; rows without one are left out. Keys keep first-seen order. */
export function countBy<C extends string>(
  rows: readonly ParsedRow<C>[],
  column: NoInfer<C>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) {
    const key = str(row, column);
    if (key !== null) out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export function sum<C extends string>(rows: readonly ParsedRow<C>[], column: NoInfer<C>): number {
  let total = 0;
  for (const row of rows) total += num(row, column) ?? 0;
  return total;
}

export function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((n + Number.EPSILON) * f) / f;
}

/** A share 0–1 rounded to 4 decimals, or null when the denominator is 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

/** The median, or null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A money figure: 分 → 元 or 万元, 2 decimals. */
export function moneyFigure(fen: number, unit: MoneyUnit): number {
  return round(fromFen(fen, unit), 2);
}
