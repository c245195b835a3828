/** A1 address helpers for the Excel adapter: sheet prefixes, compressing cells into ranges, chunking. */
import { address, columnLetter, parseRange, type CellRange } from "../../shared/read/cells";

export { columnLetter, parseRange, type CellRange };

/** Excel rejects very long address strings in `getRanges`; stay well under its limit. */
export const MAX_ADDRESS_CHARS = 2000;

/** Drops a sheet prefix and `$`: "'My Sheet'!$B$3:$C$4" → "B3:C4". */
export function stripSheet(a1: string): string {
  const bang = a1.lastIndexOf("!");
  return (bang >= 0 ? a1.slice(bang + 1) : a1).replace(/\$/g, "").trim();
}

/** The areas of a RangeAreas address ("S!A1:B2, S!D4") without sheet prefixes. */
export function areasOf(a1: string | null | undefined): string[] {
  return a1 ? a1.split(",").map(stripSheet).filter(Boolean) : [];
}

/**
 * Cells → the fewest column runs ("B3","B4","B5","D9" → "B3:B5","D9"), sorted by column then
 * row: 10,000 marked cells in one column become one range.
 */
export function compressCells(cells: Iterable<string>): string[] {
  const byColumn = new Map<number, number[]>();
  for (const a1 of cells) {
    const ref = parseRange(a1);
    if (!ref) continue;
    const rows = byColumn.get(ref.c0);
    if (rows) rows.push(ref.r0);
    else byColumn.set(ref.c0, [ref.r0]);
  }
  const out: string[] = [];
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byColumn.get(col))].sort((a, b) => a - b);
    const letters = columnLetter(col);
    let start = rows[0];
    let prev = rows[0];
    const flush = () =>
      out.push(start === prev ? `${letters}${start + 1}` : `${letters}${start + 1}:${letters}${prev + 1}`);
    for (const r of rows.slice(1)) {
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      flush();
      start = prev = r;
    }
    if (rows.length) flush();
  }
  return out;
}

/** Ranges back to their cells ("B3:B5" → "B3","B4","B5"); the inverse of compressCells. */
export function expandRanges(ranges: Iterable<string>): string[] {
  const out: string[] = [];
  for (const a1 of ranges) {
    const r = parseRange(a1);
    if (!r) continue;
    for (let c = r.c0; c <= r.c1; c++) for (let row = r.r0; row <= r.r1; row++) out.push(address(row + 1, c));
  }
  return out;
}

/** Joins addresses into comma-separated strings of at most `max` characters each. */
export function chunkAddresses(addresses: readonly string[], max = MAX_ADDRESS_CHARS): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const a of addresses) {
    if (current && current.length + 1 + a.length > max) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) chunks.push(current);
  return chunks;
}
