/**
 * The first sync of every operation on sheets: which sheets, whether each is protected, where
 * its used range lies, our marks record and how many notes, threaded comments and conditional
 * formats it holds — counts only, so what follows can be read in payload-sized pieces.
 * Every load names its properties: a parameter-less load also asks for properties a platform
 * lacks (`Note.height` on the web, OfficeDev/office-js#6198) and for everything else besides.
 */
import { LIST_SHEET } from "../../shared/template-layout";
import { MARK_KEY, parseRecord, type MarkRecord } from "./record";
import type { ExcelReach } from "./requirements";

export interface UsedArea {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

export interface SheetPlan {
  sheet: Excel.Worksheet;
  name: string;
  hidden: boolean;
  protected: boolean;
  /** The used range (values only); null for an empty sheet or when not asked for. */
  used: UsedArea | null;
  record: MarkRecord | null;
  /** Items in the sheet's notes, threaded comments and conditional formats (0 where not read). */
  counts: { notes: number; comments: number; formats: number };
}

/** "sheet": the active sheet, one sync; "all": every sheet but our hidden list sheet, two syncs. */
export async function discover(
  context: Excel.RequestContext,
  scope: "sheet" | "all",
  reach: ExcelReach,
  withValues: boolean,
): Promise<SheetPlan[]> {
  const worksheets = context.workbook.worksheets;
  let sheets: Excel.Worksheet[];
  if (scope === "sheet") sheets = [worksheets.getActiveWorksheet()];
  else {
    worksheets.load("items/name");
    await context.sync();
    sheets = worksheets.items.filter((s) => s.name !== LIST_SHEET);
  }
  const marking = reach.mode !== "list";
  const readers = sheets.map((sheet) => {
    sheet.load("name, visibility");
    sheet.protection.load("protected");
    const used = withValues ? sheet.getUsedRangeOrNullObject(true) : null;
    used?.load("rowIndex, columnIndex, rowCount, columnCount");
    const prop = marking ? sheet.customProperties.getItemOrNullObject(MARK_KEY) : null;
    prop?.load("value");
    const notes = reach.mode === "notes" ? sheet.notes.getCount() : null;
    const comments = marking && reach.comments ? sheet.comments.getCount() : null;
    const formats = marking ? sheet.getRange().conditionalFormats.getCount() : null;
    return (): SheetPlan => ({
      sheet,
      name: sheet.name,
      hidden: sheet.visibility !== Excel.SheetVisibility.visible,
      protected: sheet.protection.protected,
      used:
        used && !used.isNullObject
          ? {
              rowIndex: used.rowIndex,
              columnIndex: used.columnIndex,
              rowCount: used.rowCount,
              columnCount: used.columnCount,
            }
          : null,
      record: prop && !prop.isNullObject ? parseRecord(prop.value) : null,
      counts: { notes: notes?.value ?? 0, comments: comments?.value ?? 0, formats: formats?.value ?? 0 },
    });
  });
  await context.sync();
  return readers.map((read) => read());
}
