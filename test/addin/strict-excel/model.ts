/**
 * The workbook behind the strict fake: sheets with sparse cells, number formats, formulas,
 * merged areas, notes, threaded comments, conditional formats, custom properties, data
 * validation, tables, charts and page setup — what the adapter reads and writes, and what a test
 * compares before validate and after 清除标记.
 */
import { address, columnLetter, parseRange, type CellRange } from "../../../shared/read/cells";
import type { CellValue } from "../../../shared/workbook";

export type Area = CellRange;

/** Cells are keyed by row × WIDTH + column. */
export const WIDTH = 16_384;
export const ROWS = 1_048_576;
export const key = (r: number, c: number): number => r * WIDTH + c;
export const cellOfKey = (k: number): string => address(Math.floor(k / WIDTH) + 1, k % WIDTH);

export interface ModelCf {
  id: string;
  type: string;
  areas: Area[];
  formula: string;
  fill: string;
}

export interface ModelValidation {
  areas: Area[];
  rule?: unknown;
  prompt?: unknown;
  errorAlert?: unknown;
}

export interface ModelSheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  /** Row → values (non-empty cells only matter; "" is empty). */
  rows: Map<number, CellValue[]>;
  formats: Map<number, string>;
  formulas: Map<number, string>;
  merges: Area[];
  notes: Map<number, { content: string; author: string }>;
  comments: Map<number, { id: string; content: string }>;
  cfs: ModelCf[];
  props: Map<string, { key: string; value: string }>;
  validations: ModelValidation[];
  tables: { address: string; hasHeaders: boolean; style?: string }[];
  charts: { type: string; source: string; seriesBy: string; title?: string; position?: string[] }[];
  page: Record<string, unknown>;
  layout: Record<string, unknown>;
  /** Direct fills, fonts and other formatting written, in order ("A1:B2 fill #FFF"). */
  formatting: string[];
}

export interface ModelWorkbook {
  sheets: ModelSheet[];
  active: number;
  structureProtected: boolean;
  nextId: number;
}

export interface SheetSpec {
  name: string;
  values?: CellValue[][];
  merges?: string[];
  /** Cell → formula; the cached value comes from `values`. */
  formulas?: Record<string, string>;
  notes?: Record<string, string>;
  comments?: Record<string, string>;
  /** Cell → number format. */
  formats?: Record<string, string>;
  cfs?: { ranges: string; formula: string; fill: string; type?: string }[];
  protected?: boolean;
  hidden?: boolean;
}

export function area(a1: string): Area {
  const r = parseRange(a1);
  if (!r) throw new Error(`not an address: ${a1}`);
  return r;
}

export function areaAddress(a: Area): string {
  const first = `${columnLetter(a.c0)}${a.r0 + 1}`;
  const last = `${columnLetter(a.c1)}${a.r1 + 1}`;
  return first === last ? first : `${first}:${last}`;
}

export const intersects = (a: Area, b: Area): boolean =>
  a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

export function newSheet(wb: ModelWorkbook, name: string): ModelSheet {
  return {
    id: `{sheet-${wb.nextId++}}`,
    name,
    visibility: "Visible",
    protected: false,
    rows: new Map(),
    formats: new Map(),
    formulas: new Map(),
    merges: [],
    notes: new Map(),
    comments: new Map(),
    cfs: [],
    props: new Map(),
    validations: [],
    tables: [],
    charts: [],
    page: {},
    layout: {},
    formatting: [],
  };
}

export function buildWorkbook(specs: readonly SheetSpec[]): ModelWorkbook {
  const wb: ModelWorkbook = { sheets: [], active: 0, structureProtected: false, nextId: 1 };
  for (const spec of specs) {
    const sheet = newSheet(wb, spec.name);
    (spec.values ?? []).forEach((row, r) => {
      if (row.some((v) => v !== null && v !== ""))
        sheet.rows.set(
          r,
          row.map((v) => v ?? ""),
        );
    });
    sheet.merges = (spec.merges ?? []).map(area);
    for (const [cell, f] of Object.entries(spec.formulas ?? {})) sheet.formulas.set(keyOf(cell), f);
    for (const [cell, f] of Object.entries(spec.formats ?? {})) sheet.formats.set(keyOf(cell), f);
    for (const [cell, content] of Object.entries(spec.notes ?? {}))
      sheet.notes.set(keyOf(cell), { content, author: "王会计" });
    for (const [cell, content] of Object.entries(spec.comments ?? {}))
      sheet.comments.set(keyOf(cell), { id: `{comment-${wb.nextId++}}`, content });
    sheet.cfs = (spec.cfs ?? []).map((cf) => ({
      id: `{cf-${wb.nextId++}}`,
      type: cf.type ?? "Custom",
      areas: cf.ranges.split(",").map(area),
      formula: cf.formula,
      fill: cf.fill,
    }));
    sheet.protected = spec.protected ?? false;
    sheet.visibility = spec.hidden ? "Hidden" : "Visible";
    wb.sheets.push(sheet);
  }
  return wb;
}

export function keyOf(cell: string): number {
  const a = area(cell);
  return key(a.r0, a.c0);
}

export function valueAt(sheet: ModelSheet, r: number, c: number): CellValue {
  return sheet.rows.get(r)?.[c] ?? "";
}

export function setValue(sheet: ModelSheet, r: number, c: number, v: CellValue): void {
  let row = sheet.rows.get(r);
  if (!row) {
    if (v === "" || v === null) return;
    sheet.rows.set(r, (row = []));
  }
  while (row.length <= c) row.push("");
  row[c] = v ?? "";
}

/** The used range (values only): the bounding box of non-empty cells and formulas; null when empty. */
export function usedArea(sheet: ModelSheet): Area | null {
  let box: Area | null = null;
  const take = (r: number, c: number) => {
    box = box
      ? { r0: Math.min(box.r0, r), c0: Math.min(box.c0, c), r1: Math.max(box.r1, r), c1: Math.max(box.c1, c) }
      : { r0: r, c0: c, r1: r, c1: c };
  };
  for (const [r, row] of sheet.rows) row.forEach((v, c) => v !== "" && v !== null && take(r, c));
  for (const k of sheet.formulas.keys()) take(Math.floor(k / WIDTH), k % WIDTH);
  return box;
}

/**
 * Everything the clerk can see of a sheet, as plain data: what 清除标记 must give back exactly
 * (the record property aside, which is ours).
 */
export function snapshot(sheet: ModelSheet): unknown {
  const sorted = <T>(m: Map<number, T>) =>
    [...m].sort((a, b) => a[0] - b[0]).map(([k, v]) => [cellOfKey(k), v]);
  return {
    name: sheet.name,
    values: [...sheet.rows].sort((a, b) => a[0] - b[0]),
    formats: sorted(sheet.formats),
    formulas: sorted(sheet.formulas),
    merges: sheet.merges.map(areaAddress),
    notes: sorted(sheet.notes),
    comments: sorted(sheet.comments),
    // A format's id is Excel's, not the clerk's: a replaced mark is the same mark.
    cfs: sheet.cfs.map(({ type, formula, fill, areas }) => ({
      type,
      formula,
      fill,
      areas: areas.map(areaAddress),
    })),
    validations: sheet.validations,
    formatting: sheet.formatting,
  };
}
