/**
 * Reading .xlsx files for the CLI, with guards: wrong formats get a polite line, corrupt and
 * encrypted files one refusal naming the file, zip bombs are refused from the central directory
 * before anything is inflated, and a parse that never settles is abandoned after a time limit.
 * Large files go through excelts' streaming reader; both paths give the same WorkbookInput.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { Workbook, WorkbookReader } from "@cj-tech-master/excelts";
import type { CellValue, SheetInput, WorkbookInput } from "../shared/workbook";
import { FormulaCells, workbookToInput, fillRows } from "../shared/xlsx/convert";
import { toCellValue } from "../shared/xlsx/values";
import { ensureChartSupport } from "../shared/xlsx/chart";
import {
  inflatedSize,
  isCfb,
  listZipEntries,
  mergedCellCount,
  mergeRefs,
  type ZipEntry,
} from "../shared/xlsx/zip";
import type { CliMessages } from "../shared/messages/cli";

export const LIMITS = {
  /** Total uncompressed size of all entries. */
  maxUncompressedBytes: 500 * 1024 * 1024,
  /** Compression ratio above which a file is a suspected bomb (once it inflates past `ratioFloorBytes`). */
  maxRatio: 200,
  ratioFloorBytes: 10 * 1024 * 1024,
  maxEntries: 20_000,
  /** Files above this size, or with more worksheet XML than `streamSheetBytes`, are streamed. */
  streamFileBytes: 20 * 1024 * 1024,
  /** ≈ 50,000 rows of a 13-column ledger. */
  streamSheetBytes: 24 * 1024 * 1024,
  /** Files above this size are not read at all. */
  maxFileBytes: 300 * 1024 * 1024,
  /**
   * Merged cells (summed areas) above which a workbook is streamed: the full reader creates an
   * object per merged cell, so one `A1:XFD1048576` would need gigabytes.
   */
  maxMergedCells: 1_000_000,
};

export function defaultTimeoutMs(): number {
  const s = Number(process.env.LEDGERLINE_READ_TIMEOUT_S);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
}

export type ReadFailure = { ok: false; message: string };
export type Guarded = { ok: true; bytes: Uint8Array; entries: ZipEntry[]; stream: boolean } | ReadFailure;

const ASK_XLSX = new Set([".xls", ".et", ".csv", ".ett", ".xlt", ".wps", ".ods", ".numbers", ".txt"]);

/** Checks the file before any parsing: extension, existence, signature, zip directory, sizes. */
export async function guardFile(file: string, m: CliMessages): Promise<Guarded> {
  const fail = (message: string): ReadFailure => ({ ok: false, message });
  if (ASK_XLSX.has(extname(file).toLowerCase())) return fail(m.askXlsx(file));
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) return fail(m.notAFile(file));
    size = s.size;
  } catch {
    return fail(m.notFound(file));
  }
  if (size > LIMITS.maxFileBytes) return fail(m.tooLarge(file, Math.round(size / 1024 / 1024)));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return fail(m.unreadable(file, errorText(e)));
  }
  if (isCfb(bytes)) return fail(m.encrypted(file));
  const entries = listZipEntries(bytes);
  if (entries === "not-zip" || entries === "corrupt") return fail(m.notXlsx(file));
  if (entries.length > LIMITS.maxEntries) return fail(m.notXlsx(file));
  if (entries.some((e) => e.encrypted)) return fail(m.encrypted(file));
  if (!entries.some((e) => e.name === "xl/workbook.xml")) return fail(m.notXlsx(file));
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const compressed = entries.reduce((n, e) => n + e.compressedSize, 0);
  if (total > LIMITS.maxUncompressedBytes) return fail(m.tooLarge(file, Math.round(total / 1024 / 1024)));
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > LIMITS.ratioFloorBytes && ratio > LIMITS.maxRatio)
      return fail(m.bombRatio(file, Math.round(ratio)));
  }
  if (total > LIMITS.ratioFloorBytes && total / Math.max(1, compressed) > LIMITS.maxRatio) {
    return fail(m.bombRatio(file, Math.round(total / Math.max(1, compressed))));
  }
  // The directory may lie: inflate each entry as a stream (one chunk in memory) and refuse any
  // that holds more than it declares, before the parser inflates it whole.
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    if ((await inflatedSize(bytes, e, e.uncompressedSize)) === null) return fail(m.notXlsx(file));
  }
  const sheets = entries.filter((e) => e.name.startsWith("xl/worksheets/") && e.name.endsWith(".xml"));
  const sheetXml = sheets.reduce((n, e) => n + e.uncompressedSize, 0);
  let stream = size > LIMITS.streamFileBytes || sheetXml > LIMITS.streamSheetBytes;
  if (!stream) {
    let merged = 0;
    for (const e of sheets) merged += await mergedCellCount(bytes, e);
    stream = merged > LIMITS.maxMergedCells;
  }
  return { ok: true, bytes, entries, stream };
}

/** Races a parse against the time limit; the timer is cleared either way. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadOptions {
  messages: CliMessages;
  timeoutMs?: number;
  /** Force (true) or forbid (false) the streaming reader; by default by size. */
  stream?: boolean;
  /** Replaces the parse step (tests use it to simulate a reader that never settles). */
  parse?: (bytes: Uint8Array) => Promise<WorkbookInput>;
}

export type ReadResult = { ok: true; workbook: WorkbookInput; streamed: boolean } | ReadFailure;

/** Reads a file into the engine's WorkbookInput, or one line saying why not. */
export async function readWorkbookInput(file: string, options: ReadOptions): Promise<ReadResult> {
  const m = options.messages;
  const guarded = await guardFile(file, m);
  if (!guarded.ok) return guarded;
  const stream = options.stream ?? guarded.stream;
  const parse = options.parse ?? (stream ? (b: Uint8Array) => streamRead(b, guarded.entries) : fullRead);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs();
  try {
    const result = await withTimeout(parse(guarded.bytes), timeoutMs);
    if (result === "timeout") return { ok: false, message: m.tooSlow(file, Math.round(timeoutMs / 1000)) };
    return { ok: true, workbook: result, streamed: stream };
  } catch {
    return { ok: false, message: m.notXlsx(file) };
  }
}

export type LoadResult = { ok: true; wb: Workbook } | ReadFailure;

/** Loads the whole Workbook object (for annotate), with the same guards and time limit. */
export async function loadWorkbook(
  file: string,
  options: Omit<ReadOptions, "stream" | "parse">,
): Promise<LoadResult> {
  const m = options.messages;
  const guarded = await guardFile(file, m);
  if (!guarded.ok) return guarded;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs();
  try {
    ensureChartSupport();
    const wb = new Workbook();
    const result = await withTimeout(wb.xlsx.load(guarded.bytes), timeoutMs);
    if (result === "timeout") return { ok: false, message: m.tooSlow(file, Math.round(timeoutMs / 1000)) };
    return { ok: true, wb };
  } catch {
    return { ok: false, message: m.notXlsx(file) };
  }
}

export async function fullRead(bytes: Uint8Array): Promise<WorkbookInput> {
  // Workbooks with charts are refused by excelts unless its chart support is installed.
  ensureChartSupport();
  const wb = new Workbook();
  await wb.xlsx.load(bytes);
  return workbookToInput(wb);
}

/** The streaming path: rows are converted as they arrive; merges come from a scan of each sheet part. */
export async function streamRead(bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<WorkbookInput> {
  const reader = new WorkbookReader(bytes, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  const read: {
    id: number;
    name: string;
    state: string | undefined;
    values: CellValue[][];
    formulas: string[];
  }[] = [];
  for await (const ws of reader) {
    const date1904 = Boolean(reader.properties?.model?.date1904);
    const values: CellValue[][] = [];
    const formulas = new FormulaCells();
    for await (const row of ws) {
      let cells: CellValue[] | null = null;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        formulas.note(row.number, col, cell.value);
        const v = toCellValue(cell.value, date1904);
        if (v === null) return;
        cells ??= [];
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = v;
      });
      if (cells) values[row.number - 1] = cells;
    }
    read.push({
      id: Number(ws.id),
      name: ws.name,
      state: ws.state,
      values: fillRows(values),
      formulas: formulas.ranges(),
    });
  }
  const date1904 = Boolean(reader.properties?.model?.date1904);
  const order = (reader.model?.sheets ?? []).map((s) => s.name);
  const paths = sheetPaths(reader);
  read.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const sheets: SheetInput[] = [];
  for (const s of read) {
    const path = paths.get(s.name) ?? `xl/worksheets/sheet${s.id}.xml`;
    const entry = entries.find((e) => e.name === path);
    const merges = entry ? await scanMerges(bytes, entry) : [];
    sheets.push({
      name: s.name,
      values: s.values,
      merges,
      hidden: s.state !== undefined && s.state !== "visible",
      ...(s.formulas.length ? { formulas: s.formulas } : {}),
    });
  }
  return { sheets, date1904 };
}

function sheetPaths(reader: WorkbookReader): Map<string, string> {
  const rels = new Map((reader.workbookRels ?? []).map((r) => [r.Id, r.Target]));
  const paths = new Map<string, string>();
  for (const s of reader.model?.sheets ?? []) {
    const target = rels.get(s.rId);
    if (!target) continue;
    paths.set(s.name, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
  }
  return paths;
}

/** The merged areas of one worksheet part, as A1 ranges, read as a stream of text. */
export async function scanMerges(bytes: Uint8Array, entry: ZipEntry): Promise<string[]> {
  const merges: string[] = [];
  for await (const ref of mergeRefs(bytes, entry)) merges.push(ref.includes(":") ? ref : `${ref}:${ref}`);
  return merges;
}

export function errorText(e: unknown): string {
  if (e && typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : String(e).slice(0, 200);
}

export function displayName(file: string): string {
  return basename(file);
}
