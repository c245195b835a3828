/**
 * What this Excel can do, from its requirement sets (checked at run time, never assumed):
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 *
 * - ExcelApi 1.18 (Microsoft 365, Excel on the web): every finding's cell coloured and noted.
 * - ExcelApi 1.13–1.17 (Office 2021 is 1.14, Office 2024 1.17): cells coloured, messages in the
 *   pane. Notes have no API below 1.18, and a threaded comment (1.10) cannot see a clerk's note
 *   on the same cell, so the pane writes neither.
 * - Below 1.13 (Office 2019 stops at 1.7): merged cells cannot be read (getMergedAreasOrNullObject
 *   is 1.13), so a vertically merged 村 column would read as empty cells. The pane lists findings
 *   and selects cells only, and sends the clerk to the standalone page for the rest.
 */
import type { MarkMode } from "../host";

export interface ExcelReach {
  mode: Exclude<MarkMode, "none">;
  /** The highest ExcelApi 1.x supported, e.g. "1.14" (for the pane's explanation). */
  level: string;
  /** Formula cells can be listed (getSpecialCellsOrNullObject, ExcelApi 1.9). */
  formulas: boolean;
  /** Threaded comments exist (ExcelApi 1.10): a cell with one never gets a note. */
  comments: boolean;
}

/** Runtime requirement-set check; false where Office.js is absent or older. */
export function supports(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** The newest ExcelApi minor version sets run to (1.1 … 1.40); 0 outside Excel. */
function highestMinor(): number {
  let minor = 0;
  while (minor < 40 && supports(`1.${minor + 1}`)) minor += 1;
  return minor;
}

export function excelReach(): ExcelReach {
  const minor = highestMinor();
  return {
    mode: minor >= 18 ? "notes" : minor >= 13 ? "colours" : "list",
    level: minor ? `1.${minor}` : "",
    formulas: minor >= 9,
    comments: minor >= 10,
  };
}
