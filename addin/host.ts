/**
 * What the pane needs from where it runs: Excel (addin/excel, Office.js) or the standalone page
 * (addin/file, an .xlsx opened in the browser). The app talks only to this interface.
 */
import type { KindDef } from "../shared/kinds/types";
import type { Registry } from "../shared/registry";
import type { SheetResult } from "../shared/report";
import type { WorkbookInput } from "../shared/workbook";
import type { ConsolidatedInput } from "../shared/xlsx/consolidated";

/** Runs the engine on what the host read; `sheets` limits the report to those sheets. */
export type Engine = (workbook: WorkbookInput, sheets?: readonly string[]) => SheetResult[];

export type Progress = (step: "reading" | "checking" | "marking", fraction: number) => void;

/** How findings were put into the workbook: notes (ExcelApi 1.18), comments (1.10) or not at all. */
export type MarkMode = "notes" | "comments" | "list" | "none";

export interface ValidateOutcome {
  results: SheetResult[];
  /** What was read, kept for submission (the Worker re-runs the engine on it). */
  workbook: WorkbookInput;
  cellsMarked: number;
  notesWritten: number;
  mode: MarkMode;
}

export interface SummaryLabels {
  sheetName: string;
  figure: string;
  value: string;
}

export interface Host {
  readonly type: "excel" | "file";
  validate(scope: "sheet" | "all", engine: Engine, progress?: Progress): Promise<ValidateOutcome>;
  /** Removes exactly the marks validate added; returns how many cells were cleared. */
  clearMarks(): Promise<number>;
  selectCell(sheet: string, cell: string): Promise<void>;
  writeSummary(results: readonly SheetResult[], labels: SummaryLabels): Promise<void>;
  insertTemplate(kind: KindDef, registry: Registry, year: number): Promise<void>;
  /** Every branch's current rows, one sheet per kind (Excel: into this workbook; standalone: a download). */
  consolidate(input: ConsolidatedInput): Promise<void>;
}
