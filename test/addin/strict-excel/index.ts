/**
 * A strict Excel for the adapter's tests, written from Microsoft's documentation (each rule cites
 * its page where it is enforced: ./api.ts, ./client.ts, ./ranges.ts, ./notes.ts, ./sheets.ts,
 * ./typing.ts). `install()` puts `Excel` and `Office` on globalThis for one platform profile.
 */
import { OfficeError, type Profile } from "./api";
import { FakeContext, type Batch, type Fault } from "./client";
import { buildWorkbook, type ModelSheet, type ModelWorkbook, type SheetSpec } from "./model";
import { Workbook } from "./sheets";

export { PROFILES, profileName, type Platform, type Profile } from "./api";
export { snapshot, type ModelSheet, type SheetSpec } from "./model";

export interface StrictExcel {
  model: ModelWorkbook;
  /** Every successful or refused batch, in order. */
  batches: Batch[];
  readonly syncs: number;
  sheet(name: string): ModelSheet;
  install(): void;
  reset(): void;
  /** Makes the first action the predicate picks fail (once). */
  failOnce(pick: Fault): void;
}

const ENUMS = {
  ConditionalFormatType: { custom: "Custom" },
  SpecialCellType: { formulas: "Formulas", constants: "Constants" },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  PaperType: { a4: "A4" },
  PageOrientation: { landscape: "Landscape", portrait: "Portrait" },
  ChartType: { columnClustered: "ColumnClustered", barClustered: "BarClustered" },
  ChartSeriesBy: { columns: "Columns" },
  HorizontalAlignment: { center: "Center" },
  DataValidationAlertStyle: { stop: "Stop" },
};

/** `measure`: record request and response sizes on every platform (the web's are always measured). */
export function strictExcel(specs: readonly SheetSpec[], profile: Profile, measure = false): StrictExcel {
  const model = buildWorkbook(specs);
  const batches: Batch[] = [];
  let syncs = 0;
  let fault: Fault | null = null;
  const injected: Fault = (action) => {
    if (!fault || !fault(action)) return false;
    fault = null;
    return true;
  };
  const excel = {
    ...ENUMS,
    async run<T>(batch: (context: unknown) => Promise<T>): Promise<T> {
      const context = new FakeContext(profile, model, (b) => batches.push(b), injected, measure);
      const workbook = new Workbook(context);
      const api = {
        workbook,
        application: workbook.application,
        sync: async () => {
          syncs += 1;
          await context.sync();
        },
      };
      const result = await batch(api);
      // Queued work that never reached a sync is work lost: a bug in the code under test.
      if (context.pending)
        throw new OfficeError("UnsyncedWork", `${context.pending} queued actions never synced`);
      return result;
    },
  };
  const office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) =>
          name === "ExcelApi" &&
          Number(version.split(".")[1] ?? 0) <= profile.level &&
          version.startsWith("1."),
      },
    },
  };
  return {
    model,
    batches,
    get syncs() {
      return syncs;
    },
    sheet(name) {
      const found = model.sheets.find((s) => s.name === name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    },
    install() {
      Object.assign(globalThis, { Excel: excel, Office: office });
    },
    reset() {
      syncs = 0;
      batches.length = 0;
    },
    failOnce(pick) {
      fault = pick;
    },
  };
}
