/**
 * A1 addresses, ranges and merged areas. Merged areas are indexed per column with a
 * sorted list, so a lookup costs a binary search whether an area spans 5 rows or 50,000.
 */
import type { CellValue } from "../workbook";

export interface CellRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Excel's limits: column XFD, row 1,048,576. */
const MAX_COL = 16_383;
const MAX_ROW = 1_048_575;
/** Column entries a range index may hold (≈ 64 MB): non-overlapping ranges inside a sheet never need more than its cells. */
const MAX_INDEXED = 4_000_000;
/** Overlapping areas a lookup looks back through. */
const MAX_OVERLAP_STEPS = 64;

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index0: number): string {
  let n = Math.floor(index0) + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" → 0, "AA" → 26 (case-insensitive); −1 for anything that is not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]+$/u.test(letters)) return -1;
  return columnIndexAt(letters, 0, letters.length);
}

/**
 * The column (0-based) of the letters that start s[from, to), stopping at the first other
 * character ("B12" → 1); −1 when there are none. Reads in place: the .xlsx scanner calls it for
 * every cell.
 */
export function columnIndexAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + c - 64;
    else if (c >= 97 && c <= 122) n = n * 26 + c - 96;
    else break;
  }
  return n - 1;
}

/** 1-based row, 0-based column → "B3". */
export function address(row1: number, col0: number): string {
  return `${columnLetter(col0)}${row1}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/u;

function parseCell(s: string): [number, number] | null {
  const m = CELL.exec(s.trim());
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const c = columnIndex(m[1]);
  const r = Number(m[2]) - 1;
  if (c < 0 || c > MAX_COL || r < 0 || r > MAX_ROW) return null;
  return [r, c];
}

/** "A3:A7", "$A$3:$A$7", "B2", "Sheet1!A1:B2" → 0-based inclusive bounds; null when malformed. */
export function parseRange(a1: string): CellRange | null {
  const bang = a1.lastIndexOf("!");
  const ref = bang >= 0 ? a1.slice(bang + 1) : a1;
  const parts = ref.split(":");
  if (parts.length > 2) return null;
  const a = parseCell(parts[0] ?? "");
  const b = parts.length === 2 ? parseCell(parts[1] ?? "") : a;
  if (!a || !b) return null;
  return {
    r0: Math.min(a[0], b[0]),
    c0: Math.min(a[1], b[1]),
    r1: Math.max(a[0], b[0]),
    c1: Math.max(a[1], b[1]),
  };
}

interface ColumnIndex {
  /** Areas touching this column, sorted by r0. */
  areas: CellRange[];
  /** maxR1[i] = the largest r1 among areas[0..i], so overlapping (malformed) areas still resolve. */
  maxR1: number[];
}

/**
 * A set of A1 ranges answering "which range holds this cell?" with a binary search per column,
 * whether a range spans 5 rows or 50,000. Used for merged areas and for formula cells.
 */
export class RangeIndex {
  // Plain fields, not ES private ones: the pane's ES2020 build turns those into a WeakMap lookup
  // on every read, and areaAt runs once per cell read.
  private readonly allAreas: CellRange[];
  private readonly byColumn = new Map<number, ColumnIndex>();

  /**
   * `bounds` (the grid's height and width) clips the index to the cells that exist, so a range
   * reaching column XFD costs what the sheet's own width costs, and a total budget stops
   * overlapping ranges from costing more than the sheet.
   */
  constructor(ranges: readonly (string | CellRange)[], bounds?: { rows: number; cols: number }) {
    const areas: CellRange[] = [];
    for (const m of ranges) {
      const a = typeof m === "string" ? parseRange(m) : m;
      if (a) areas.push(a);
    }
    this.allAreas = areas;
    const maxCol = bounds ? bounds.cols - 1 : MAX_COL;
    const maxRow = bounds ? bounds.rows - 1 : MAX_ROW;
    const sorted = areas
      .filter((a) => a.c0 <= maxCol && a.r0 <= maxRow)
      .sort((x, y) => x.r0 - y.r0 || x.c0 - y.c0);
    let budget = MAX_INDEXED;
    for (const a of sorted) {
      const last = Math.min(a.c1, maxCol);
      budget -= last - a.c0 + 1;
      if (budget < 0) break;
      for (let c = a.c0; c <= last; c++) {
        let col = this.byColumn.get(c);
        if (!col) {
          col = { areas: [], maxR1: [] };
          this.byColumn.set(c, col);
        }
        const prevMax = col.maxR1[col.maxR1.length - 1] ?? -1;
        col.areas.push(a);
        col.maxR1.push(Math.max(prevMax, a.r1));
      }
    }
  }

  /** Every range, in the order given. */
  get areas(): readonly CellRange[] {
    return this.allAreas;
  }

  /** The range holding (r, c), or null. */
  areaAt(r0: number, c0: number): CellRange | null {
    const col = this.byColumn.get(c0);
    if (!col) return null;
    // Last area whose r0 ≤ r.
    let lo = 0;
    let hi = col.areas.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = col.areas[mid];
      if (a && a.r0 <= r0) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    // Well-formed ranges never overlap, so one step suffices; overlapping ones get a few more.
    for (
      let i = idx, steps = 0;
      i >= 0 && steps < MAX_OVERLAP_STEPS && (col.maxR1[i] ?? -1) >= r0;
      i--, steps++
    ) {
      const a = col.areas[i];
      if (a && a.r1 >= r0) return a;
    }
    return null;
  }

  contains(r0: number, c0: number): boolean {
    return this.areaAt(r0, c0) !== null;
  }
}

/** The merged areas of a sheet, answering "which merge anchor does this cell show?". */
export class MergeMap extends RangeIndex {
  constructor(merges: readonly string[], bounds?: { rows: number; cols: number }) {
    const areas: CellRange[] = [];
    for (const m of merges) {
      const a = parseRange(m);
      // Single-cell "merges" change nothing.
      if (a && (a.r1 > a.r0 || a.c1 > a.c0)) areas.push(a);
    }
    super(areas, bounds);
  }

  /** The top-left cell of the merge holding (r, c), unless (r, c) is that top-left cell or is not merged. */
  anchor(r0: number, c0: number): [number, number] | null {
    const a = this.areaAt(r0, c0);
    if (!a || (a.r0 === r0 && a.c0 === c0)) return null;
    return [a.r0, a.c0];
  }
}

/** A cell of a ragged grid; missing cells read as null. */
export function getCell(values: CellValue[][], r0: number, c0: number): CellValue {
  return values[r0]?.[c0] ?? null;
}
