/**
 * A fake Excel for the adapter tests, built on office-addin-mock's OfficeMockObject: the object
 * tree (context → workbook → worksheets → sheet → used range) is a mock, so reads before
 * `load` + `sync` fail as in Excel; collections (which the mock does not model) are small fakes.
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
  /** Writes through Range.values / numberFormat, by address. */
  writes: { address: string; values?: unknown[][]; numberFormat?: unknown[][] }[];
}

export function fakeSheet(name: string, values: CellValue[][], merges: string[] = []): FakeSheet {
  return { name, values, merges, notes: new Map(), cfs: [], props: new Map(), fillWrites: [], writes: [] };
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
      sheet.writes.push({ address, values: v });
    },
    set numberFormat(v: unknown[][]) {
      sheet.writes.push({ address, numberFormat: v });
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
          custom: { rule: { load() {}, formula: cf.formula } },
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

function noteCollection(sheet: FakeSheet) {
  return {
    load() {},
    get items() {
      return [...sheet.notes.keys()].map((cell) => ({
        content: sheet.notes.get(cell),
        getLocation: () => ({ load() {}, address: `${sheet.name}!${cell}` }),
        delete: () => sheet.notes.delete(cell),
      }));
    },
    add(cell: string, text: string) {
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

/** `apiVersion` is the highest ExcelApi minor version supported, e.g. 18 for ExcelApi 1.18. */
export function fakeExcel(sheets: FakeSheet[], apiVersion = 18): FakeExcel {
  const active = sheets[0];
  const square = squareValues(active.values);
  const width = square[0]?.length ?? 1;
  const state = { syncs: 0 };
  const sheetData = {
    name: active.name,
    visibility: "Visible",
    usedRange: {
      values: square,
      address: `${active.name}!A1:${letters(width - 1)}${square.length}`,
      mergedAreas: { address: active.merges.map((m) => `${active.name}!${m}`).join(", ") },
    },
  };
  const root = new OfficeMockObject({
    context: { workbook: { worksheets: { active: sheetData } }, application: {} },
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
  const sheetMock = worksheets.active;
  const used = sheetMock.usedRange;
  // The mock models objects and properties; methods and collections are added here.
  sheetMock.getUsedRangeOrNullObject = () => used;
  used.getMergedAreasOrNullObject = () => used.mergedAreas;
  sheetMock.getRange = (address?: string) => fakeRange(active, address ?? "");
  sheetMock.getRanges = (address: string) => fakeRange(active, address);
  sheetMock.notes = noteCollection(active);
  sheetMock.comments = noteCollection(active);
  sheetMock.customProperties = {
    getItemOrNullObject: (key: string) => ({
      load() {},
      isNullObject: !active.props.has(key),
      value: active.props.get(key) ?? "",
      delete: () => active.props.delete(key),
    }),
    add: (key: string, value: string) => active.props.set(key, value),
  };
  sheetMock.activate = () => undefined;
  worksheets.getActiveWorksheet = () => sheetMock;
  worksheets.getItem = () => sheetMock;
  worksheets.load = () => worksheets;
  worksheets.items = [sheetMock];
  worksheets.getItemOrNullObject = (name: string) => ({
    load() {},
    isNullObject: !sheets.some((s) => s.name === name),
    delete() {},
  });
  worksheets.add = (name: string) => {
    const created = fakeSheet(name, []);
    sheets.push(created);
    return {
      name,
      getRange: (a: string) => fakeRange(created, a),
      tables: { add: () => ({}) },
      charts: { add: () => ({ title: {}, setPosition() {} }) },
      pageLayout: {},
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
