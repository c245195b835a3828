/**
 * The engine's one entry point: a workbook in, one result per sheet out.
 * Reading (header, kind, cells) is in ./read, the kinds in ./kinds, reusable checks in ./rules.
 */
import type { CellValue, WorkbookInput } from "./workbook";
import { branchMatcher, registryStaff, type Registry } from "./registry";
import type { SheetResult } from "./report";
import { DEFAULT_SEVERITY, sortFindings, type Finding } from "./findings";
import type { FindingInput, KindDef, ParsedRow, RuleContext, StoredRow, Value } from "./kinds/types";
import { kindsOf } from "./kinds";
import { keyedFinding, msg, type EngineText, type FindingPlace } from "./messages/engine";
import type { Summary } from "./figures";
import { Grid, dataRows, detectLayout, formulaIndex, type SheetLayout } from "./read/header";
import { columnParser, type CellParse, type ParseContext } from "./read/column";
import { address } from "./read/cells";
import { cellText, isBlank, normalizeName } from "./read/text";
import { yearFromText } from "./read/dates";
import { findDuplicates } from "./rules/unique";
import { straddlingVisitDays } from "./rules/visits";
import { FIELDWORK_VISITS, fieldwork } from "./kinds/fieldwork";

export interface ValidateOptions {
  /** As-of date, `YYYY-MM-DD` ("today" in Asia/Shanghai by default at the front doors). */
  asOf: string;
  registry: Registry;
  /**
   * Staff names to use when the registry lists none and the workbook has no 人员岗位表
   * (the Worker passes the office's current 人员岗位表 submission here).
   */
  fallbackStaff?: readonly string[];
  /** Only report these sheets (cross-sheet rules still read the whole workbook). */
  sheets?: readonly string[];
  /** The kinds to recognise; by default the built-in ones and the registry's own. */
  kinds?: readonly KindDef[];
  /**
   * The branch submitting (canonical name): a row whose own branch column (村, 支部, 所在支部)
   * names another branch is `inconsistent`, since a branch reports only its own rows.
   */
  branch?: string;
}

/** Shared by every row without an invalid cell (most rows): no allocation per row. */
const NO_INVALID: ReadonlySet<string> = new Set();

/** The kind whose 姓名 column lists the office staff (spec §1 "staff", §4). */
const STAFF_KIND = "staff";
const STAFF_NAME_COLUMN = "姓名";

export function validateWorkbook(workbook: WorkbookInput, options: ValidateOptions): SheetResult[] {
  const kinds = options.kinds ?? kindsOf(options.registry);
  const prepared = workbook.sheets.map((sheet) => {
    const grid = new Grid(sheet.values ?? [], sheet.merges ?? []);
    const layout = detectLayout(sheet, grid, kinds);
    return {
      sheet,
      grid,
      layout,
      rows: layout ? dataRows(grid, layout, formulaIndex(sheet.formulas, grid)) : [],
    };
  });

  const staff = resolveStaff(prepared, options);
  const branches = branchMatcher(options.registry);
  const wanted = options.sheets ? new Set(options.sheets) : null;

  return prepared
    .filter(({ sheet }) => !wanted || wanted.has(sheet.name))
    .map(({ sheet, grid, layout, rows }) => {
      if (!layout) return unknownSheet(sheet.name);
      const parse: ParseContext = {
        asOf: options.asOf,
        date1904: workbook.date1904,
        branches,
        staff: staff.names,
        staffSource: staff.source,
      };
      return validateSheet(sheet.name, grid, layout, rows, parse, options);
    });
}

/** What a kind's figures depend on besides the rows: the same on the clerk's machine and the Worker. */
export interface FigureContext {
  asOf: string;
  registry: Registry;
  /** The periods the rows belong to (a sheet's own; the Worker's submissions' periods). */
  periods: readonly string[];
  /** The office staff list the rows were checked against, or null. */
  staff: ReadonlySet<string> | null;
}

/**
 * A kind's summary figures (ledgers spec §3) of rows already read: the one path behind the
 * pane's 汇总, the CLI's `summarize` and the Worker's township figures, so a figure never
 * differs between the clerk's machine and the township's. The columns present are the rows'
 * own (a stored record keeps a key for every column its sheet had).
 */
export function summarize(
  kind: KindDef,
  rows: readonly ParsedRow[],
  context: FigureContext,
  present?: ReadonlySet<string>,
): Summary {
  return kind.summary(rows, rowsContext(kind, rows, context, present));
}

/**
 * The `visit-days` findings of the 到村工作日志 weeks that straddle two months (ledgers spec §2),
 * which no monthly sheet can judge: the Worker passes the rows of the months it holds (their
 * current submissions) and those months as `context.periods`.
 */
export function straddlingWeekFindings(rows: readonly ParsedRow[], context: FigureContext): Finding[] {
  return straddlingVisitDays(rows, rowsContext(fieldwork, rows, context), FIELDWORK_VISITS);
}

/** The context of rows already read, outside any sheet: the columns present are the rows' own. */
function rowsContext(
  kind: KindDef,
  rows: readonly ParsedRow[],
  context: FigureContext,
  known?: ReadonlySet<string>,
): RuleContext {
  let present = known;
  if (!present) {
    const keys = new Set<string>();
    for (const row of rows) for (const key of Object.keys(row.values)) keys.add(key);
    present = keys;
  }
  return ruleContext({ ...context, sheet: kind.title, present, columnIndex: new Map() });
}

/** Stored records (the Worker's normalised values) back into the rows `summarize` reads. */
export function rowsFromStored(records: Iterable<StoredRow>): ParsedRow[] {
  const rows: ParsedRow[] = [];
  // A stored sheet had no errors, so no cell of it failed its check.
  for (const r of records) rows.push({ row: r.row, values: r.values, invalid: NO_INVALID, raw: {} });
  return rows;
}

interface StaffList {
  names: ReadonlySet<string> | null;
  source: EngineText;
}

/**
 * Registry staff, checked also against the workbook's own 人员岗位表 when it has one (§4);
 * else the workbook's 人员岗位表 (every 姓名, including rows with other errors); else the
 * caller's fallback; else null (staff checks skipped, not failed).
 */
function resolveStaff(
  prepared: { grid: Grid; layout: SheetLayout | null; rows: readonly number[] }[],
  options: ValidateOptions,
): StaffList {
  const fromRegistry = registryStaff(options.registry);
  let fromWorkbook: Set<string> | null = null;
  for (const { grid, layout, rows } of prepared) {
    if (layout?.kind.id !== STAFF_KIND) continue;
    const column = layout.columns.find((c) => c.def.name === STAFF_NAME_COLUMN);
    if (!column) continue;
    fromWorkbook ??= new Set();
    for (const r of rows) {
      const name = normalizeName(cellText(grid.get(r, column.index)));
      if (name) fromWorkbook.add(name);
    }
  }
  if (fromRegistry && fromWorkbook) {
    const both = new Set([...fromRegistry].filter((n) => fromWorkbook?.has(n)));
    return { names: both, source: msg("staffSource.both") };
  }
  if (fromRegistry) return { names: fromRegistry, source: msg("staffSource.registry") };
  if (fromWorkbook) return { names: fromWorkbook, source: msg("staffSource.workbook") };
  if (options.fallbackStaff?.length) {
    return { names: new Set(options.fallbackStaff.map(normalizeName)), source: msg("staffSource.submitted") };
  }
  return { names: null, source: msg("staffSource.registry") };
}

function unknownSheet(sheet: string): SheetResult {
  const finding = keyedFinding(
    { code: "unknown-sheet", severity: "info", sheet, cell: null, row: null, column: null },
    msg("sheet.unknown", { sheet }),
  );
  return {
    sheet,
    kind: null,
    headerRow: null,
    rows: 0,
    errors: 0,
    warnings: 0,
    findings: [finding],
    records: [],
    period: null,
  };
}

function validateSheet(
  sheetName: string,
  grid: Grid,
  layout: SheetLayout,
  rows: readonly number[],
  parse: ParseContext,
  options: ValidateOptions,
): SheetResult {
  const kind = layout.kind;
  const columnIndex = new Map(layout.columns.map((c) => [c.def.name, c.index]));
  const titleText = `${sheetName} ${layout.titleText}`;
  const findings: Finding[] = [];
  // Column-level findings need only the sheet and its columns; the period comes from the rows.
  const cellFinding = ruleContext({
    sheet: sheetName,
    asOf: options.asOf,
    registry: options.registry,
    staff: parse.staff,
    periods: [],
    present: new Set(columnIndex.keys()),
    columnIndex,
  }).finding;

  for (const def of layout.missing) {
    const aliases = def.aliases?.length ? msg("fragment.aliases", { names: [...def.aliases] }) : "";
    findings.push(
      cellFinding({ code: "missing-column", text: msg("column.missing", { column: def.name, aliases }) }),
    );
  }
  for (const dup of layout.duplicates) {
    findings.push({
      ...cellFinding({
        code: "duplicate-column",
        text: msg("column.duplicate", { header: dup.header, column: dup.def.name }),
      }),
      cell: address(layout.headerRow + 1, dup.index),
      row: layout.headerRow + 1,
      column: dup.def.name,
    });
  }

  const parsers = layout.columns.map((c) => ({ column: c, parse: columnParser(c.def, c.unit, parse) }));
  const records: ParsedRow[] = [];
  const headers = [...layout.headers];
  const source: RowSource = { grid, headers };
  // Every row's values start as a copy of one object with every column: one shape for all rows,
  // so the rules and summaries read them fast.
  const blank: Record<string, Value> = {};
  for (const { column } of parsers) blank[column.def.name] = null;

  for (const r of rows) {
    const sheetRow = r + 1;
    const values: Record<string, Value> = { ...blank };
    let invalid: Set<string> | null = null;
    for (const { column, parse: parseCell } of parsers) {
      const name = column.def.name;
      const cell = grid.get(r, column.index);
      if (isBlank(cell)) {
        values[name] = null;
        if (column.def.required) {
          findings.push(
            cellFinding({
              code: "required",
              row: sheetRow,
              column: name,
              text: msg("cell.required", { column: name }),
            }),
          );
        }
        continue;
      }
      const result: CellParse = parseCell(cell);
      if (result.ok) {
        values[name] = result.value;
      } else {
        values[name] = null;
        (invalid ??= new Set()).add(name);
        findings.push(cellFinding({ ...result.problem, row: sheetRow, column: name }));
      }
    }
    records.push(new SheetRecord(sheetRow, values, invalid ?? NO_INVALID, source));
  }

  // Columns marked unique: each repeat after the first (an ID number is never shown, spec §2).
  for (const column of layout.columns.filter((c) => c.def.unique)) {
    const name = column.def.name;
    for (const d of findDuplicates(records, [name])) {
      const text =
        column.def.type.t === "id18"
          ? msg("unique.id", { column: name, first: d.firstRow })
          : msg("unique.value", { column: name, value: d.parts[0], first: d.firstRow });
      findings.push(cellFinding({ code: "duplicate-key", row: d.row.row, column: name, text }));
    }
  }

  // The ledger's period (interfaces spec "Periods"), and with it the year its rules judge.
  const period = inferPeriod(kind, records, titleText);
  const figures: FigureContext = {
    asOf: options.asOf,
    registry: options.registry,
    periods: period ? [period] : [],
    staff: parse.staff,
  };
  const ctx = ruleContext({
    ...figures,
    sheet: sheetName,
    present: new Set(columnIndex.keys()),
    columnIndex,
  });
  if (kind.rowRules) for (const row of records) findings.push(...kind.rowRules(row, ctx));
  // Appended one by one: a spread of ~200,000 findings overflows the call stack.
  if (options.branch) for (const f of otherBranchRows(kind, records, options.branch, ctx)) findings.push(f);

  if (kind.sheetRules) for (const f of kind.sheetRules(records, ctx)) findings.push(f);
  const sorted = sortFindings(findings);
  return {
    sheet: sheetName,
    kind: kind.id,
    headerRow: layout.headerRow + 1,
    rows: records.length,
    errors: sorted.filter((f) => f.severity === "error").length,
    warnings: sorted.filter((f) => f.severity === "warning").length,
    findings: sorted,
    // Every record has a key for each column the sheet has: no need to gather them again.
    summary: summarize(kind, records, figures, ctx.present),
    period,
    records,
  };
}

/** Rows that name another branch in the kind's own (required) branch column. */
function otherBranchRows(
  kind: KindDef,
  records: readonly ParsedRow[],
  branch: string,
  ctx: RuleContext,
): Finding[] {
  const column = kind.columns.find((c) => c.type.t === "branch" && c.required);
  if (!column) return [];
  const findings: Finding[] = [];
  for (const r of records) {
    const value = r.values[column.name];
    if (typeof value !== "string" || value === branch) continue;
    findings.push(
      ctx.finding({
        code: "inconsistent",
        row: r.row,
        column: column.name,
        text: msg("row.otherBranch", { column: column.name, value, branch }),
      }),
    );
  }
  return findings;
}

/** What a sheet's rows share: the grid and its header cells, for raw cells gathered on demand. */
interface RowSource {
  grid: Grid;
  headers: readonly [number, string][];
}

/**
 * A parsed row of a sheet. Its raw cells are read only by callers that want the extra columns, so
 * they are gathered on demand (building them for every row was a tenth of a 100,000-row validate)
 * from the one source the sheet's rows share, which the row's JSON leaves out. A plain field, not
 * an ES private one: the pane's ES2020 build turns those into a WeakMap lookup per row and read.
 */
class SheetRecord implements ParsedRow {
  constructor(
    readonly row: number,
    readonly values: Record<string, Value>,
    readonly invalid: ReadonlySet<string>,
    private readonly source: RowSource,
  ) {}
  get raw(): Record<string, string | number | boolean> {
    return rawCells(this.source.grid, this.row - 1, this.source.headers);
  }
  toJSON(): Pick<ParsedRow, "row" | "values" | "invalid"> {
    return { row: this.row, values: this.values, invalid: this.invalid };
  }
}

/** Header text → raw value of every non-empty cell, extra columns included (spec §1). */
function rawCells(
  grid: Grid,
  r: number,
  headers: readonly [number, string][],
): Record<string, string | number | boolean> {
  const raw: Record<string, string | number | boolean> = {};
  for (const [c, header] of headers) {
    const v: CellValue = grid.get(r, c);
    if (v !== null && !isBlank(v)) raw[header] = v;
  }
  return raw;
}

interface ContextInput extends FigureContext {
  sheet: string;
  present: ReadonlySet<string>;
  columnIndex: ReadonlyMap<string, number>;
}

function ruleContext(input: ContextInput): RuleContext {
  const year = input.periods[0]?.slice(0, 4);
  const ledgerYear = Number(year ?? input.asOf.slice(0, 4));
  return {
    sheet: input.sheet,
    asOf: input.asOf,
    registry: input.registry,
    staff: input.staff,
    ledgerYear,
    // Without a period of its own a sheet is judged within its ledger year.
    periods: input.periods.length ? input.periods : [String(ledgerYear)],
    present: input.present,
    finding: (f: FindingInput): Finding => {
      const col = f.column ? input.columnIndex.get(f.column) : undefined;
      const row = f.row ?? null;
      const place: FindingPlace = {
        code: f.code,
        severity: f.severity ?? DEFAULT_SEVERITY[f.code],
        sheet: input.sheet,
        cell: row !== null && col !== undefined ? address(row, col) : null,
        row,
        column: f.column ?? null,
      };
      if (f.period !== undefined) place.period = f.period;
      if (f.subject !== undefined) place.subject = f.subject;
      return keyedFinding(place, f.text);
    },
  };
}

/**
 * A sheet's period (interfaces spec "Periods"): the 年度 column, the title's `2025年`, else the
 * year or month that most of its dates fall in; null when it cannot be inferred.
 */
export function inferPeriod(kind: KindDef, rows: readonly ParsedRow[], titleText: string): string | null {
  const yearColumn = kind.columns.find((c) => c.name === "年度");
  if (yearColumn) {
    const year = mostCommon(
      rows
        .map((r) => r.values[yearColumn.name])
        .filter((v): v is number => typeof v === "number")
        .map(String),
    );
    if (year) return year;
  }
  if (kind.grain === "month") return mostCommon(datesOf(kind, rows).map((d) => d.slice(0, 7)));
  const titleYear = yearFromText(titleText);
  if (titleYear) return String(titleYear);
  if (kind.grain === "snapshot") return null;
  return mostCommon(datesOf(kind, rows).map((d) => d.slice(0, 4)));
}

/** The values of the kind's first date column (its main date: 收集日期, 日期, 登记日期 …). */
function datesOf(kind: KindDef, rows: readonly ParsedRow[]): string[] {
  const column = kind.columns.find((c) => c.type.t === "date");
  if (!column) return [];
  return rows.map((r) => r.values[column.name]).filter((v): v is string => typeof v === "string");
}

function mostCommon(items: readonly string[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestCount = 0;
  for (const item of items) {
    const n = (counts.get(item) ?? 0) + 1;
    counts.set(item, n);
    if (n > bestCount) {
      best = item;
      bestCount = n;
    }
  }
  return best;
}
