/**
 * The Excel adapter: the only code that touches Office.js. Every operation is one `Excel.run`
 * with a fixed number of `context.sync()` calls whatever the number and size of the sheets:
 * validate (one sheet or every sheet) finds the sheets and the notes in one sync, reads values,
 * merges and existing marks in a second and writes every mark in a third; 清除标记 likewise.
 * Writes are split only where Excel on the web's 5 MB request limit needs it (see ./payload).
 *
 * Marks never touch the clerk's formatting: they are conditional formats (identified by a marker
 * formula) over the marked cells, and notes only on cells without a note of the clerk's. A record
 * of the notes added is kept in a worksheet custom property so 清除标记 removes exactly those.
 */
import type { Finding, Severity } from "../../shared/findings";
import type { KindDef, Value } from "../../shared/kinds/types";
import type { Registry } from "../../shared/registry";
import type { SheetResult } from "../../shared/report";
import type { CellValue, SheetInput, WorkbookInput } from "../../shared/workbook";
import { figureLabel } from "../../shared/messages/pane";
import { kindById } from "../../shared/kinds";
import type { ConsolidatedInput } from "../../shared/xlsx/consolidated";
import type { Engine, MarkMode, Progress, SummaryLabels, ValidateOutcome } from "../host";
import { chunkAddresses, columnLetter, compressCells, stripSheet, topLeft } from "./address";
import { callSize, packBatches, type Op } from "./payload";

/** The worksheet custom property that records what validate added. */
export const MARK_KEY = "ledgerline.marks";
/** Always-true formulas that identify our conditional formats among the clerk's own. */
export const MARKER_FORMULA: Record<"error" | "warning", string> = {
  error: '=N("ledgerline:error")=0',
  warning: '=N("ledgerline:warning")=0',
};
export const MARK_FILL: Record<"error" | "warning", string> = { error: "#FFC7CE", warning: "#FFEB9C" };
const NOTE_PREFIX = "【台账通】";
const FORMULA_LIKE = /^[=+\-@]/;
const TEMPLATE_ROWS = 500;

export interface MarkRecord {
  v: 1;
  mode: "notes" | "comments";
  /** Cells (A1, no sheet) where validate added a note or comment. */
  notes: string[];
}

/** Runtime requirement-set check; false where Office.js is absent or old. */
export function supports(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Notes (ExcelApi 1.18) → comments (1.10) → the pane's list alone; all need the record (1.12). */
export function markMode(): MarkMode {
  if (!supports("1.9")) return "list";
  if (!supports("1.12")) return "list";
  if (supports("1.18")) return "notes";
  if (supports("1.10")) return "comments";
  return "list";
}

/** Number formats for a block of values: "@" (text) for formula-like strings, so they are never formulas. */
export function textSafeFormats(rows: readonly (readonly CellValue[])[]): string[][] {
  return rows.map((row) => row.map((v) => (typeof v === "string" && FORMULA_LIKE.test(v) ? "@" : "General")));
}

/** Queues a block write: number formats first (text for formula-like strings), then the values. */
export function writeBlock(range: Excel.Range, rows: CellValue[][]): void {
  range.numberFormat = textSafeFormats(rows);
  range.values = rows;
}

/** Pads a used range's values to start at A1, as the engine expects. */
export function valuesFromA1(address: string, values: CellValue[][]): CellValue[][] {
  const origin = topLeft(address);
  const pad: CellValue[] = new Array<CellValue>(origin.col).fill(null);
  const out: CellValue[][] = [];
  for (let r = 0; r < origin.row; r++) out.push([]);
  for (const row of values) out.push(origin.col ? [...pad, ...row] : row);
  return out;
}

interface SheetRead {
  sheet: Excel.Worksheet;
  used: Excel.Range | null;
  merged: Excel.RangeAreas | null;
  record: Excel.WorksheetCustomProperty | null;
  cfs: Excel.ConditionalFormatCollection | null;
}

/**
 * Queues every read of one sheet (no sync): values and merges (when `withValues`), our marks
 * record, and the conditional formats together with the formula of each custom one, in one
 * collection load (`customOrNullObject` is null for the other types, which are never ours).
 */
function queueRead(sheet: Excel.Worksheet, mode: MarkMode, withValues: boolean): SheetRead {
  const used = withValues ? sheet.getUsedRangeOrNullObject(true) : null;
  used?.load("values, address");
  let merged: Excel.RangeAreas | null = null;
  if (used && supports("1.13")) {
    merged = used.getMergedAreasOrNullObject();
    merged.load("address");
  }
  const marking = mode === "notes" || mode === "comments";
  const record = marking ? sheet.customProperties.getItemOrNullObject(MARK_KEY) : null;
  record?.load("value");
  // Our conditional formats may sit on empty cells outside the used range: look at the whole sheet.
  const cfs = marking ? sheet.getRange().conditionalFormats : null;
  cfs?.load("items/id, items/type, items/customOrNullObject/rule/formula");
  return { sheet, used, merged, record, cfs };
}

/** Our conditional formats on a read sheet (custom, with a marker formula). */
function oursOf(read: SheetRead): Excel.ConditionalFormat[] {
  const markers = new Set(Object.values(MARKER_FORMULA));
  return (read.cfs?.items ?? []).filter(
    (cf) => cf.type === "Custom" && markers.has(cf.customOrNullObject.rule.formula),
  );
}

type AnyNote = Excel.Note | Excel.Comment;

/**
 * The notes (or comments) collection to look in: the sheet's own for one sheet, the workbook's
 * for every sheet (so no sheet list is needed first). Its items are loaded with the first sync.
 */
function noteCollection(
  mode: MarkMode,
  owner: Excel.Worksheet | Excel.Workbook,
): Excel.NoteCollection | Excel.CommentCollection | null {
  const notes = mode === "notes" ? owner.notes : mode === "comments" ? owner.comments : null;
  notes?.load("items");
  return notes;
}

/** Queues each note's location (no sync); after the sync: sheet name → address → note. */
function queueLocations(
  notes: Excel.NoteCollection | Excel.CommentCollection | null,
): () => Map<string, Map<string, AnyNote>> {
  const located = (notes?.items ?? []).map((note: AnyNote) => {
    const at = note.getLocation();
    at.load("address, worksheet/name");
    return { note, at };
  });
  return () => {
    const bySheet = new Map<string, Map<string, AnyNote>>();
    for (const { note, at } of located) {
      const sheet = at.worksheet.name;
      let cells = bySheet.get(sheet);
      if (!cells) bySheet.set(sheet, (cells = new Map()));
      cells.set(stripSheet(at.address).replace(/\$/g, ""), note);
    }
    return bySheet;
  };
}

function recordOf(read: SheetRead): MarkRecord | null {
  const prop = read.record;
  if (!prop || prop.isNullObject === true) return null;
  try {
    const parsed = JSON.parse(prop.value) as MarkRecord;
    return parsed && Array.isArray(parsed.notes) ? parsed : null;
  } catch {
    return null;
  }
}

function noteText(findings: readonly Finding[]): string {
  return NOTE_PREFIX + findings.map((f) => (f.hint ? `${f.message}\n建议：${f.hint}` : f.message)).join("\n");
}

/** Runs queued operations in the fewest syncs the 5 MB request limit allows (one, for ordinary sheets). */
async function runBatches(context: Excel.RequestContext, ops: readonly Op[]): Promise<void> {
  // Bounded by payload size, not by rows: each batch is as large as Excel on the web accepts.
  for (const batch of packBatches(ops)) {
    for (const op of batch) op.queue();
    await context.sync();
  }
}

export async function validateInExcel(
  scope: "sheet" | "all",
  engine: Engine,
  progress?: Progress,
): Promise<ValidateOutcome> {
  return Excel.run(async (context) => {
    const mode = markMode();
    const wb = context.workbook;
    const active = scope === "sheet" ? wb.worksheets.getActiveWorksheet() : null;
    if (active) active.load("name, visibility");
    else wb.worksheets.load("items/name, items/visibility");
    const notes = noteCollection(mode, active ?? wb);
    await context.sync(); // 1: the sheet(s) and the notes (or comments) there
    progress?.("reading", 0.1);
    const sheets = active ? [active] : wb.worksheets.items;
    const reads = sheets.map((s) => queueRead(s, mode, true));
    const located = queueLocations(notes);
    await context.sync(); // 2: values, merges, our record, conditional formats and formulas, note cells

    const workbook: WorkbookInput = {
      // Office.js exposes no date-system flag; 1904 workbooks are rare (old Mac files) and
      // their dates still read as dates, four years early, which the engine reports.
      date1904: false,
      sheets: reads.map((r): SheetInput => {
        const used = r.used as Excel.Range; // always read here (withValues)
        const empty = used.isNullObject === true;
        const merges =
          r.merged && r.merged.isNullObject !== true && r.merged.address
            ? r.merged.address.split(",").map((a) => stripSheet(a.trim()))
            : [];
        return {
          name: r.sheet.name,
          values: empty ? [] : valuesFromA1(used.address, used.values as CellValue[][]),
          merges,
          hidden: r.sheet.visibility !== "Visible",
        };
      }),
    };
    progress?.("checking", 0.4);
    const results = engine(workbook);

    const notesBySheet = located();
    progress?.("marking", 0.7);
    const ops: Op[] = [];
    let cellsMarked = 0;
    let notesWritten = 0;
    if (supports("1.9")) {
      ops.push({ size: callSize(), queue: () => context.application.suspendScreenUpdatingUntilNextSync() });
    }
    reads.forEach((read) => {
      if (mode === "list" || mode === "none") return;
      const sheet = read.sheet;
      const previous = new Set(recordOf(read)?.notes ?? []);
      for (const cf of oursOf(read)) ops.push({ size: callSize(), queue: () => cf.delete() });
      const existing = notesBySheet.get(sheet.name) ?? new Map<string, AnyNote>();
      const clerkNotes = new Set<string>();
      for (const [address, note] of existing) {
        if (previous.has(address)) ops.push({ size: callSize(), queue: () => note.delete() });
        else clerkNotes.add(address);
      }

      const result = results.find((r) => r.sheet === sheet.name);
      const byCell = new Map<string, Finding[]>();
      for (const f of result?.findings ?? []) {
        if (!f.cell || f.severity === "info") continue;
        const list = byCell.get(f.cell);
        if (list) list.push(f);
        else byCell.set(f.cell, [f]);
      }
      const worst = (list: Finding[]): "error" | "warning" =>
        list.some((f) => f.severity === "error") ? "error" : "warning";
      for (const severity of ["error", "warning"] as const) {
        const cells = [...byCell].filter(([, list]) => worst(list) === severity).map(([cell]) => cell);
        for (const chunk of chunkAddresses(compressCells(cells))) {
          ops.push({
            size: callSize(chunk) * 4,
            queue: () => {
              const cf = sheet.getRanges(chunk).conditionalFormats.add(Excel.ConditionalFormatType.custom);
              cf.custom.rule.formula = MARKER_FORMULA[severity];
              cf.custom.format.fill.color = MARK_FILL[severity];
            },
          });
        }
      }
      cellsMarked += byCell.size;
      const added: string[] = [];
      for (const [cell, list] of byCell) {
        if (clerkNotes.has(cell)) continue; // never overwrite the clerk's own note
        const text = noteText(list);
        added.push(cell);
        ops.push({
          size: callSize(cell, text),
          queue: () => {
            if (mode === "notes") sheet.notes.add(cell, text);
            else sheet.comments.add(cell, text);
          },
        });
      }
      notesWritten += added.length;
      const record: MarkRecord = { v: 1, mode, notes: added };
      const json = JSON.stringify(record);
      ops.push({ size: callSize(json), queue: () => void sheet.customProperties.add(MARK_KEY, json) });
    });
    await runBatches(context, ops); // 3: write every mark (more only past the 5 MB request limit)
    progress?.("marking", 1);
    return { results, workbook, cellsMarked, notesWritten, mode };
  });
}

/**
 * Removes exactly what validate added, on every sheet; the clerk's fills, formats and notes stay.
 * Syncs: the sheet list and the workbook's notes · each sheet's record, conditional formats with
 * their formulas and each note's cell · the deletes.
 */
export async function clearMarksInExcel(): Promise<number> {
  return Excel.run(async (context) => {
    const mode = markMode();
    if (mode === "list" || mode === "none") return 0;
    const wb = context.workbook;
    wb.worksheets.load("items/name");
    const notes = noteCollection(mode, wb);
    await context.sync();
    const reads = wb.worksheets.items.map((s) => queueRead(s, mode, false));
    const located = queueLocations(notes);
    await context.sync();
    const notesBySheet = located();
    const ops: Op[] = [];
    let removed = 0;
    reads.forEach((read) => {
      const record = recordOf(read);
      const ours = oursOf(read);
      removed += ours.length;
      for (const cf of ours) ops.push({ size: callSize(), queue: () => cf.delete() });
      if (record) {
        const mine = new Set(record.notes);
        for (const [address, note] of notesBySheet.get(read.sheet.name) ?? []) {
          if (!mine.has(address)) continue;
          removed += 1;
          ops.push({ size: callSize(), queue: () => note.delete() });
        }
        ops.push({ size: callSize(), queue: () => read.record?.delete() });
      }
    });
    await runBatches(context, ops);
    return removed;
  });
}

export async function selectCellInExcel(sheetName: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}

/** A sheet name not yet taken: "name", "name (2)", … (31 characters at most). */
function freeName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.slice(0, 31);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 31 - String(n).length - 2)}(${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

function setA4(sheet: Excel.Worksheet, landscape: boolean): void {
  if (!supports("1.9")) return;
  sheet.pageLayout.paperSize = Excel.PaperType.a4;
  sheet.pageLayout.orientation = landscape ? Excel.PageOrientation.landscape : Excel.PageOrientation.portrait;
}

function rangeOf(startRow: number, startCol: number, rows: number, cols: number): string {
  return `${columnLetter(startCol)}${startRow + 1}:${columnLetter(startCol + cols - 1)}${startRow + rows}`;
}

/** Ops writing a block of rows, split by rows where one write would be too large for one request. */
function blockOps(sheet: Excel.Worksheet, startRow: number, rows: CellValue[][]): Op[] {
  if (rows.length === 0) return [];
  const width = Math.max(1, ...rows.map((r) => r.length));
  const square = rows.map((r) =>
    r.length === width ? r : [...r, ...new Array<CellValue>(width - r.length).fill(null)],
  );
  const ops: Op[] = [];
  let start = 0;
  while (start < square.length) {
    let size = 0;
    let end = start;
    while (end < square.length && (end === start || size < 1_000_000)) {
      size += callSize(square[end]) * 2;
      end++;
    }
    const part = square.slice(start, end);
    const at = startRow + start;
    ops.push({ size, queue: () => writeBlock(sheet.getRange(rangeOf(at, 0, part.length, width)), part) });
    start = end;
  }
  return ops;
}

/** 生成汇总: a 汇总 sheet with a native table of the figures, native charts and A4 page setup. */
export async function writeSummaryInExcel(
  results: readonly SheetResult[],
  labels: SummaryLabels,
): Promise<void> {
  await Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const old = worksheets.getItemOrNullObject(labels.sheetName);
    old.load("name");
    await context.sync();

    const known = results.filter((r) => r.kind && r.summary);
    const figures: CellValue[][] = [["工作表", "台账", labels.figure, labels.value]];
    for (const r of known) {
      for (const [name, v] of Object.entries(r.summary ?? {})) {
        if (typeof v === "number")
          figures.push([
            r.sheet,
            kindById(r.kind ?? "")?.title ?? r.kind ?? "",
            figureLabel("zh-CN", name),
            v,
          ]);
      }
    }
    const counts: CellValue[][] = [
      ["工作表", "错误", "警告"],
      ...results.map((r) => [r.sheet, r.errors, r.warnings] as CellValue[]),
    ];
    const breakdown = known
      .flatMap((r) => Object.entries(r.summary ?? {}).map(([name, v]) => ({ r, name, v })))
      .find(
        ({ v }) =>
          v &&
          typeof v === "object" &&
          !Array.isArray(v) &&
          Object.values(v).every((x) => typeof x === "number"),
      );

    const ops: Op[] = [];
    let sheet!: Excel.Worksheet;
    ops.push({
      size: callSize(),
      queue: () => {
        if (old.isNullObject !== true) old.delete();
        sheet = worksheets.add(labels.sheetName);
      },
    });
    ops.push({
      size: callSize(figures) * 2,
      queue: () => writeBlock(sheet.getRange(rangeOf(0, 0, figures.length, 4)), figures),
    });
    ops.push({
      size: callSize(),
      queue: () => {
        const table = sheet.tables.add(rangeOf(0, 0, figures.length, 4), true);
        table.style = "TableStyleMedium2";
        sheet.getRange("A:D").format.autofitColumns();
      },
    });
    ops.push({
      size: callSize(counts) * 2,
      queue: () => writeBlock(sheet.getRange(rangeOf(0, 5, counts.length, 3)), counts),
    });
    ops.push({
      size: callSize(),
      queue: () => {
        const chart = sheet.charts.add(
          Excel.ChartType.columnClustered,
          sheet.getRange(rangeOf(0, 5, counts.length, 3)),
          Excel.ChartSeriesBy.columns,
        );
        chart.title.text = "各表问题数";
        chart.setPosition("J2", "Q16");
      },
    });
    if (breakdown) {
      const entries = Object.entries(breakdown.v as Record<string, number>);
      const block: CellValue[][] = [
        [figureLabel("zh-CN", breakdown.name), labels.value],
        ...entries.map(([k, n]) => [k, n] as CellValue[]),
      ];
      const top = counts.length + 2;
      ops.push({
        size: callSize(block) * 2,
        queue: () => writeBlock(sheet.getRange(rangeOf(top, 5, block.length, 2)), block),
      });
      ops.push({
        size: callSize(),
        queue: () => {
          const chart = sheet.charts.add(
            Excel.ChartType.barClustered,
            sheet.getRange(rangeOf(top, 5, block.length, 2)),
            Excel.ChartSeriesBy.columns,
          );
          chart.title.text = `${breakdown.r.sheet} · ${figureLabel("zh-CN", breakdown.name)}`;
          chart.setPosition("J18", "Q34");
        },
      });
    }
    ops.push({
      size: callSize(),
      queue: () => {
        setA4(sheet, true);
        sheet.activate();
      },
    });
    await runBatches(context, ops);
  });
}

/** 插入模板: a blank ledger with headers, widths, dropdown lists for enum columns and input hints. */
export async function insertTemplateInExcel(
  kind: KindDef,
  registry: Registry,
  year: number,
): Promise<string> {
  // Loaded on demand: the template module sits beside the .xlsx writer, which the pane does not need.
  const { dropdownValues, hintFor } = await import("../../shared/xlsx/template");
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const name = freeName(kind.title, new Set(worksheets.items.map((s) => s.name)));
    const width = kind.columns.length + 1;
    const sheet = worksheets.add(name);
    writeBlock(sheet.getRange(rangeOf(0, 0, 1, 1)), [
      [`${registry.township.name}${kind.title}（${year}年）`],
    ]);
    const title = sheet.getRange(rangeOf(0, 0, 1, width));
    title.merge(false);
    title.format.font.bold = true;
    title.format.font.size = 16;
    title.format.horizontalAlignment = Excel.HorizontalAlignment.center;
    const header = ["序号", ...kind.columns.map((c) => (c.required ? `${c.name}*` : c.name))];
    const headerRange = sheet.getRange(rangeOf(1, 0, 1, width));
    writeBlock(headerRange, [header]);
    headerRange.format.font.bold = true;
    headerRange.format.fill.color = "#D9E1F2";
    headerRange.format.wrapText = true;
    kind.columns.forEach((def, i) => {
      const col = i + 1;
      const column = sheet.getRange(rangeOf(2, col, TEMPLATE_ROWS, 1));
      sheet.getRange(`${columnLetter(col)}:${columnLetter(col)}`).format.columnWidth = Math.min(
        300,
        Math.max(60, def.name.length * 16 + 24),
      );
      if (def.type.t === "id18" || def.type.t === "mobile")
        column.numberFormat = Array.from({ length: TEMPLATE_ROWS }, () => ["@"]);
      if (!supports("1.8")) return;
      const list = dropdownValues(def, registry);
      if (list && list.length) {
        column.dataValidation.rule = {
          list: { inCellDropDown: true, source: list.map((v) => v.replace(/,/g, "")).join(",") },
        };
        column.dataValidation.errorAlert = {
          showAlert: true,
          style: Excel.DataValidationAlertStyle.stop,
          title: "不在可选范围内",
          message: `请从下拉列表中选择${def.name}。`,
        };
      }
      column.dataValidation.prompt = {
        showPrompt: true,
        title: def.name.slice(0, 32),
        message: `${def.required ? "必填。" : ""}${hintFor(def)}`.slice(0, 255),
      };
    });
    if (supports("1.7")) sheet.freezePanes.freezeRows(2);
    setA4(sheet, kind.columns.length > 7);
    sheet.activate();
    await context.sync();
    return name;
  });
}

/** A normalised value as a cell: lists joined, money from 分 to the column's unit. */
export function cellOf(def: KindDef["columns"][number] | undefined, value: Value | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join("、");
  if (def?.type.t === "money" && typeof value === "number")
    return def.type.unit === "万元" ? value / 1_000_000 : value / 100;
  return value;
}

/** 汇总全镇: one sheet per kind with every branch's current rows (replacing an earlier consolidation). */
export async function consolidateInExcel(input: ConsolidatedInput, branchColumn = "提交单位"): Promise<void> {
  await Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const names = input.kinds.map((k) => `${k.kind.title}汇总`.slice(0, 31));
    const olds = names.map((n) => {
      const old = worksheets.getItemOrNullObject(n);
      old.load("name");
      return old;
    });
    await context.sync();
    const ops: Op[] = [];
    input.kinds.forEach((k, i) => {
      const columns = k.kind.columns;
      const rows: CellValue[][] = [
        [branchColumn, ...columns.map((c) => c.name)],
        ...k.rows.map((r) => [r.branch, ...columns.map((c) => cellOf(c, r.values[c.name]))]),
      ];
      let sheet!: Excel.Worksheet;
      ops.push({
        size: callSize(),
        queue: () => {
          if (olds[i].isNullObject !== true) olds[i].delete();
          sheet = worksheets.add(names[i]);
        },
      });
      const writes = blockOps({ getRange: (a: string) => sheet.getRange(a) } as Excel.Worksheet, 0, rows);
      ops.push(...writes);
      ops.push({
        size: callSize(),
        queue: () => {
          sheet.getRange(rangeOf(0, 0, 1, columns.length + 1)).format.font.bold = true;
          if (supports("1.7")) sheet.freezePanes.freezeRows(1);
          setA4(sheet, true);
        },
      });
    });
    await runBatches(context, ops);
  });
}

export type { Severity };
