/** .xlsx conversion on top of excelts' Workbook, for Node and the browser alike. */
export { workbookToInput, worksheetToInput, mergesOf } from "./convert";
export { toCellValue, dateToSerial, serialToDate, richTextToString } from "./values";
export { annotate, noteText, RESULT_SHEET, ERROR_FILL, WARNING_FILL, SEVERITY_LABEL } from "./annotate";
export { buildTemplate, addTemplateSheet, dropdownValues, hintFor } from "./template";
export { buildConsolidated, SUMMARY_SHEET, BRANCH_COLUMN } from "./consolidated";
export type { ConsolidatedInput, ConsolidatedKind, ConsolidatedRow } from "./consolidated";
export { addBarChart, ensureChartSupport } from "./chart";
export { setText, isFormulaLike } from "./text";
export { listZipEntries, entryText, isZip, isCfb, checkXlsxZip, DEFAULT_ZIP_LIMITS } from "./zip";
export type { ZipEntry, ZipProblem, ZipLimits, ZipVerdict } from "./zip";
