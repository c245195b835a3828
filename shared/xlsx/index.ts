/** The .xlsx layer: the reader built for validation, the lossless annotate patcher, and excelts writers. */
export { workbookToInput, worksheetToInput, mergesOf } from "./convert";
export { toCellValue, dateToSerial, serialToDate, richTextToString } from "./values";
export { readXlsx, compactCells, type ReadXlsxOptions, type ReadXlsxResult, type ReadProblem } from "./read";
export { annotateXlsx, RESULT_SHEET, ERROR_FILL, WARNING_FILL, MARKER_FORMULA, NOTE_MARK } from "./annotate";
export type { AnnotateOptions, Annotated } from "./annotate";
export { buildTemplate, addTemplateSheet, dropdownValues, hintFor } from "./template";
export { buildConsolidated, SUMMARY_SHEET, BRANCH_COLUMN } from "./consolidated";
export type { ConsolidatedInput, ConsolidatedKind, ConsolidatedRow } from "./consolidated";
export { addBarChart, ensureChartSupport } from "./chart";
export { setText, isFormulaLike } from "./text";
export { listZipEntries, entryText, isZip, isCfb, inspectXlsx, webInflater, DEFAULT_ZIP_LIMITS } from "./zip";
export type { ZipEntry, ZipProblem, ZipLimits, XlsxZip, XlsxZipProblem, Inflater } from "./zip";
