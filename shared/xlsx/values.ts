/**
 * One excelts cell value → the engine's CellValue (the shape Office.js `Range.values` gives):
 * dates as serial numbers in the workbook's own date system, rich text joined, formulas as their
 * cached result, errors as "#REF!"-style strings, hyperlinks as their text.
 */
import type { CellValue } from "../workbook";

const MS_PER_DAY = 86_400_000;
/** Days from the serial origin to 1970-01-01: 1900 system (with Lotus' 1900-02-29) and 1904 system. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

export function dateToSerial(date: Date, date1904: boolean): number | null {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return null;
  const serial = ms / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
  // Keep whole days exact; times of day keep their fraction.
  return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - (date1904 ? EPOCH_1904 : EPOCH_1900)) * MS_PER_DAY));
}

export function toCellValue(value: unknown, date1904: boolean): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "boolean":
      return value;
    case "object":
      break;
    default:
      return null;
  }
  if (value instanceof Date) return dateToSerial(value, date1904);
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.richText)) return richTextToString(o.richText);
  if (typeof o.error === "string") return o.error;
  if ("formula" in o || "sharedFormula" in o) {
    // excelts' streaming reader parses an error result (t="e") as a number, giving NaN: the
    // error's name is lost, so it reads as a generic "#VALUE!".
    if (typeof o.result === "number" && Number.isNaN(o.result)) return "#VALUE!";
    return toCellValue(o.result, date1904);
  }
  if ("hyperlink" in o || "text" in o) {
    const text = o.text;
    if (typeof text === "string") return text;
    return toCellValue(text, date1904);
  }
  if (typeof o.checkbox === "boolean") return o.checkbox;
  return null;
}

export function richTextToString(runs: readonly unknown[]): string {
  let s = "";
  for (const run of runs) {
    const text = (run as { text?: unknown } | null)?.text;
    if (typeof text === "string") s += text;
  }
  return s;
}
