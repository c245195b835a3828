/** The report shapes of the interfaces spec (`validate --json`), shared by every front door. */
import { z } from "zod";
import { FindingSchema } from "./findings";
import { SummarySchema } from "./figures";
import type { ParsedRow } from "./kinds/types";

export const SheetReportSchema = z.object({
  sheet: z.string(),
  /** Kind id, or null for a sheet that matches no kind. */
  kind: z.string().nullable(),
  /** 1-based row of the (lower) header row, or null. */
  headerRow: z.number().int().nullable(),
  /** Number of data rows (blank rows skipped). */
  rows: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  findings: z.array(FindingSchema),
  /** Summary figures keyed by the kind's figure names; absent for unknown sheets. */
  summary: SummarySchema.optional(),
  /** Inferred period (`2025`, `2025-09`) or null when it cannot be inferred. */
  period: z.string().nullable().optional(),
});
export type SheetReport = z.infer<typeof SheetReportSchema>;

/** The engine's full result for one sheet: the report plus the normalised records. */
export type SheetResult = SheetReport & { records: ParsedRow[] };

export const FileReportSchema = z.object({ file: z.string(), sheets: z.array(SheetReportSchema) });
export type FileReport = z.infer<typeof FileReportSchema>;

/** What `validate --json` and `summarize --json` print. */
export const ReportSchema = z.object({ asOf: z.string(), files: z.array(FileReportSchema) });
export type Report = z.infer<typeof ReportSchema>;

/** Drops the records: what `validate --json` prints and what the API returns. */
export function toSheetReport(result: SheetResult): SheetReport {
  const { records: _records, ...report } = result;
  return report;
}
