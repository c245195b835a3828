/**
 * What Excel stores when a string is written through `Range.values` into a cell whose number
 * format is not Text: it is read as if typed. Sources:
 * - https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
 *   ("If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
 *   interprets this value as a formula"; ISO dates (YYYY-MM-DD) are stored as dates).
 * - Excel keeps 15 significant digits of a number
 *   (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3,
 *   https://learn.microsoft.com/office/troubleshoot/excel/long-numbers-incorrectly-in-excel): an
 *   18-digit 公民身份号码 loses its last three digits, 0012 becomes 12.
 * - TRUE / FALSE become booleans; 3-12 becomes 12 March of the current year.
 */
import type { CellValue } from "../../../shared/workbook";
import { isoToSerial } from "../../../shared/read/dates";

export interface Typed {
  value: CellValue;
  formula?: string;
  /** The format Excel applies with the value (dates, percentages). */
  format?: string;
}

const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;

function date(y: number, m: number, d: number): number | null {
  const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.getUTCMonth() + 1 !== m ? null : isoToSerial(iso);
}

/** `currentYear` stands in for the clock (a date typed without a year). */
export function typeAsExcel(text: string, currentYear: number): Typed {
  const s = text.trim();
  if (s === "") return { value: text };
  if (NUMBER.test(s)) {
    const percent = s.endsWith("%");
    const n = Number(s.replace(/[,%]/g, "")) / (percent ? 100 : 1);
    return { value: Number(n.toPrecision(15)), ...(percent ? { format: "0%" } : {}) };
  }
  if (/^[=+\-@]/.test(s)) return { value: "#NAME?", formula: s.startsWith("=") ? s : `=${s}` };
  if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === "true" };
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (m) {
    const serial = date(Number(m[1]), Number(m[2]), Number(m[3]));
    if (serial !== null) return { value: serial, format: "yyyy/m/d" };
  }
  m = /^(\d{1,2})[-/](\d{1,2})$/.exec(s);
  if (m) {
    const serial = date(currentYear, Number(m[1]), Number(m[2]));
    if (serial !== null) return { value: serial, format: "m月d日" };
  }
  return { value: text };
}
