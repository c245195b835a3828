/**
 * The strict fake's view of Office.js: platform profiles, each member's requirement set, and the
 * errors Excel answers with. Every member the adapter may touch is listed with the ExcelApi set
 * its reference page gives (https://learn.microsoft.com/javascript/api/excel/excel.<class>, the
 * same remarks @types/office-js carries — test/addin/strict-excel.test.ts checks the two agree).
 * A member that is not listed is not modelled and fails the test that reaches it.
 */

export type Platform = "web" | "windows" | "mac";

export interface Profile {
  platform: Platform;
  /** The ExcelApi minor version supported: 14 for ExcelApi 1.14. */
  level: number;
}

/** Platforms × the levels that matter: Office 2019 (1.7), 1.9, Office 2021 (1.14), Office 2024 (1.17), Microsoft 365 (1.18). */
export const LEVELS = [7, 9, 14, 17, 18] as const;
export const PLATFORMS: readonly Platform[] = ["web", "windows", "mac"];
export const PROFILES: readonly Profile[] = PLATFORMS.flatMap((platform) =>
  LEVELS.map((level) => ({ platform, level })),
);

export function profileName(p: Profile): string {
  return `${p.platform} ExcelApi 1.${p.level}`;
}

export interface Member {
  /** ExcelApi minor version. */
  set: number;
  /**
   * "Note: This property is not supported in Excel on the web." (Note.height, width, visible:
   * https://learn.microsoft.com/javascript/api/excel/excel.note, and OfficeDev/office-js#6198).
   */
  noWeb?: true;
}

const m = (set: number, noWeb?: true): Member => (noWeb ? { set, noWeb } : { set });

/** Class → member → requirement set. Properties and methods alike; collections' `items` are always there. */
export const API: Record<string, Record<string, Member>> = {
  Workbook: {
    worksheets: m(1),
    application: m(1),
    protection: m(7),
    notes: m(18),
    comments: m(10),
  },
  WorkbookProtection: { protected: m(7) },
  Application: { suspendScreenUpdatingUntilNextSync: m(9) },
  WorksheetCollection: {
    items: m(1),
    add: m(1),
    getActiveWorksheet: m(1),
    getItem: m(1),
    getItemOrNullObject: m(4),
    getCount: m(4),
  },
  Worksheet: {
    name: m(1),
    id: m(1),
    position: m(1),
    visibility: m(1),
    protection: m(2),
    customProperties: m(12),
    notes: m(18),
    comments: m(10),
    tables: m(1),
    charts: m(1),
    pageLayout: m(9),
    freezePanes: m(7),
    activate: m(1),
    delete: m(1),
    getRange: m(1),
    getRanges: m(9),
    getUsedRangeOrNullObject: m(4),
  },
  WorksheetProtection: { protected: m(2) },
  Range: {
    address: m(1),
    cellCount: m(1),
    columnCount: m(1),
    columnIndex: m(1),
    rowCount: m(1),
    rowIndex: m(1),
    values: m(1),
    formulas: m(1),
    numberFormat: m(1),
    text: m(1),
    format: m(1),
    conditionalFormats: m(6),
    dataValidation: m(8),
    merge: m(2),
    select: m(1),
    getMergedAreasOrNullObject: m(13),
    getSpecialCellsOrNullObject: m(9),
  },
  RangeAreas: {
    address: m(9),
    areaCount: m(9),
    cellCount: m(9),
    conditionalFormats: m(9),
  },
  RangeFormat: {
    columnWidth: m(2),
    rowHeight: m(2),
    wrapText: m(1),
    horizontalAlignment: m(1),
    font: m(1),
    fill: m(1),
    autofitColumns: m(2),
  },
  RangeFont: { bold: m(1), size: m(1), color: m(1) },
  RangeFill: { color: m(1) },
  ConditionalFormatCollection: {
    items: m(6),
    add: m(6),
    getCount: m(6),
    getItem: m(6),
    getItemAt: m(6),
  },
  ConditionalFormat: {
    id: m(6),
    type: m(6),
    priority: m(6),
    custom: m(6),
    customOrNullObject: m(6),
    delete: m(6),
  },
  CustomConditionalFormat: { rule: m(6), format: m(6) },
  ConditionalFormatRule: { formula: m(6) },
  ConditionalRangeFormat: { fill: m(6) },
  ConditionalRangeFill: { color: m(6) },
  DataValidation: { rule: m(8), prompt: m(8), errorAlert: m(8) },
  WorksheetCustomPropertyCollection: {
    items: m(12),
    add: m(12),
    getCount: m(12),
    getItem: m(12),
    getItemOrNullObject: m(12),
  },
  WorksheetCustomProperty: { key: m(12), value: m(12), delete: m(12) },
  NoteCollection: {
    items: m(18),
    add: m(18),
    getCount: m(18),
    getItem: m(18),
    getItemAt: m(18),
    getItemOrNullObject: m(18),
  },
  Note: {
    authorName: m(18),
    content: m(18),
    height: m(18, true),
    width: m(18, true),
    visible: m(18, true),
    delete: m(18),
    getLocation: m(18),
  },
  CommentCollection: {
    items: m(10),
    add: m(10),
    getCount: m(10),
    getItem: m(10),
    getItemAt: m(10),
    getItemByCell: m(10),
  },
  Comment: {
    authorEmail: m(10),
    authorName: m(10),
    content: m(10),
    creationDate: m(10),
    id: m(10),
    mentions: m(11),
    resolved: m(11),
    richContent: m(11),
    contentType: m(12),
    delete: m(10),
    getLocation: m(10),
  },
  TableCollection: { add: m(1) },
  Table: { style: m(1) },
  ChartCollection: { add: m(1) },
  Chart: { title: m(1), setPosition: m(1) },
  ChartTitle: { text: m(1) },
  PageLayout: {
    paperSize: m(9),
    orientation: m(9),
    zoom: m(9),
    centerHorizontally: m(9),
    headersFooters: m(9),
    setPrintTitleRows: m(9),
  },
  HeaderFooterGroup: { defaultForAllPages: m(9) },
  HeaderFooter: { centerFooter: m(9) },
  WorksheetFreezePanes: { freezeRows: m(7), freezeAt: m(7) },
};

/** Scalar (loadable) properties of each class, for parameter-less loads and load validation. */
export const SCALARS: Record<string, readonly string[]> = {
  WorkbookProtection: ["protected"],
  Worksheet: ["name", "id", "position", "visibility"],
  WorksheetProtection: ["protected"],
  Range: [
    "address",
    "cellCount",
    "columnCount",
    "columnIndex",
    "rowCount",
    "rowIndex",
    "values",
    "formulas",
    "numberFormat",
    "text",
  ],
  RangeAreas: ["address", "areaCount", "cellCount"],
  ConditionalFormat: ["id", "type", "priority"],
  ConditionalFormatRule: ["formula"],
  WorksheetCustomProperty: ["key", "value"],
  Note: ["authorName", "content", "height", "width", "visible"],
  Comment: [
    "authorEmail",
    "authorName",
    "content",
    "creationDate",
    "id",
    "mentions",
    "resolved",
    "richContent",
    "contentType",
  ],
};

/** An error as Office.js reports it (OfficeExtension.Error: code, message, debugInfo). */
export class OfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}

/** Throws ApiNotFound / NotImplemented where the profile lacks the member. */
export function checkMember(profile: Profile, cls: string, member: string): void {
  const entry = API[cls]?.[member];
  if (!entry)
    throw new OfficeError(
      "NotModelled",
      `the strict fake does not model ${cls}.${member}`,
      `${cls}.${member}`,
    );
  // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling (ApiNotFound)
  if (entry.set > profile.level)
    throw new OfficeError(
      "ApiNotFound",
      `${cls}.${member} needs ExcelApi 1.${entry.set}`,
      `${cls}.${member}`,
    );
  if (entry.noWeb && profile.platform === "web")
    throw new OfficeError(
      "NotImplemented",
      `${cls}.${member} is not supported in Excel on the web`,
      `${cls}.${member}`,
    );
}
