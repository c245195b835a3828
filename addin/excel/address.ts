/** A1 address helpers for the Excel adapter: parsing, compressing cells into ranges, chunking. */
import { columnIndex, columnLetter } from "../../shared/read/cells";

export { columnIndex, columnLetter };

/** Excel rejects very long address strings in `getRanges`; stay well under its limit. */
export const MAX_ADDRESS_CHARS = 2000;

export interface CellRef {
  row: number;
  col: number;
}

/** "B3" → {row: 2, col: 1} (0-based); null for anything else. */
export function parseCell(a1: string): CellRef | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : null;
}

/** Drops a sheet prefix: "'My Sheet'!B3:C4" → "B3:C4". */
export function stripSheet(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/** The top-left of an address ("Sheet1!C5:K90" → {row: 4, col: 2}). */
export function topLeft(address: string): CellRef {
  const first = stripSheet(address).split(":")[0];
  return parseCell(first) ?? { row: 0, col: 0 };
}

/**
 * Cells → the fewest column runs ("B3","B4","B5","D9" → "B3:B5","D9"), sorted by column then
 * row: 10,000 marked cells in one column become one range.
 */
export function compressCells(cells: Iterable<string>): string[] {
  const byColumn = new Map<number, number[]>();
  for (const a1 of cells) {
    const ref = parseCell(a1);
    if (!ref) continue;
    const rows = byColumn.get(ref.col);
    if (rows) rows.push(ref.row);
    else byColumn.set(ref.col, [ref.row]);
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
