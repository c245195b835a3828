/** The Excel host: the pane's operations over Office.js, and what this Excel can do. */
import type { ExcelHost } from "../host";
import { clearMarksInExcel } from "./clear";
import { consolidateInExcel } from "./consolidate";
import { excelReach } from "./requirements";
import { writeSummaryInExcel } from "./summary";
import { insertTemplateInExcel } from "./template";
import { validateInExcel } from "./validate";

/** A click on a finding: that sheet, that cell (one sync). */
export async function selectCellInExcel(sheetName: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}

/** Call once Office.js is ready: the requirement sets decide what the pane offers. */
export function createExcelHost(): ExcelHost {
  return {
    type: "excel",
    reach: excelReach(),
    validate: validateInExcel,
    clearMarks: clearMarksInExcel,
    selectCell: selectCellInExcel,
    writeSummary: writeSummaryInExcel,
    insertTemplate: async (kind, registry, year) => {
      await insertTemplateInExcel(kind, registry, year);
    },
    consolidate: consolidateInExcel,
  };
}
