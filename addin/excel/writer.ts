/**
 * The one writer every operation uses: queued calls are measured as the JSON they become and
 * packed into the fewest syncs Excel on the web accepts (5 MB per request and per response,
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 * and cells are written with explicit number formats so Excel never re-reads text as typed.
 */
import type { CellValue } from "../../shared/workbook";
import { isoToSerial } from "../../shared/read/dates";
import { columnLetter } from "./address";

/** Under Excel on the web's 5 MB, with room for the request envelope. */
export const PAYLOAD_BUDGET_BYTES = 4_500_000;
/** One queued call's envelope in the request (action, object path, ids), measured generously. */
export const CALL_BYTES = 180;
/** Excel reads at most 5,000,000 cells per range. */
export const MAX_READ_CELLS = 5_000_000;
/** The date format written with date serials. */
export const DATE_FORMAT = "yyyy-mm-dd";
/** Text: Excel keeps what is written, digit for digit. */
export const TEXT_FORMAT = "@";

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

/** The size of a value as the JSON it becomes in a request or response. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "null");
}

export interface Op {
  /** Estimated request bytes (use `callBytes`). */
  size: number;
  queue: () => void;
}

/**
 * The request size of `calls` queued calls (every method, property set and object a statement
 * reaches counts: `notes.getItem(cell).delete()` is two) carrying these arguments.
 */
export function callBytes(calls: number, ...args: readonly unknown[]): number {
  return CALL_BYTES * calls + args.reduce<number>((n, a) => n + jsonBytes(a), 0);
}

/** Greedy packing in order: a new batch starts only when the budget would be exceeded. */
export function packBatches(ops: readonly Op[], budget = PAYLOAD_BUDGET_BYTES): Op[][] {
  const batches: Op[][] = [];
  let current: Op[] = [];
  let size = 0;
  for (const op of ops) {
    if (current.length && size + op.size > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(op);
    size += op.size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** The code of an Office.js error (OfficeExtension.Error.code), or "". */
export function officeErrorCode(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
}

/**
 * Queues the ops in as few syncs as the request limit allows: one for any ordinary sheet. A
 * batch Excel on the web refuses for its size ran nothing, so it is sent again in halves.
 */
export async function runOps(context: Excel.RequestContext, ops: readonly Op[]): Promise<number> {
  const batches = packBatches(ops);
  let syncs = 0;
  while (batches.length) {
    const batch = batches.shift() as Op[];
    for (const op of batch) op.queue();
    try {
      // One sync per payload-sized batch, never per row or per finding.
      await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop
      syncs += 1;
    } catch (e) {
      if (officeErrorCode(e) !== "RequestPayloadSizeLimitExceeded" || batch.length < 2) throw e;
      const half = Math.ceil(batch.length / 2);
      batches.unshift(batch.slice(0, half), batch.slice(half));
    }
  }
  return syncs;
}

/** A cell as written: its value and its number format (null leaves the cell's format alone). */
export interface Written {
  value: CellValue;
  format: string | null;
}

/** Strings are always text ("@"): 18-digit IDs, 0012, 3-12 and TRUE stay as typed. */
export function textCell(value: CellValue): Written {
  return { value, format: typeof value === "string" ? TEXT_FORMAT : null };
}

/** An ISO date as a date serial with a date format; anything else as `textCell`. */
export function dateCell(iso: string): Written {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { value: isoToSerial(iso), format: DATE_FORMAT } : textCell(iso);
}

/** "B3:D9" for 0-based top-left, rows × columns. */
export function rangeOf(startRow: number, startCol: number, rows: number, cols: number): string {
  const first = `${columnLetter(startCol)}${startRow + 1}`;
  const last = `${columnLetter(startCol + cols - 1)}${startRow + rows}`;
  return first === last ? first : `${first}:${last}`;
}

/** Ops writing rows of cells from (startRow, startCol), split by rows where one sync could not carry them. */
export function blockOps(
  sheet: () => Excel.Worksheet,
  startRow: number,
  rows: readonly (readonly Written[])[],
  startCol = 0,
): Op[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || width === 0) return [];
  const pad: Written = { value: null, format: null };
  const square = rows.map((r) =>
    r.length === width ? r : [...r, ...Array<Written>(width - r.length).fill(pad)],
  );
  const ops: Op[] = [];
  let start = 0;
  while (start < square.length) {
    let size = CALL_BYTES * 3;
    let end = start;
    while (end < square.length) {
      const row = square[end];
      const rowSize = jsonBytes(row.map((c) => c.value)) + jsonBytes(row.map((c) => c.format));
      if (end > start && size + rowSize > PAYLOAD_BUDGET_BYTES / 2) break;
      size += rowSize;
      end++;
    }
    const part = square.slice(start, end);
    const address = rangeOf(startRow + start, startCol, part.length, width);
    ops.push({ size, queue: () => writeCells(sheet().getRange(address), part) });
    start = end;
  }
  return ops;
}

/** Formats first, then values, so Excel stores each value as the format says. */
export function writeCells(range: Excel.Range, cells: readonly (readonly Written[])[]): void {
  range.numberFormat = cells.map((row) => row.map((c) => c.format));
  range.values = cells.map((row) => row.map((c) => c.value));
}
