/**
 * The engine's input: a workbook as Office.js gives it. Every front door (Excel adapter,
 * .xlsx reader, Worker) turns what it has into this shape and calls the same engine.
 */

import { z } from "zod";

/** Excel's own limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32_767;

/** One cell value as `Range.values` gives it: dates are serial numbers, errors are strings like "#REF!". */
export const CellValueSchema = z.union([
  z.string().max(MAX_CELL_TEXT, `单元格文字不能超过 ${MAX_CELL_TEXT} 个字符`),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);
export type CellValue = z.infer<typeof CellValueSchema>;

export interface SheetInput {
  /** The sheet's tab name. */
  name: string;
  /** Row-major values from A1; rows may be ragged and may be shorter than the used range. */
  values: CellValue[][];
  /** Merged areas as A1 ranges ("A3:A7"). */
  merges: string[];
  /**
   * Cells that hold a formula, as A1 cells or ranges ("A4:A503"); their values are the cached
   * results. Lets the engine tell a pre-numbered template row (`=ROW()-3`, `=SUM(...)` of empty
   * cells) from typed data (ledgers spec §1 "blank rows"). Absent when the reader cannot tell.
   */
  formulas?: string[];
  /** Hidden or very hidden sheets are still validated; the flag is kept for reports. */
  hidden?: boolean;
}

export interface WorkbookInput {
  sheets: SheetInput[];
  /** True when the workbook uses the 1904 date system (serial 0 = 1904-01-01). */
  date1904: boolean;
}
