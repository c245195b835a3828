/**
 * Finding a sheet's header row and kind (ledgers spec §1 "header row", "header names", "kind",
 * "data end"). Pure functions over the sheet's values; the engine parses the cells afterwards.
 */
import type { CellValue, SheetInput } from "../workbook";
import type { ColumnDef, KindDef } from "../kinds/types";
import { cellText, isBlank, monthLabel, normalizeHeader, splitHeaderUnit } from "./text";
import { MergeMap, RangeIndex } from "./cells";
import type { MoneyUnit } from "./numbers";

/** How many rows from the top are searched for the header (spec: the first 20). */
export const HEADER_SEARCH_ROWS = 20;

/**
 * A row whose first or second non-empty cell starts with one of these ends the data (ledgers spec
 * §1 "data end"); compared after NFKC, so 备注： and 注： match their half-width forms.
 */
const FOOTER_PREFIXES = [
  "填表人",
  "填报人",
  "填报单位",
  "填表单位",
  "填报日期",
  "审核人",
  "审核",
  "制表",
  "负责人",
  "单位负责人",
  "联系人",
  "盖章",
  "签字",
  "合计",
  "小计",
  "总计",
  "说明",
  "备注:",
  "注:",
  "注1",
];
/** A footer row starting so lies between data rows (a village's 小计): it is skipped, not an end. */
const SUBTOTAL_PREFIX = "小计";

/** Header labels of the 序号 column (ledgers spec §1: always allowed, never validated). */
const SEQUENCE_LABELS = new Set(["序号", "序", "顺序号", "编号序号"]);

/** Group labels over a two-row header lose these endings when joined: 受益情况 + 户数 → 受益户数. */
const GROUP_SUFFIX = /(情况|信息|明细|详情)$/;

const MONEY_UNITS = ["元", "万元"] as const;

/** One matched sheet column. */
export interface BoundColumn {
  def: ColumnDef;
  /** 0-based sheet column. */
  index: number;
  /** The header text as the clerk wrote it. */
  header: string;
  /** Money unit named by the header ("投资金额（元）"), or null to use the column's own. */
  unit: MoneyUnit | null;
}

export interface SheetLayout {
  kind: KindDef;
  /** 0-based index of the (lower) header row; data starts on the next row. */
  headerRow: number;
  /** 0-based index of the first header row (= headerRow for one-row headers). */
  headerTop: number;
  columns: BoundColumn[];
  /** Later headers that map to an already-bound column: `duplicate-column`. */
  duplicates: BoundColumn[];
  /** Header text of every non-empty header cell by 0-based column (extra columns too). */
  headers: Map<number, string>;
  /** Required columns that are absent. */
  missing: ColumnDef[];
  /** Text of the rows above the header (title rows), joined; for tie-breaks and the ledger year. */
  titleText: string;
  /** 0-based columns headed 序号 (a template row may fill only these). */
  sequenceColumns: number[];
}

interface LabelTarget {
  def: ColumnDef;
  unit: MoneyUnit | null;
}

/** Normalised header label → column, per kind; built once per kind. */
const labelIndexCache = new WeakMap<KindDef, Map<string, LabelTarget>>();

function labelIndex(kind: KindDef): Map<string, LabelTarget> {
  const cached = labelIndexCache.get(kind);
  if (cached) return cached;
  const index = new Map<string, LabelTarget>();
  const add = (label: string, target: LabelTarget) => {
    if (label && !index.has(label)) index.set(label, target);
  };
  for (const def of kind.columns) {
    for (const name of [def.name, ...(def.aliases ?? [])]) {
      const norm = normalizeHeader(name);
      const { base, unit } = splitHeaderUnit(norm);
      const ownUnit = def.type.t === "money" ? def.type.unit : null;
      add(norm, { def, unit: moneyUnit(unit) ?? ownUnit });
      add(base, { def, unit: ownUnit });
      if (def.type.t === "money") {
        // Units in brackets belong to the alias: 投资金额（元） is accepted for a 万元 column.
        for (const u of MONEY_UNITS) add(`${base}(${u})`, { def, unit: u });
      }
    }
  }
  labelIndexCache.set(kind, index);
  return index;
}

function moneyUnit(unit: string | null): MoneyUnit | null {
  return unit === "元" || unit === "万元" ? unit : null;
}

/** A label's unit-less base, its unit and the month it names: the same for every kind. */
interface LabelParts {
  base: string;
  unit: string | null;
  month: string | null;
}

/** Label → parts, for one sheet's header search (each label is tried against every kind). */
type LabelPartsCache = Map<string, LabelParts>;

function labelParts(cache: LabelPartsCache, label: string): LabelParts {
  let parts = cache.get(label);
  if (!parts) {
    const { base, unit } = splitHeaderUnit(label);
    // A month header in any form (一月, 01月, 2025年1月, 2025-01) names the column 1月 (spec §3 dues).
    parts = { base, unit, month: monthLabel(base) };
    cache.set(label, parts);
  }
  return parts;
}

/** Resolves one normalised header label against a kind, trying the unit-less base too. */
function matchLabel(
  index: Map<string, LabelTarget>,
  label: string,
  cache: LabelPartsCache,
): LabelTarget | null {
  if (!label) return null;
  const exact = index.get(label);
  if (exact) return exact;
  const { base, unit, month } = labelParts(cache, label);
  const hit = index.get(month ?? base);
  if (!hit || (unit === null && month === null)) return null;
  return { def: hit.def, unit: moneyUnit(unit) ?? hit.unit };
}

/** A grid view with merged areas filled from their top-left cell (spec §1 "merged cells"). */
export class Grid {
  readonly merges: MergeMap;
  readonly width: number;
  constructor(
    readonly values: CellValue[][],
    merges: readonly string[],
  ) {
    let width = 0;
    for (const row of values) if (row && row.length > width) width = row.length;
    this.width = width;
    this.merges = new MergeMap(merges, { rows: values.length, cols: width });
  }
  get height(): number {
    return this.values.length;
  }
  /** The value at (r, c), 0-based, taking a merged area's top-left value. */
  get(r: number, c: number): CellValue {
    const anchor = this.merges.anchor(r, c);
    if (anchor) return this.values[anchor[0]]?.[anchor[1]] ?? null;
    return this.values[r]?.[c] ?? null;
  }
  /** The value as stored (no merge fill). */
  own(r: number, c: number): CellValue {
    return this.values[r]?.[c] ?? null;
  }
  /** True when the row has no non-blank cell of its own. */
  rowBlank(r: number): boolean {
    const row = this.values[r];
    if (!row) return true;
    for (const v of row) if (!isBlank(v)) return false;
    return true;
  }
}

interface Candidate {
  kind: KindDef;
  headerTop: number;
  headerRow: number;
  bound: BoundColumn[];
  duplicates: BoundColumn[];
  headers: Map<number, string>;
  requiredFound: number;
  requiredTotal: number;
}

/** The labels each column offers as a header, for a one-row (top = row) or two-row header. */
function columnLabels(
  grid: Grid,
  top: number,
  row: number,
): { labels: string[][]; headers: Map<number, string> } {
  const labels: string[][] = [];
  const headers = new Map<number, string>();
  for (let c = 0; c < grid.width; c++) {
    const lowerRaw = cellText(grid.get(row, c));
    const lower = normalizeHeader(lowerRaw);
    if (top === row) {
      labels.push(lower ? [lower] : []);
      if (lower) headers.set(c, lowerRaw.trim());
      continue;
    }
    const upperRaw = cellText(grid.get(top, c));
    const upper = normalizeHeader(upperRaw);
    if (!lower || lower === upper) {
      labels.push(upper ? [upper] : []);
      if (upper) headers.set(c, upperRaw.trim());
      continue;
    }
    const options = [lower];
    if (upper) options.push(upper + lower, upper.replace(GROUP_SUFFIX, "") + lower);
    labels.push(options);
    headers.set(c, lowerRaw.trim());
  }
  return { labels, headers };
}

function bindKind(
  kind: KindDef,
  labels: string[][],
  headers: Map<number, string>,
  top: number,
  row: number,
  cache: LabelPartsCache,
): Candidate {
  const index = labelIndex(kind);
  const bound: BoundColumn[] = [];
  const duplicates: BoundColumn[] = [];
  const seen = new Set<ColumnDef>();
  labels.forEach((options, c) => {
    for (const label of options) {
      const hit = matchLabel(index, label, cache);
      if (!hit) continue;
      const column: BoundColumn = { def: hit.def, index: c, header: headers.get(c) ?? "", unit: hit.unit };
      if (seen.has(hit.def)) duplicates.push(column);
      else {
        seen.add(hit.def);
        bound.push(column);
      }
      return;
    }
  });
  const required = kind.columns.filter((d) => d.required);
  return {
    kind,
    headerTop: top,
    headerRow: row,
    bound,
    duplicates,
    headers,
    requiredFound: required.filter((d) => seen.has(d)).length,
    requiredTotal: required.length,
  };
}

/** More matched columns win; on a tie a one-row header beats a two-row one (a title over a header is not a group row). */
function score(c: Candidate): number {
  return c.bound.length * 2 - (c.headerTop === c.headerRow ? 0 : 1);
}

function qualifies(c: Candidate): boolean {
  // At least half of the required columns, and at least two columns, so a lone 姓名 is not a ledger.
  return c.bound.length >= 2 && c.requiredFound * 2 >= c.requiredTotal;
}

/**
 * Finds the header row and kind of a sheet, or null when it matches no kind (`unknown-sheet`).
 * The kind that matches the most of its columns wins; ties go to the kind whose title appears
 * in the sheet name or the title rows.
 */
export function detectLayout(sheet: SheetInput, grid: Grid, kinds: readonly KindDef[]): SheetLayout | null {
  const searchRows = Math.min(HEADER_SEARCH_ROWS, grid.height);
  let best: Candidate | null = null;
  let bestTitled = false;
  const cache: LabelPartsCache = new Map();
  for (let r = 0; r < searchRows; r++) {
    if (grid.rowBlank(r)) continue;
    const shapes: Array<[number, number]> = [[r, r]];
    if (r + 1 < grid.height) shapes.push([r, r + 1]);
    for (const [top, row] of shapes) {
      const { labels, headers } = columnLabels(grid, top, row);
      for (const kind of kinds) {
        const cand = bindKind(kind, labels, headers, top, row, cache);
        if (!qualifies(cand)) continue;
        const titled = titleMentions(kind, sheet.name, grid, top);
        if (!best || score(cand) > score(best) || (score(cand) === score(best) && titled && !bestTitled)) {
          best = cand;
          bestTitled = titled;
        }
      }
    }
  }
  if (!best) return null;
  return {
    kind: best.kind,
    headerRow: best.headerRow,
    headerTop: best.headerTop,
    columns: best.bound.sort((a, b) => a.index - b.index),
    duplicates: best.duplicates,
    headers: best.headers,
    missing: best.kind.columns.filter((d) => d.required && !best.bound.some((b) => b.def === d)),
    titleText: titleText(grid, best.headerTop),
    sequenceColumns: [...best.headers]
      .filter(([, label]) => SEQUENCE_LABELS.has(normalizeHeader(label)))
      .map(([c]) => c),
  };
}

function titleText(grid: Grid, headerTop: number): string {
  const parts: string[] = [];
  for (let r = 0; r < headerTop; r++) {
    for (let c = 0; c < grid.width; c++) {
      const v = grid.own(r, c);
      if (!isBlank(v)) parts.push(cellText(v));
    }
  }
  return parts.join(" ");
}

function titleMentions(kind: KindDef, sheetName: string, grid: Grid, headerTop: number): boolean {
  const text = normalizeHeader(sheetName + titleText(grid, headerTop));
  return kind.titles.some((t) => text.includes(normalizeHeader(t)));
}

const SPACE = /^(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)$/u;

/**
 * Whether a text could start with a footer word once normalised: one that starts (after spaces)
 * with a character below the CJK radicals, such as a letter or a digit, never does. Saves the
 * normalisation of a cell in every data row.
 */
function mayStartWithWords(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    if (v.charCodeAt(i) >= 0x2e80) return true;
    if (!SPACE.test(v[i])) return false;
  }
  return false;
}

/** The footer word a row starts with in its first or second non-empty cell, or null. */
function footerWord(grid: Grid, r: number): string | null {
  const row = grid.values[r];
  if (!row) return null;
  let seen = 0;
  for (const v of row) {
    if (isBlank(v)) continue;
    if (typeof v === "string" && mayStartWithWords(v)) {
      const text = normalizeHeader(v);
      const word = FOOTER_PREFIXES.find((p) => text.startsWith(p));
      if (word) return word;
    }
    if (++seen === 2) return null;
  }
  return null;
}

/** True when the row is a footer (填表人, 合计, 备注： …) that ends the data. */
export function isFooterRow(grid: Grid, r: number): boolean {
  const word = footerWord(grid, r);
  return word !== null && word !== SUBTOTAL_PREFIX;
}

/** 0-based index one past the last data row: stops at a footer, trims trailing blank rows. */
export function dataEnd(grid: Grid, headerRow: number): number {
  let end = grid.height;
  for (let r = headerRow + 1; r < grid.height; r++) {
    if (isFooterRow(grid, r)) {
      end = r;
      break;
    }
  }
  while (end > headerRow + 1 && grid.rowBlank(end - 1)) end--;
  return end;
}

/** Cells that hold a formula (SheetInput.formulas): their values are results nobody typed. */
export function formulaIndex(formulas: readonly string[] | undefined, grid: Grid): RangeIndex | null {
  return formulas?.length ? new RangeIndex(formulas, { rows: grid.height, cols: grid.width }) : null;
}

/**
 * A template row (ledgers spec §1 "blank rows"): every non-empty cell of its own is in the 序号
 * column or holds a formula — a pre-numbered row nobody has filled in.
 */
export function isTemplateRow(
  grid: Grid,
  r: number,
  sequence: ReadonlySet<number>,
  formulas: RangeIndex | null,
): boolean {
  const row = grid.values[r];
  if (!row) return false;
  let filled = false;
  for (let c = 0; c < row.length; c++) {
    if (isBlank(row[c] ?? null)) continue;
    filled = true;
    if (!sequence.has(c) && !formulas?.contains(r, c)) return false;
  }
  return filled;
}

/**
 * The 0-based rows that hold data: under the header, before the footer, without blank rows,
 * template rows or mid-sheet 小计 rows (none of them is data, and none counts in a figure).
 */
export function dataRows(grid: Grid, layout: SheetLayout, formulas: RangeIndex | null): number[] {
  const end = dataEnd(grid, layout.headerRow);
  const sequence = new Set(layout.sequenceColumns);
  const rows: number[] = [];
  for (let r = layout.headerRow + 1; r < end; r++) {
    if (grid.rowBlank(r) || footerWord(grid, r) !== null || isTemplateRow(grid, r, sequence, formulas))
      continue;
    rows.push(r);
  }
  return rows;
}
