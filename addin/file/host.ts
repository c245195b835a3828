/**
 * The standalone page's host: an .xlsx chosen in the browser, read by the shared reader (the
 * platform's DecompressionStream; a percentage and a cancel button while it reads), checked by
 * the engine; marks go into a downloaded copy patched from the original bytes, so everything
 * else in the clerk's workbook (WPS pictures, macros, notes) comes back as it was.
 */
import type { KindDef } from "../../shared/kinds/types";
import type { Registry } from "../../shared/registry";
import type { SheetResult } from "../../shared/report";
import type { WorkbookInput } from "../../shared/workbook";
import { readXlsx } from "../../shared/xlsx/read";
import { annotateXlsx } from "../../shared/xlsx/annotate";
import type { ConsolidatedInput } from "../../shared/xlsx/consolidated";
import type { ClearOutcome, Engine, HostOperations, ValidateOutcome } from "../host";
import { downloadBytes } from "./download";

/**
 * Marks on the page's performance timeline as a chosen file is read and checked, for the bench's
 * split of the time to the first findings (bench/pane.ts).
 */
export const FILE_MARKS = {
  bytes: "ledgerline:file-bytes",
  read: "ledgerline:file-read",
  checkStart: "ledgerline:check-start",
  checkEnd: "ledgerline:check-end",
} as const;

/** Marks the timeline where the page has one (not every test DOM does). */
export function mark(name: string): void {
  globalThis.performance?.mark?.(name);
}

/** Larger files are refused politely rather than freezing the page. */
export const MAX_FILE_BYTES = 60 * 1024 * 1024;

export type OpenProblem = "not-xlsx" | "too-large" | "unreadable" | "cancelled";
export type OpenResult = { ok: true; name: string; sheets: string[] } | { ok: false; problem: OpenProblem };

export interface OpenOptions {
  /** Cancels the read (the page's 取消 button). */
  signal?: AbortSignal;
  /** Fraction of the workbook read, for the progress bar. */
  onProgress?: (fraction: number) => void;
}

export interface FileHost extends HostOperations {
  readonly type: "file";
  open(
    file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> },
    options?: OpenOptions,
  ): Promise<OpenResult>;
  fileName(): string | null;
  downloadAnnotated(results: readonly SheetResult[], caption: string): Promise<void>;
}

/** The .xlsx writers (templates, the township workbook), loaded on first use so the page opens fast. */
const writers = () =>
  Promise.all([import("../../shared/xlsx/template"), import("../../shared/xlsx/consolidated")]);

async function saveWorkbook(wb: {
  xlsx: { writeBuffer(): Promise<unknown> };
}): Promise<ArrayBuffer | Uint8Array> {
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
}

function baseName(name: string): string {
  return name.replace(/\.xlsx$/i, "");
}

export function createFileHost(): FileHost {
  let bytes: Uint8Array | null = null;
  let name: string | null = null;
  let input: WorkbookInput | null = null;

  return {
    type: "file",
    fileName: () => name,
    async open(file, options = {}) {
      if (!/\.xlsx$/i.test(file.name)) return { ok: false, problem: "not-xlsx" };
      if (file.size > MAX_FILE_BYTES) return { ok: false, problem: "too-large" };
      const data = new Uint8Array(await file.arrayBuffer());
      mark(FILE_MARKS.bytes);
      // Zip bombs and lying sizes are refused from the zip directory and while inflating.
      const read = await readXlsx(data, { signal: options.signal, onProgress: options.onProgress });
      mark(FILE_MARKS.read);
      if (!read.ok) {
        const problem =
          read.problem === "aborted"
            ? "cancelled"
            : read.problem === "too-large" || read.problem === "bomb-ratio"
              ? "too-large"
              : "unreadable";
        return { ok: false, problem };
      }
      bytes = data;
      name = file.name;
      input = read.workbook;
      return { ok: true, name: file.name, sheets: input.sheets.map((s) => s.name) };
    },
    async validate(_scope, engine: Engine, progress): Promise<ValidateOutcome> {
      if (!input)
        return {
          results: [],
          workbook: { sheets: [], date1904: false },
          cellsMarked: 0,
          notesWritten: 0,
          mode: "none",
        };
      progress?.("checking", 0.5);
      // Let the progress bar paint before the engine takes the main thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      // The standalone page has no active sheet: both buttons check every sheet.
      mark(FILE_MARKS.checkStart);
      const results = engine(input);
      mark(FILE_MARKS.checkEnd);
      progress?.("checking", 1);
      return { results, workbook: input, cellsMarked: 0, notesWritten: 0, mode: "none" };
    },
    async clearMarks(): Promise<ClearOutcome> {
      // Marks only ever exist in downloaded copies; the opened file is never changed.
      return { cleared: 0, notesKept: 0, protectedSheets: [] };
    },
    async selectCell() {
      // No grid to move in the standalone page; the findings list shows the address.
    },
    async writeSummary() {
      // The standalone page shows the summary and its charts in the page itself.
    },
    async downloadAnnotated(results, caption) {
      if (!bytes || !name) return;
      const annotated = await annotateXlsx(bytes, results, { caption });
      downloadBytes(annotated.bytes, `${baseName(name)}-校验.xlsx`);
    },
    async insertTemplate(kind: KindDef, registry: Registry, year: number) {
      const [{ buildTemplate }] = await writers();
      const wb = buildTemplate(kind, { registry, year });
      downloadBytes(await saveWorkbook(wb), `${kind.title}（${year}年）模板.xlsx`);
    },
    async consolidate(consolidated: ConsolidatedInput) {
      const [, { buildConsolidated }] = await writers();
      const wb = buildConsolidated(consolidated);
      downloadBytes(
        await saveWorkbook(wb),
        `${consolidated.township}台账汇总（${consolidated.year}年）.xlsx`,
      );
    },
  };
}
