/** Adding sheets: a free name, a workbook whose structure may be protected, A4 page setup. */
import { PaneError } from "../host";

/** Excel's limit on a sheet name. */
const NAME_MAX = 31;

/** A sheet name not yet taken: "name", "name(2)", … (31 characters at most). */
export function freeName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.slice(0, NAME_MAX);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, NAME_MAX - String(n).length - 2)}(${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Queues a load of the workbook's structure protection (ExcelApi 1.7); call `check` after the sync. */
export function structureGuard(context: Excel.RequestContext): { check: () => void } {
  const protection = context.workbook.protection;
  protection.load("protected");
  return {
    check: () => {
      // Sheets cannot be added or deleted in a workbook whose structure is protected.
      if (protection.protected) throw new PaneError("workbookProtected");
    },
  };
}

/** A4 in the given orientation, one page wide (page layout is ExcelApi 1.9). */
export function setA4(sheet: Excel.Worksheet, orientation: "portrait" | "landscape"): void {
  sheet.pageLayout.paperSize = Excel.PaperType.a4;
  sheet.pageLayout.orientation =
    orientation === "landscape" ? Excel.PageOrientation.landscape : Excel.PageOrientation.portrait;
  sheet.pageLayout.zoom = { horizontalFitToPages: 1 };
}
