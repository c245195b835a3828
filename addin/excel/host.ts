/** The Excel host: the pane's Host interface over the adapter. */
import type { Host } from "../host";
import {
  clearMarksInExcel,
  consolidateInExcel,
  insertTemplateInExcel,
  selectCellInExcel,
  validateInExcel,
  writeSummaryInExcel,
} from "./adapter";

export function createExcelHost(): Host {
  return {
    type: "excel",
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
