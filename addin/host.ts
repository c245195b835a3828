/**
 * What the pane needs from where it runs: Excel (addin/excel, Office.js) or the standalone page
 * (addin/file, an .xlsx opened in the browser). The app talks only to this union and tells the
 * two apart by `type`.
 */
import type { KindDef } from "../shared/kinds/types";
import type { PaneMessageKey } from "../shared/messages/pane";
import type { Registry } from "../shared/registry";
import type { SheetResult } from "../shared/report";
import type { WorkbookInput } from "../shared/workbook";
import type { ConsolidatedInput } from "../shared/xlsx/consolidated";
import type { ExcelReach } from "./excel/requirements";
import type { FileHost } from "./file/host";

/** Runs the engine on what the host read; `sheets` limits the report to those sheets. */
export type Engine = (workbook: WorkbookInput, sheets?: readonly string[]) => SheetResult[];

export type Progress = (step: "reading" | "checking" | "marking", fraction: number) => void;

/**
 * How findings were put into the workbook: coloured and noted (ExcelApi 1.18), coloured only
 * (1.13–1.17), not at all (older Excel: the pane's list only), or none (the standalone page,
 * which marks a downloaded copy).
 */
export type MarkMode = "notes" | "colours" | "list" | "none";

export interface ValidateOutcome {
  results: SheetResult[];
  /** What was read, kept for submission (the Worker re-runs the engine on it). */
  workbook: WorkbookInput;
  cellsMarked: number;
  /** Cells carrying our note after this check. */
  notesWritten: number;
  mode: MarkMode;
  /** Excel only: notes of ours this Excel cannot see or update (made in a newer Excel). */
  notesKept?: number;
  /** Excel only: sheets checked but not marked, because they are protected. */
  protectedSheets?: string[];
}

export interface ClearOutcome {
  /** Conditional formats, notes and comments removed. */
  cleared: number;
  /** Notes of ours left, because this Excel cannot see them. */
  notesKept: number;
  /** Sheets with marks left, because they are protected. */
  protectedSheets: string[];
}

export interface SummaryLabels {
  sheetName: string;
  figure: string;
  value: string;
}

/** An expected refusal, shown to the clerk through the message catalogue. */
export class PaneError extends Error {
  constructor(
    readonly key: PaneMessageKey,
    readonly vars: Readonly<Record<string, string | number>> = {},
  ) {
    super(key);
    this.name = "PaneError";
  }
}

/** The operations both hosts offer. */
export interface HostOperations {
  validate(scope: "sheet" | "all", engine: Engine, progress?: Progress): Promise<ValidateOutcome>;
  /** Removes exactly the marks validate added. */
  clearMarks(): Promise<ClearOutcome>;
  selectCell(sheet: string, cell: string): Promise<void>;
  writeSummary(results: readonly SheetResult[], labels: SummaryLabels): Promise<void>;
  insertTemplate(kind: KindDef, registry: Registry, year: number): Promise<void>;
  /** Every branch's current rows, one sheet per kind (Excel: into this workbook; standalone: a download). */
  consolidate(input: ConsolidatedInput): Promise<void>;
}

export interface ExcelHost extends HostOperations {
  readonly type: "excel";
  /** What this Excel's requirement sets allow (decides the buttons and how findings are marked). */
  readonly reach: ExcelReach;
}

export type Host = ExcelHost | FileHost;
