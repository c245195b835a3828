/**
 * Workbook-level classes of the strict fake: the workbook, its worksheets, protection, custom
 * properties, tables, charts, page layout, frozen panes. Sheet names follow Excel's rules (31
 * characters, none of : \ / ? * [ ], unique ignoring case) and a workbook whose structure is
 * protected refuses new and deleted sheets
 * (https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection).
 * Worksheet custom property keys are limited to 255 characters
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetcustompropertycollection).
 */
import { OfficeError } from "./api";
import { Client, ClientResult, NULL, type FakeContext } from "./client";
import { areaAddress, newSheet, usedArea, type ModelSheet, type ModelWorkbook } from "./model";
import { ItemCollection } from "./notes";
import { Part, Range, RangeAreas, parseAddress, writable, type RangeT } from "./ranges";

const byName = (wb: ModelWorkbook, name: string) =>
  wb.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());

/** A scalar-only object whose properties read from `values(target)`. */
class Scalars extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    cls: string,
    via: string,
    private readonly values: (t: unknown) => Record<string, unknown>,
  ) {
    super(ctx, cls, parent, via, [], (t) => t);
  }
  protected read(t: unknown, name: string): unknown {
    return this.values(t)[name];
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

export class Workbook extends Client {
  constructor(ctx: FakeContext) {
    super(ctx, "Workbook", null, "workbook", [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", "Workbook reads");
  }
  get worksheets(): Worksheets {
    return this.nav("worksheets", () => new Worksheets(this.ctx, this));
  }
  get protection(): Scalars {
    return this.nav(
      "protection",
      () =>
        new Scalars(this.ctx, this, "WorkbookProtection", "protection", (t) => ({
          protected: (t as ModelWorkbook).structureProtected,
        })),
    );
  }
  get application(): { suspendScreenUpdatingUntilNextSync(): void } {
    return this.nav("application", () => {
      const app = new Part(this.ctx, this, "Application", "application");
      return {
        suspendScreenUpdatingUntilNextSync: () =>
          app.invoke("suspendScreenUpdatingUntilNextSync", [], () => undefined),
      };
    });
  }
}

export class Worksheets extends Client {
  private loadedItems: Worksheet[] | null = null;
  constructor(ctx: FakeContext, parent: Client) {
    super(ctx, "WorksheetCollection", parent, "worksheets", [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", "WorksheetCollection reads");
  }
  private sheet(
    via: string,
    args: readonly unknown[],
    find: (wb: ModelWorkbook) => ModelSheet | undefined,
    orNull = false,
  ) {
    return new Worksheet(this.ctx, this, via, args, (t) => find(t as ModelWorkbook), orNull);
  }
  getActiveWorksheet(): Worksheet {
    return this.sheet("getActiveWorksheet", [], (wb) => wb.sheets[wb.active]);
  }
  getItem(name: string): Worksheet {
    return this.sheet("getItem", [name], (wb) => byName(wb, name));
  }
  getItemOrNullObject(name: string): Worksheet {
    return this.sheet("getItemOrNullObject", [name], (wb) => byName(wb, name), true);
  }
  add(name: string): Worksheet {
    let created: string | undefined;
    this.call("add", [name], (t) => {
      const wb = t as ModelWorkbook;
      if (wb.structureProtected)
        throw new OfficeError("AccessDenied", "the workbook's structure is protected");
      if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name))
        throw new OfficeError("InvalidArgument", `“${name}” is not a valid sheet name`);
      if (byName(wb, name)) throw new OfficeError("ItemAlreadyExists", `a sheet named “${name}” exists`);
      const sheet = newSheet(wb, name);
      created = sheet.id;
      wb.sheets.push(sheet);
    });
    return this.sheet("add", [name], (wb) => wb.sheets.find((s) => s.id === created));
  }
  get items(): Worksheet[] {
    if (!this.loadedItems)
      throw new OfficeError("PropertyNotLoaded", "WorksheetCollection.items is read before load and sync");
    return this.loadedItems;
  }
  /** "items/name, items/visibility": each sheet's named properties; items are addressed by sheet id. */
  override load(names?: string | string[]): this {
    this.loadItems(
      names,
      (t) =>
        (t as ModelWorkbook).sheets.map(
          (s) =>
            new Worksheet(this.ctx, this, "getItem", [s.id], (wb) =>
              (wb as ModelWorkbook).sheets.find((x) => x.id === s.id),
            ),
        ),
      (items) => (this.loadedItems = items as Worksheet[]),
    );
    return this;
  }
}

export class Worksheet extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    via: string,
    args: readonly unknown[],
    step: (p: unknown) => ModelSheet | undefined,
    orNull = false,
  ) {
    super(ctx, "Worksheet", parent, via, args, step, orNull);
    if (orNull) this.touch();
  }
  protected read(t: unknown, name: string): unknown {
    const s = t as ModelSheet;
    if (name === "name") return s.name;
    if (name === "id") return s.id;
    if (name === "visibility") return s.visibility;
    throw new OfficeError("NotModelled", `Worksheet.${name}`);
  }
  protected override navigation(name: string): Client {
    if (name === "protection") return this.protection;
    return super.navigation(name);
  }
  get name(): string {
    return this.get("name");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.set("visibility", v, (t) => void ((t as ModelSheet).visibility = v as ModelSheet["visibility"]));
  }
  get protection(): Scalars {
    return this.nav(
      "protection",
      () =>
        new Scalars(this.ctx, this, "WorksheetProtection", "protection", (t) => ({
          protected: (t as ModelSheet).protected,
        })),
    );
  }
  get notes(): ItemCollection {
    return this.nav("notes", () => new ItemCollection(this.ctx, this, "notes"));
  }
  get comments(): ItemCollection {
    return this.nav("comments", () => new ItemCollection(this.ctx, this, "comments"));
  }
  get customProperties(): CustomProperties {
    return this.nav("customProperties", () => new CustomProperties(this.ctx, this));
  }
  getRange(address?: string): Range {
    return new Range(this.ctx, this, "getRange", address === undefined ? [] : [address], (t) =>
      parseAddress(t as ModelSheet, address),
    );
  }
  getRanges(address: string): RangeAreas {
    return new RangeAreas(this.ctx, this, "getRanges", [address], (t) => ({
      sheet: t as ModelSheet,
      areas: address.split(",").map((a) => parseAddress(t as ModelSheet, a).area),
    }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    const range = new UsedRange(this.ctx, this, [valuesOnly], (t) => {
      if (!valuesOnly) throw new OfficeError("NotModelled", "getUsedRangeOrNullObject(false)");
      const used = usedArea(t as ModelSheet);
      return used ? { sheet: t as ModelSheet, area: used, unbounded: false } : undefined;
    });
    return range;
  }
  activate(): void {
    this.call("activate", [], (t) => {
      // A hidden sheet cannot be the active one.
      if ((t as ModelSheet).visibility !== "Visible")
        throw new OfficeError("InvalidOperation", "a hidden sheet cannot be activated");
    });
  }
  delete(): void {
    this.call("delete", [], (t) => {
      const sheet = t as ModelSheet;
      const wb = this.ctx.root as ModelWorkbook;
      if (wb.structureProtected)
        throw new OfficeError("AccessDenied", "the workbook's structure is protected");
      wb.sheets = wb.sheets.filter((s) => s !== sheet);
      wb.active = Math.min(wb.active, wb.sheets.length - 1);
    });
  }
  get tables(): { add(address: string, hasHeaders: boolean): { style: string } } {
    const part = new Part(this.ctx, this, "TableCollection", "tables");
    return {
      add: (address, hasHeaders) => {
        let created: { address: string; hasHeaders: boolean; style?: string } | undefined;
        part.invoke("add", [address, hasHeaders], (t) => {
          writable(t as ModelSheet);
          created = { address, hasHeaders };
          (t as ModelSheet).tables.push(created);
        });
        const table = new Part(this.ctx, part, "Table", "add");
        return {
          set style(v: string) {
            table.assign("style", v, () => void (created && (created.style = v)));
          },
        };
      },
    };
  }
  get charts(): {
    add(
      type: string,
      source: Range,
      seriesBy: string,
    ): { title: { text: string }; setPosition(a: string, b?: string): void };
  } {
    const part = new Part(this.ctx, this, "ChartCollection", "charts");
    return {
      add: (type, source, seriesBy) => {
        let chart: ModelSheet["charts"][number] | undefined;
        part.invoke("add", [type, source, seriesBy], (t) => {
          writable(t as ModelSheet);
          const r = source.target(this.ctx) as RangeT;
          chart = { type, source: areaAddress(r.area), seriesBy };
          (t as ModelSheet).charts.push(chart);
        });
        const made = new Part(this.ctx, part, "Chart", "add");
        const title = new Part(this.ctx, made, "ChartTitle", "title");
        return {
          title: {
            set text(v: string) {
              title.assign("text", v, () => void (chart && (chart.title = v)));
            },
            get text(): string {
              throw new OfficeError("NotModelled", "ChartTitle.text reads");
            },
          },
          setPosition: (a, b) =>
            made.invoke("setPosition", [a, b], () => void (chart && (chart.position = [a, b ?? ""]))),
        };
      },
    };
  }
  get pageLayout(): PageLayout {
    return this.nav("pageLayout", () => new PageLayout(this.ctx, this));
  }
  get freezePanes(): { freezeRows(n: number): void; freezeAt(at: string): void } {
    const part = new Part(this.ctx, this, "WorksheetFreezePanes", "freezePanes");
    return {
      freezeRows: (n) =>
        part.invoke("freezeRows", [n], (t) => void ((t as ModelSheet).layout.freeze = `rows ${n}`)),
      freezeAt: (at) => part.invoke("freezeAt", [at], (t) => void ((t as ModelSheet).layout.freeze = at)),
    };
  }
}

/** getUsedRangeOrNullObject: a Range that may be a null object. */
class UsedRange extends Range {
  constructor(
    ctx: FakeContext,
    parent: Client,
    args: readonly unknown[],
    step: (p: unknown) => RangeT | undefined,
  ) {
    super(ctx, parent, "getUsedRangeOrNullObject", args, step, true);
  }
}

class CustomProperties extends Client {
  constructor(ctx: FakeContext, parent: Client) {
    super(ctx, "WorksheetCustomPropertyCollection", parent, "customProperties", [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", "WorksheetCustomPropertyCollection reads");
  }
  add(key: string, value: string): void {
    this.call("add", [key, value], (t) => {
      if (key.length > 255)
        throw new OfficeError("InvalidArgument", "a custom property key longer than 255 characters");
      writable(t as ModelSheet);
      (t as ModelSheet).props.set(key.toLowerCase(), { key, value });
    });
  }
  private item(via: string, key: string, orNull: boolean): CustomProperty {
    return new CustomProperty(
      this.ctx,
      this,
      via,
      [key],
      (t) => {
        const p = (t as ModelSheet).props.get(key.toLowerCase());
        return p ? { sheet: t as ModelSheet, key: key.toLowerCase() } : undefined;
      },
      orNull,
    );
  }
  getItem(key: string): CustomProperty {
    return this.item("getItem", key, false);
  }
  getItemOrNullObject(key: string): CustomProperty {
    return this.item("getItemOrNullObject", key, true);
  }
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.call(
      "getCount",
      [],
      (t) => (t as ModelSheet).props.size,
      (n) => result.set(n),
    );
    return result;
  }
}

class CustomProperty extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    via: string,
    args: readonly unknown[],
    step: (p: unknown) => { sheet: ModelSheet; key: string } | undefined,
    orNull: boolean,
  ) {
    super(ctx, "WorksheetCustomProperty", parent, via, args, step, orNull);
    if (orNull) this.touch();
  }
  protected read(t: unknown, name: string): unknown {
    const { sheet, key } = t as { sheet: ModelSheet; key: string };
    const p = sheet.props.get(key);
    return name === "key" ? p?.key : p?.value;
  }
  get value(): string {
    return this.get("value");
  }
  delete(): void {
    this.call("delete", [], (t) => {
      const { sheet, key } = t as { sheet: ModelSheet; key: string };
      writable(sheet);
      sheet.props.delete(key);
    });
  }
}

class PageLayout extends Client {
  constructor(ctx: FakeContext, parent: Client) {
    super(ctx, "PageLayout", parent, "pageLayout", [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", "PageLayout reads");
  }
  private put(name: string, v: unknown): void {
    this.set(name, v, (t) => void ((t as ModelSheet).page[name] = v));
  }
  set paperSize(v: string) {
    this.put("paperSize", v);
  }
  set orientation(v: string) {
    this.put("orientation", v);
  }
  set zoom(v: unknown) {
    this.put("zoom", v);
  }
  set centerHorizontally(v: boolean) {
    this.put("centerHorizontally", v);
  }
  setPrintTitleRows(rows: string): void {
    this.call("setPrintTitleRows", [rows], (t) => void ((t as ModelSheet).page.printTitleRows = rows));
  }
  get headersFooters(): { defaultForAllPages: { centerFooter: string } } {
    const group = new Part(this.ctx, this, "HeaderFooterGroup", "headersFooters");
    const page = new Part(this.ctx, group, "HeaderFooter", "defaultForAllPages");
    return {
      defaultForAllPages: {
        set centerFooter(v: string) {
          page.assign("centerFooter", v, (t) => void ((t as ModelSheet).page.centerFooter = v));
        },
        get centerFooter(): string {
          throw new OfficeError("NotModelled", "HeaderFooter reads");
        },
      },
    };
  }
}

export { NULL };
