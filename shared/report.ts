/** The report shapes of the interfaces spec (`validate --json`), shared by every front door. */
import type { Finding } from "./findings";
import type { ParsedRow } from "./kinds/types";

export interface SheetReport {
  sheet: string;
  /** Kind id, or null for a sheet that matches no kind. */
  kind: string | null;
  /** 1-based row of the (lower) header row, or null. */
  headerRow: number | null;
  /** Number of data rows (blank rows skipped). */
  rows: number;
  errors: number;
  warnings: number;
  findings: Finding[];
  /** Summary figures keyed by the kind's figure names; absent for unknown sheets. */
  summary?: Record<string, unknown>;
  /** Inferred period (`2025`, `2025-09`) or null when it cannot be inferred. */
  period?: string | null;
}

/** The engine's full result for one sheet: the report plus the normalised records. */
export interface SheetResult extends SheetReport {
  records: ParsedRow[];
}

export interface FileReport {
  file: string;
  sheets: SheetReport[];
}

export interface Report {
  asOf: string;
  files: FileReport[];
}

/** Drops the records: what `validate --json` prints and what the API returns. */
export function toSheetReport(result: SheetResult): SheetReport {
  const { records: _records, ...report } = result;
  return report;
}
