/**
 * The standalone page's host: an .xlsx chosen in the browser, read with excelts, checked by the
 * engine; marks go into a downloaded copy (the original file is never changed).
 */
import type { Workbook } from "@cj-tech-master/excelts";
import type { KindDef } from "../../shared/kinds/types";
import type { Registry } from "../../shared/registry";
import type { SheetResult } from "../../shared/report";
import type { WorkbookInput } from "../../shared/workbook";
import { isCfb, isZip } from "../../shared/xlsx/zip";
import type { ConsolidatedInput } from "../../shared/xlsx/consolidated";
import type { ClearOutcome, Engine, HostOperations, ValidateOutcome } from "../host";

/** Larger files are refused politely rather than freezing the page. */
export const MAX_FILE_BYTES = 60 * 1024 * 1024;
/** A reader that never settles must not hang the page. */
const READ_TIME_LIMIT_MS = 60_000;

export type OpenProblem = "not-xlsx" | "too-large" | "unreadable";
export type OpenResult = { ok: true; name: string; sheets: string[] } | { ok: false; problem: OpenProblem };

export interface FileHost extends HostOperations {
  readonly type: "file";
  open(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<OpenResult>;
  fileName(): string | null;
  downloadAnnotated(results: readonly SheetResult[], caption: string): Promise<void>;
}

/** Saves bytes as a file through a temporary link (the browser's ordinary download). */
export function downloadBytes(bytes: ArrayBuffer | Uint8Array, name: string): void {
  const blob = new Blob([bytes as BlobPart], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The .xlsx library and converters, loaded on first use so the page itself opens fast. */
const xlsx = () =>
  Promise.all([import("@cj-tech-master/excelts"), import("../../shared/xlsx")]).then(([lib, shared]) => ({
    ...shared,
    Workbook: lib.Workbook,
  }));

async function loadWorkbook(bytes: ArrayBuffer): Promise<Workbook | null> {
  const { Workbook, ensureChartSupport } = await xlsx();
  // excelts refuses workbooks that contain a chart unless chart support is installed.
  ensureChartSupport();
  const wb = new Workbook();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), READ_TIME_LIMIT_MS);
  });
  try {
    const loaded = await Promise.race([wb.xlsx.load(bytes).then(() => wb), limit]);
    return loaded;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function saveWorkbook(wb: Workbook): Promise<ArrayBuffer | Uint8Array> {
  const out = await wb.xlsx.writeBuffer();
  return out as ArrayBuffer | Uint8Array;
}

function baseName(name: string): string {
  return name.replace(/\.xlsx$/i, "");
}

export function createFileHost(): FileHost {
  let bytes: ArrayBuffer | null = null;
  let name: string | null = null;
  let input: WorkbookInput | null = null;

  return {
    type: "file",
    fileName: () => name,
    async open(file) {
      if (!/\.xlsx$/i.test(file.name)) return { ok: false, problem: "not-xlsx" };
      if (file.size > MAX_FILE_BYTES) return { ok: false, problem: "too-large" };
      const buffer = await file.arrayBuffer();
      const head = new Uint8Array(buffer, 0, Math.min(8, buffer.byteLength));
      if (isCfb(head) || !isZip(head)) return { ok: false, problem: "unreadable" };
      // Zip bombs, lying sizes and sheet-sized merges are refused before excelts inflates anything.
      const { checkXlsxZip } = await xlsx();
      const verdict = await checkXlsxZip(new Uint8Array(buffer));
      if (verdict !== "ok")
        return { ok: false, problem: verdict === "too-large" ? "too-large" : "unreadable" };
      const wb = await loadWorkbook(buffer);
      if (!wb) return { ok: false, problem: "unreadable" };
      const { workbookToInput } = await xlsx();
      bytes = buffer;
      name = file.name;
      input = workbookToInput(wb);
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
      const results = engine(input);
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
      const wb = await loadWorkbook(bytes);
      if (!wb) return;
      const { annotate } = await xlsx();
      annotate(wb, results, { caption });
      downloadBytes(await saveWorkbook(wb), `${baseName(name)}-校验.xlsx`);
    },
    async insertTemplate(kind: KindDef, registry: Registry, year: number) {
      const { buildTemplate } = await xlsx();
      const wb = buildTemplate(kind, { registry, year });
      downloadBytes(await saveWorkbook(wb), `${kind.title}（${year}年）模板.xlsx`);
    },
    async consolidate(consolidated: ConsolidatedInput) {
      const { buildConsolidated } = await xlsx();
      const wb = buildConsolidated(consolidated);
      downloadBytes(
        await saveWorkbook(wb),
        `${consolidated.township}台账汇总（${consolidated.year}年）.xlsx`,
      );
    },
  };
}
