/** Tiny builders for engine tests: a sheet from rows, and one validation run. */
import type { CellValue, SheetInput, WorkbookInput } from "../../shared/workbook";
import type { SheetResult } from "../../shared/report";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";

export function sheet(name: string, rows: CellValue[][], merges: string[] = []): SheetInput {
  return { name, values: rows, merges };
}

/** Validates a workbook (or a single sheet) and returns one result per sheet. */
export function run(
  wb: WorkbookInput | SheetInput,
  asOf: string,
  registry: Registry = DEFAULT_REGISTRY,
): SheetResult[] {
  const workbook: WorkbookInput = "sheets" in wb ? wb : { sheets: [wb], date1904: false };
  return validateWorkbook(workbook, { asOf, registry });
}
