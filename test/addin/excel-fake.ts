/**
 * A fake Excel for the adapter tests, built on office-addin-mock's OfficeMockObject: the object
 * tree (context → workbook → worksheets → sheet → used range) is a mock, so reads before
 * `load` + `sync` fail as in Excel; collections (which the mock does not model) are small fakes.
 * Sheets added by the code under test record their tables, charts and page setup (生成汇总).
 */
import { OfficeMockObject } from "office-addin-mock";
import type { CellValue } from "../../shared/workbook";

export interface FakeCf {
  id: string;
  type: "Custom";
  ranges: string;
  formula: string;
  fill: string;
}

export interface FakeSheet {
  name: string;
  values: CellValue[][];
  merges: string[];
  /** Cell → note text. */
  notes: Map<string, string>;
  cfs: FakeCf[];
  props: Map<string, string>;
  /** Every fill colour written directly to a range (the clerk's own fills must never be touched). */
  fillWrites: string[];
  /** Writes through Range.values / numberFormat / formulas, by address, in the order queued. */
  writes: { address: string; values?: unknown[][]; numberFormat?: unknown[][]; formulas?: unknown[][] }[];
  /** Native tables added (sheet.tables.add). */
  tables: FakeTable[];
  /** Native charts added (sheet.charts.add). */
  charts: FakeChart[];
  pageLayout: { paperSize?: string; orientation?: string };
}

export interface FakeTable {
  address: string;
  hasHeaders: boolean;
  style?: string;
}

export interface FakeChart {
  type: string;
  /** The source range's address. */
  source: string;
  seriesBy: string;
  title?: string;
  position?: [string, string?];
}

export function fakeSheet(name: string, values: CellValue[][], merges: string[] = []): FakeSheet {
  return {
    name,
    values,
    merges,
    notes: new Map(),
    cfs: [],
    props: new Map(),
    fillWrites: [],
    writes: [],
    tables: [],
    charts: [],
    pageLayout: {},
  };
}

function letters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function squareValues(values: CellValue[][]): CellValue[][] {
  const width = Math.max(1, ...values.map((r) => r.length));
  return values.map((r) =>
    [...r, ...new Array<CellValue>(width - r.length).fill("")].map((v) => (v === null ? "" : v)),
  );
}

let nextId = 1;

/** Excel's limit on the text in one cell; Office.js refuses longer strings. */
export const CELL_TEXT_LIMIT = 32_767;

function columnIndex(col: string): number {
  let n = 0;
  for (const c of col) n = n * 26 + c.charCodeAt(0) - 64;
  return n;
}

/**
 * As Excel does, refuses a 2-D array whose shape is not the range's (for A1 or A1:D5 addresses)
 * and a string longer than a cell holds.
 */
function checkBlock(address: string, what: string, block: unknown[][]): void {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address.replace(/^.*!/, ""));
  if (m) {
    const rows = (m[4] ? Number(m[4]) : Number(m[2])) - Number(m[2]) + 1;
    const cols = columnIndex(m[3] ?? m[1]) - columnIndex(m[1]) + 1;
    if (block.length !== rows || block.some((r) => r.length !== cols))
      throw new Error(`${what} for ${address}: the array's shape does not match the range (${rows}×${cols})`);
  }
  for (const row of block)
    for (const v of row)
      if (typeof v === "string" && v.length > CELL_TEXT_LIMIT)
        throw new Error(`${what} for ${address}: a string longer than ${CELL_TEXT_LIMIT} characters`);
}

function fakeRange(sheet: FakeSheet, address: string) {
  const range = {
    address,
    format: {
      fill: {
        set color(c: string) {
          sheet.fillWrites.push(c);
        },
      },
      font: {},
      autofitColumns() {},
    },
    set values(v: unknown[][]) {
      checkBlock(address, "values", v);
      sheet.writes.push({ address, values: v });
    },
    set numberFormat(v: unknown[][]) {
      checkBlock(address, "numberFormat", v);
      sheet.writes.push({ address, numberFormat: v });
    },
    set formulas(v: unknown[][]) {
      checkBlock(address, "formulas", v);
      sheet.writes.push({ address, formulas: v });
    },
    merge() {},
    select() {},
    dataValidation: {},
    conditionalFormats: {
      load() {},
      get items() {
        return sheet.cfs.map((cf) => ({
          id: cf.id,
          type: cf.type,
          customOrNullObject: { isNullObject: cf.type !== "Custom", rule: { formula: cf.formula } },
          delete() {
            sheet.cfs = sheet.cfs.filter((c) => c.id !== cf.id);
          },
        }));
      },
      add(type: string) {
        const cf: FakeCf = {
          id: `cf${nextId++}`,
          type: type as "Custom",
          ranges: address,
          formula: "",
          fill: "",
        };
        sheet.cfs.push(cf);
        return {
          custom: {
            rule: {
              set formula(f: string) {
                cf.formula = f;
              },
            },
            format: {
              fill: {
                set color(c: string) {
                  cf.fill = c;
                },
              },
            },
          },
        };
      },
    },
  };
  return range;
}

/** A sheet's notes collection, or (several sheets) the workbook's. */
function noteCollection(...sheets: FakeSheet[]) {
  return {
    load() {},
    get items() {
      return sheets.flatMap((sheet) =>
        [...sheet.notes.keys()].map((cell) => ({
          content: sheet.notes.get(cell),
          getLocation: () => ({
            load() {},
            address: `${sheet.name}!${cell}`,
            worksheet: { name: sheet.name },
          }),
          delete: () => sheet.notes.delete(cell),
        })),
      );
    },
    add(cell: string, text: string) {
      const sheet = sheets[0];
      if (sheet.notes.has(cell)) throw new Error(`a note already exists at ${cell}`);
      sheet.notes.set(cell, text);
    },
  };
}

export interface FakeExcel {
  syncs: number;
  /** Install as the globals `Excel` and `Office`. */
  install(): void;
}

/** The mock's data for one sheet: name, visibility, used range and merged areas. */
function sheetData(sheet: FakeSheet) {
  const square = squareValues(sheet.values);
  const width = square[0]?.length ?? 1;
  return {
    name: sheet.name,
    visibility: "Visible",
    usedRange: {
      values: square,
      address: `${sheet.name}!A1:${letters(width - 1)}${square.length}`,
      mergedAreas: { address: sheet.merges.map((m) => `${sheet.name}!${m}`).join(", ") },
    },
  };
}

/**
 * `apiVersion` is the highest ExcelApi minor version supported, e.g. 18 for ExcelApi 1.18.
 * The first sheet is the active one; every sheet given is in the workbook.
 */
export function fakeExcel(sheets: FakeSheet[], apiVersion = 18): FakeExcel {
  const initial = [...sheets];
  const state = { syncs: 0 };
  const data = Object.fromEntries(initial.map((sheet, i) => [`sheet${i}`, sheetData(sheet)]));
  const root = new OfficeMockObject({
    context: { workbook: { worksheets: data }, application: {} },
  }) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  // Enumerations are plain values in Office.js, not loadable properties.
  Object.assign(root, {
    ConditionalFormatType: { custom: "Custom" },
    PaperType: { a4: "A4" },
    PageOrientation: { landscape: "Landscape", portrait: "Portrait" },
    ChartType: { columnClustered: "ColumnClustered", barClustered: "BarClustered" },
    ChartSeriesBy: { columns: "Columns" },
    HorizontalAlignment: { center: "Center" },
    DataValidationAlertStyle: { stop: "Stop" },
  });

  const context = root.context;
  const worksheets = context.workbook.worksheets;
  // The mock models objects and properties; methods and collections are added here.
  const mocks = initial.map((sheet, i) => {
    const sheetMock = worksheets[`sheet${i}`];
    const used = sheetMock.usedRange;
    sheetMock.getUsedRangeOrNullObject = () => used;
    used.getMergedAreasOrNullObject = () => used.mergedAreas;
    sheetMock.getRange = (address?: string) => fakeRange(sheet, address ?? "");
    sheetMock.getRanges = (address: string) => fakeRange(sheet, address);
    sheetMock.notes = noteCollection(sheet);
    sheetMock.comments = noteCollection(sheet);
    sheetMock.customProperties = {
      getItemOrNullObject: (key: string) => ({
        load() {},
        isNullObject: !sheet.props.has(key),
        value: sheet.props.get(key) ?? "",
        delete: () => sheet.props.delete(key),
      }),
      add: (key: string, value: string) => sheet.props.set(key, value),
    };
    sheetMock.activate = () => undefined;
    return sheetMock;
  });
  context.workbook.notes = noteCollection(...initial);
  context.workbook.comments = noteCollection(...initial);
  worksheets.getActiveWorksheet = () => mocks[0];
  worksheets.getItem = (name: string) => mocks[initial.findIndex((s) => s.name === name)];
  // A collection load ("items/name, items/visibility") loads those properties of every sheet.
  worksheets.load = (option: string) => {
    const names = option.split(",").map((p) => p.trim().replace(/^items\//, ""));
    for (const sheetMock of mocks) sheetMock.load(names);
    return worksheets;
  };
  worksheets.items = mocks;
  worksheets.getItemOrNullObject = (name: string) => ({
    load() {},
    isNullObject: !sheets.some((s) => s.name === name),
    delete() {
      const at = sheets.findIndex((s) => s.name === name);
      if (at >= 0) sheets.splice(at, 1);
    },
  });
  worksheets.add = (name: string) => {
    if (sheets.some((s) => s.name === name)) throw new Error(`a sheet named ${name} already exists`);
    const created = fakeSheet(name, []);
    sheets.push(created);
    return {
      name,
      getRange: (a?: string) => fakeRange(created, a ?? ""),
      tables: {
        add(range: string | { address: string }, hasHeaders: boolean) {
          const table: FakeTable = { address: typeof range === "string" ? range : range.address, hasHeaders };
          created.tables.push(table);
          return {
            set style(style: string) {
              table.style = style;
            },
          };
        },
      },
      charts: {
        add(type: string, source: { address: string }, seriesBy: string) {
          const chart: FakeChart = { type, source: source.address, seriesBy };
          created.charts.push(chart);
          return {
            title: {
              set text(text: string) {
                chart.title = text;
              },
            },
            setPosition(start: string, end?: string) {
              chart.position = [start, end];
            },
          };
        },
      },
      pageLayout: {
        set paperSize(size: string) {
          created.pageLayout.paperSize = size;
        },
        set orientation(orientation: string) {
          created.pageLayout.orientation = orientation;
        },
      },
      freezePanes: { freezeRows() {} },
      activate() {},
    };
  };
  context.application.suspendScreenUpdatingUntilNextSync = () => undefined;
  context.sync = async () => {
    state.syncs += 1;
    await OfficeMockObject.prototype.sync.call(context);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  root.run = async (callback: (ctx: unknown) => Promise<unknown>) => callback(context);

  const office = new OfficeMockObject({
    context: {
      requirements: {
        isSetSupported: (_api: string, version: string) => Number(version.split(".")[1]) <= apiVersion,
      },
    },
  });
  return {
    get syncs() {
      return state.syncs;
    },
    set syncs(n: number) {
      state.syncs = n;
    },
    install() {
      Object.assign(globalThis, { Excel: root, Office: office });
    },
  };
}
