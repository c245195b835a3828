/**
 * Range-level classes of the strict fake: Range, RangeAreas, formats, conditional formats, data
 * validation. The rules Excel documents are enforced where the action runs:
 * - a read of an unbounded range or of more than 5,000,000 cells gives null for cell-level
 *   properties (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-unbounded,
 *   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 * - getMergedAreasOrNullObject fails above 512 merged areas
 *   (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1));
 * - a typed list source longer than 255 characters is refused (Excel's limit; the template
 *   writers guard it, https://github.com/jmcnamara/XlsxWriter/issues/562);
 * - a string written into a cell whose format is not Text is stored as if typed (./typing.ts);
 * - a protected sheet refuses every write (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#data-protection);
 * - 2-D arrays must match the range and a cell holds at most 32,767 characters
 *   (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 */
import type { CellValue } from "../../../shared/workbook";
import { OfficeError } from "./api";
import { Client, ClientResult, NULL, type FakeContext } from "./client";
import {
  ROWS,
  WIDTH,
  area,
  areaAddress,
  intersects,
  key,
  setValue,
  valueAt,
  type Area,
  type ModelCf,
  type ModelSheet,
} from "./model";
import { typeAsExcel } from "./typing";

export const READ_CELL_LIMIT = 5_000_000;
export const MERGED_AREA_LIMIT = 512;
export const LIST_SOURCE_LIMIT = 255;
export const CELL_TEXT_LIMIT = 32_767;
/** The year a date typed without one falls in (the fake's clock). */
export const FAKE_YEAR = 2025;

export interface RangeT {
  sheet: ModelSheet;
  area: Area;
  unbounded: boolean;
}
export interface AreasT {
  sheet: ModelSheet;
  areas: Area[];
}

export function writable(sheet: ModelSheet): void {
  if (sheet.protected) throw new OfficeError("AccessDenied", `the sheet “${sheet.name}” is protected`);
}

export function sheetRef(sheet: ModelSheet): string {
  return /^[\p{L}\p{N}_]+$/u.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
}

/** "A1:B2", "A:C", "3:4", or the whole sheet ("" / undefined). */
export function parseAddress(sheet: ModelSheet, a1: string | undefined): RangeT {
  const s = (a1 ?? "").replace(/\$/g, "").trim();
  if (!s) return { sheet, area: { r0: 0, c0: 0, r1: ROWS - 1, c1: WIDTH - 1 }, unbounded: true };
  let m = /^([A-Z]{1,3}):([A-Z]{1,3})$/i.exec(s);
  if (m) {
    const a = area(`${m[1]}1:${m[2]}1`);
    return { sheet, area: { ...a, r0: 0, r1: ROWS - 1 }, unbounded: true };
  }
  m = /^(\d+):(\d+)$/.exec(s);
  if (m)
    return {
      sheet,
      area: { r0: Number(m[1]) - 1, c0: 0, r1: Number(m[2]) - 1, c1: WIDTH - 1 },
      unbounded: true,
    };
  try {
    return { sheet, area: area(s), unbounded: false };
  } catch {
    throw new OfficeError("InvalidArgument", `“${a1}” is not an address`);
  }
}

const cells = (a: Area) => (a.r1 - a.r0 + 1) * (a.c1 - a.c0 + 1);

/** Runs `f` over every cell of `a`, rows × columns as a 2-D array. */
function grid<T>(a: Area, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = a.r0; r <= a.r1; r++) {
    const row: T[] = [];
    for (let c = a.c0; c <= a.c1; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

/** A 2-D array must have the range's shape (a single value fills it). */
function shaped(a: Area, what: string, v: unknown): (r: number, c: number) => unknown {
  if (!Array.isArray(v)) return () => v;
  const rows = a.r1 - a.r0 + 1;
  const cols = a.c1 - a.c0 + 1;
  if (v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 && rows * cols > 1) return () => v[0][0];
  if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
    throw new OfficeError(
      "InvalidArgument",
      `${what}: the array's shape does not match the range (${rows}×${cols})`,
    );
  return (r, c) => (v as unknown[][])[r - a.r0][c - a.c0];
}

export class Range extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    via: string,
    args: readonly unknown[],
    step: (p: unknown) => RangeT | undefined,
    orNull = false,
  ) {
    super(ctx, "Range", parent, via, args, step, orNull);
    if (orNull) this.touch();
  }

  protected read(t: unknown, name: string): unknown {
    const { sheet, area: a, unbounded } = t as RangeT;
    const cellLevel = ["values", "formulas", "numberFormat", "text"].includes(name);
    if (cellLevel && (unbounded || cells(a) > READ_CELL_LIMIT)) return null;
    switch (name) {
      case "address":
        return `${sheetRef(sheet)}!${areaAddress(a)}`;
      case "rowIndex":
        return a.r0;
      case "columnIndex":
        return a.c0;
      case "rowCount":
        return a.r1 - a.r0 + 1;
      case "columnCount":
        return a.c1 - a.c0 + 1;
      case "cellCount":
        return cells(a);
      case "values": {
        // Row by row: a stray cell far below makes most rows empty.
        const width = a.c1 - a.c0 + 1;
        const out: CellValue[][] = [];
        for (let r = a.r0; r <= a.r1; r++) {
          const row = sheet.rows.get(r);
          const cells = new Array<CellValue>(width).fill("");
          if (row)
            for (let c = a.c0; c <= Math.min(a.c1, row.length - 1); c++) cells[c - a.c0] = row[c] ?? "";
          out.push(cells);
        }
        return out;
      }
      case "text":
        return grid(a, (r, c) => String(valueAt(sheet, r, c)));
      case "formulas":
        return grid(a, (r, c) => sheet.formulas.get(key(r, c)) ?? valueAt(sheet, r, c));
      case "numberFormat":
        return grid(a, (r, c) => sheet.formats.get(key(r, c)) ?? "General");
    }
    throw new OfficeError("NotModelled", `Range.${name}`);
  }

  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): CellValue[][] {
    return this.get("values");
  }
  set values(v: unknown) {
    this.setCells("values", v, (sheet, r, c, value) => {
      if (typeof value === "string" && value.length > CELL_TEXT_LIMIT)
        throw new OfficeError("InvalidArgument", `a string longer than ${CELL_TEXT_LIMIT} characters`);
      const k = key(r, c);
      sheet.formulas.delete(k);
      if (typeof value !== "string" || sheet.formats.get(k) === "@")
        return setValue(sheet, r, c, value as CellValue);
      const typed = typeAsExcel(value, FAKE_YEAR);
      setValue(sheet, r, c, typed.value);
      if (typed.formula) sheet.formulas.set(k, typed.formula);
      if (typed.format && !sheet.formats.has(k)) sheet.formats.set(k, typed.format);
    });
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: unknown) {
    this.setCells("numberFormat", v, (sheet, r, c, f) => {
      if (f === "General") sheet.formats.delete(key(r, c));
      else sheet.formats.set(key(r, c), String(f));
    });
  }

  /** A cell-level set: a bounded range of a writable sheet, an array of its shape, null cells left alone. */
  private setCells(
    name: string,
    v: unknown,
    put: (sheet: ModelSheet, r: number, c: number, value: unknown) => void,
  ): void {
    this.set(name, v, (t) => {
      const { sheet, area: a, unbounded } = t as RangeT;
      if (unbounded)
        throw new OfficeError("InvalidArgument", "cell-level properties cannot be set on an unbounded range");
      writable(sheet);
      const at = shaped(a, name, v);
      grid(a, (r, c) => {
        const value = at(r, c);
        if (value !== null && value !== undefined) put(sheet, r, c, value);
      });
    });
  }

  get format(): RangeFormat {
    return this.nav("format", () => new RangeFormat(this.ctx, this));
  }
  get conditionalFormats(): ConditionalFormats {
    return this.nav(
      "conditionalFormats",
      () =>
        new ConditionalFormats(this.ctx, this, "conditionalFormats", (t) => {
          const r = t as RangeT;
          return { sheet: r.sheet, areas: [r.area] };
        }),
    );
  }
  get dataValidation(): DataValidation {
    return this.nav("dataValidation", () => new DataValidation(this.ctx, this));
  }

  merge(across = false): void {
    this.call("merge", [across], (t) => {
      const { sheet, area: a } = t as RangeT;
      writable(sheet);
      if (sheet.merges.some((m) => intersects(m, a)))
        throw new OfficeError("InvalidOperation", "the range overlaps a merged area");
      sheet.merges.push(a);
    });
  }
  select(): void {
    this.call("select", [], () => undefined);
  }

  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(this.ctx, this, "getMergedAreasOrNullObject", [], (t) => {
      const { sheet, area: a } = t as RangeT;
      const found = sheet.merges.filter((m) => intersects(m, a));
      if (found.length > MERGED_AREA_LIMIT)
        throw new OfficeError(
          "GeneralException",
          `${found.length} merged areas: more than ${MERGED_AREA_LIMIT}`,
          "Range.getMergedAreasOrNullObject",
        );
      return found.length ? { sheet, areas: found } : undefined;
    });
  }

  getSpecialCellsOrNullObject(type: string): RangeAreas {
    return new RangeAreas(this.ctx, this, "getSpecialCellsOrNullObject", [type], (t) => {
      if (type !== "Formulas") throw new OfficeError("NotModelled", `getSpecialCells(${type})`);
      const { sheet, area: a } = t as RangeT;
      const found: Area[] = [];
      for (const k of [...sheet.formulas.keys()].sort((x, y) => (x % WIDTH) - (y % WIDTH) || x - y)) {
        const r = Math.floor(k / WIDTH);
        const c = k % WIDTH;
        if (r < a.r0 || r > a.r1 || c < a.c0 || c > a.c1) continue;
        const last = found[found.length - 1];
        if (last && last.c0 === c && last.r1 === r - 1) last.r1 = r;
        else found.push({ r0: r, c0: c, r1: r, c1: c });
      }
      return found.length ? { sheet, areas: found } : undefined;
    });
  }
}

export class RangeAreas extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    via: string,
    args: readonly unknown[],
    step: (p: unknown) => AreasT | undefined,
  ) {
    super(ctx, "RangeAreas", parent, via, args, step, true);
    this.touch();
  }
  protected read(t: unknown, name: string): unknown {
    const { sheet, areas } = t as AreasT;
    if (name === "address") return areas.map((a) => `${sheetRef(sheet)}!${areaAddress(a)}`).join(", ");
    if (name === "areaCount") return areas.length;
    if (name === "cellCount") return areas.reduce((n, a) => n + cells(a), 0);
    throw new OfficeError("NotModelled", `RangeAreas.${name}`);
  }
  get address(): string {
    return this.get("address");
  }
  get conditionalFormats(): ConditionalFormats {
    return new ConditionalFormats(this.ctx, this, "conditionalFormats", (t) => t as AreasT);
  }
}

/** Font, fill and layout written directly: logged, so a test can tell the clerk's formatting was left alone. */
class FormatPart extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    cls: string,
    via: string,
    private readonly label: string,
  ) {
    super(ctx, cls, parent, via, [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", `${this.cls} reads`);
  }
  protected write(name: string, v: unknown): void {
    this.set(name, v, (t) => {
      const { sheet, area: a } = t as RangeT;
      writable(sheet);
      sheet.formatting.push(`${areaAddress(a)} ${this.label}${name} ${String(v)}`);
    });
  }
}
class RangeFont extends FormatPart {
  set bold(v: boolean) {
    this.write("bold", v);
  }
  set size(v: number) {
    this.write("size", v);
  }
}
class RangeFill extends FormatPart {
  set color(v: string) {
    this.write("color", v);
  }
}
export class RangeFormat extends FormatPart {
  constructor(ctx: FakeContext, parent: Client) {
    super(ctx, parent, "RangeFormat", "format", "");
  }
  get font(): RangeFont {
    return this.nav("font", () => new RangeFont(this.ctx, this, "RangeFont", "font", "font."));
  }
  get fill(): RangeFill {
    return this.nav("fill", () => new RangeFill(this.ctx, this, "RangeFill", "fill", "fill."));
  }
  set columnWidth(v: number) {
    this.write("columnWidth", v);
  }
  set rowHeight(v: number) {
    this.write("rowHeight", v);
  }
  set wrapText(v: boolean) {
    this.write("wrapText", v);
  }
  set horizontalAlignment(v: string) {
    this.write("horizontalAlignment", v);
  }
  autofitColumns(): void {
    this.call("autofitColumns", [], () => undefined);
  }
}

let cfIds = 0;

interface CfT {
  sheet: ModelSheet;
  cf: ModelCf;
}

export class ConditionalFormats extends Client {
  constructor(ctx: FakeContext, parent: Client, via: string, step: (p: unknown) => AreasT) {
    super(ctx, "ConditionalFormatCollection", parent, via, [], step);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", "ConditionalFormatCollection reads");
  }
  /** The formats intersecting the collection's ranges, highest priority first. */
  private list(t: AreasT): ModelCf[] {
    return t.sheet.cfs.filter((cf) => cf.areas.some((a) => t.areas.some((b) => intersects(a, b))));
  }
  private loadedItems: ConditionalFormat[] | null = null;
  get items(): ConditionalFormat[] {
    if (!this.loadedItems)
      throw new OfficeError(
        "PropertyNotLoaded",
        "ConditionalFormatCollection.items is read before load and sync",
      );
    return this.loadedItems;
  }
  override load(names?: string | string[]): this {
    this.loadItems(
      names,
      (t) => this.list(t as AreasT).map((cf) => this.getItem(cf.id)),
      (items) => (this.loadedItems = items as ConditionalFormat[]),
    );
    return this;
  }
  add(type: string): ConditionalFormat {
    let created: string | undefined;
    const cf = new ConditionalFormat(this.ctx, this, "add", [type], (t) => {
      const sheet = (t as AreasT).sheet;
      const found = sheet.cfs.find((c) => c.id === created);
      return found ? { sheet, cf: found } : undefined;
    });
    this.call("add", [type], (t) => {
      const { sheet, areas } = t as AreasT;
      writable(sheet);
      created = `{cf-${++cfIds}}`;
      // A new conditional format takes the top priority.
      sheet.cfs.unshift({ id: created, type, areas: areas.map((a) => ({ ...a })), formula: "", fill: "" });
    });
    return cf;
  }
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.call(
      "getCount",
      [],
      (t) => this.list(t as AreasT).length,
      (n) => result.set(n),
    );
    return result;
  }
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.ctx, this, "getItem", [id], (t) => {
      const cf = this.list(t as AreasT).find((c) => c.id === id);
      return cf ? { sheet: (t as AreasT).sheet, cf } : undefined;
    });
  }
  getItemAt(index: number): ConditionalFormat {
    return new ConditionalFormat(this.ctx, this, "getItemAt", [index], (t) => {
      const cf = this.list(t as AreasT)[index];
      return cf ? { sheet: (t as AreasT).sheet, cf } : undefined;
    });
  }
}

export class ConditionalFormat extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    via: string,
    args: readonly unknown[],
    step: (p: unknown) => CfT | undefined,
  ) {
    super(ctx, "ConditionalFormat", parent, via, args, step);
  }
  protected read(t: unknown, name: string): unknown {
    const { cf, sheet } = t as CfT;
    if (name === "id") return cf.id;
    if (name === "type") return cf.type;
    if (name === "priority") return sheet.cfs.indexOf(cf);
    throw new OfficeError("NotModelled", `ConditionalFormat.${name}`);
  }
  get id(): string {
    return this.get("id");
  }
  get type(): string {
    return this.get("type");
  }
  private customPart(via: string, orNull: boolean): CustomConditionalFormat {
    return new CustomConditionalFormat(
      this.ctx,
      this,
      via,
      (t) => {
        const c = t as CfT;
        if (c.cf.type === "Custom") return c;
        if (orNull) return undefined;
        throw new OfficeError("InvalidOperation", "the conditional format is not a custom one");
      },
      orNull,
    );
  }
  protected override navigation(name: string): Client {
    if (name === "customOrNullObject") return this.customOrNullObject;
    return super.navigation(name);
  }
  get custom(): CustomConditionalFormat {
    return this.nav("custom", () => this.customPart("custom", false));
  }
  get customOrNullObject(): CustomConditionalFormat {
    return this.nav("customOrNullObject", () => this.customPart("customOrNullObject", true));
  }
  delete(): void {
    this.call("delete", [], (t) => {
      const { sheet, cf } = t as CfT;
      writable(sheet);
      sheet.cfs = sheet.cfs.filter((c) => c !== cf);
    });
  }
}

class CustomConditionalFormat extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    via: string,
    step: (p: unknown) => CfT | undefined,
    orNull: boolean,
  ) {
    super(ctx, "CustomConditionalFormat", parent, via, [], step, orNull);
    if (orNull) this.touch();
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", "CustomConditionalFormat reads");
  }
  protected override navigation(name: string): Client {
    if (name === "rule") return this.rule;
    return super.navigation(name);
  }
  get rule(): ConditionalFormatRule {
    return this.nav("rule", () => new ConditionalFormatRule(this.ctx, this));
  }
  get format(): { fill: { color: string } } {
    const format = new Part(this.ctx, this, "ConditionalRangeFormat", "format");
    const fill = new Part(this.ctx, format, "ConditionalRangeFill", "fill");
    return {
      fill: {
        set color(v: string) {
          fill.assign("color", v, (t) => void ((t as CfT).cf.fill = v));
        },
        get color(): string {
          throw new OfficeError("NotModelled", "ConditionalRangeFill.color reads");
        },
      },
    };
  }
}

/** A navigation step that only passes its parent's target on (formats, fills, rules). */
export class Part extends Client {
  constructor(ctx: FakeContext, parent: Client, cls: string, via: string) {
    super(ctx, cls, parent, via, [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", `${this.cls} reads`);
  }
  assign(name: string, v: unknown, apply: (t: unknown) => void): void {
    this.set(name, v, (t) => {
      const sheet = (t as { sheet?: ModelSheet }).sheet;
      if (sheet) writable(sheet);
      apply(t);
    });
  }
  invoke(name: string, args: readonly unknown[], run: (t: unknown) => void): void {
    this.call(name, args, run);
  }
}

class ConditionalFormatRule extends Client {
  constructor(ctx: FakeContext, parent: Client) {
    super(ctx, "ConditionalFormatRule", parent, "rule", [], (t) => t);
  }
  protected read(t: unknown, name: string): unknown {
    if (name === "formula") return (t as CfT).cf.formula;
    throw new OfficeError("NotModelled", `ConditionalFormatRule.${name}`);
  }
  get formula(): string {
    return this.get("formula");
  }
  set formula(v: string) {
    this.set("formula", v, (t) => {
      writable((t as CfT).sheet);
      (t as CfT).cf.formula = v;
    });
  }
}

export class DataValidation extends Client {
  constructor(ctx: FakeContext, parent: Client) {
    super(ctx, "DataValidation", parent, "dataValidation", [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", "DataValidation reads");
  }
  private entry(t: unknown) {
    const { sheet, area: a } = t as RangeT;
    writable(sheet);
    let found = sheet.validations.find(
      (v) => v.areas.length === 1 && areaAddress(v.areas[0]) === areaAddress(a),
    );
    if (!found) sheet.validations.push((found = { areas: [a] }));
    return found;
  }
  set rule(v: { list?: { inCellDropDown: boolean; source: string | Client } }) {
    this.set("rule", v, (t) => {
      const source = v.list?.source;
      if (typeof source === "string" && source.length > LIST_SOURCE_LIMIT)
        throw new OfficeError(
          "InvalidArgument",
          `a list source of ${source.length} characters: more than ${LIST_SOURCE_LIMIT}`,
          "DataValidation.rule",
        );
      const resolved = source instanceof Client ? this.reference(source) : source;
      this.entry(t).rule = v.list ? { list: { inCellDropDown: v.list.inCellDropDown, source: resolved } } : v;
    });
  }
  set prompt(v: { showPrompt: boolean; title: string; message: string }) {
    this.set("prompt", v, (t) => void (this.entry(t).prompt = v));
  }
  set errorAlert(v: unknown) {
    this.set("errorAlert", v, (t) => void (this.entry(t).errorAlert = v));
  }
  /** A Range argument as the address it names. */
  private reference(source: Client): string {
    const r = source.target(this.ctx) as RangeT;
    if (r === (NULL as unknown)) throw new OfficeError("InvalidArgument", "a null range");
    return `=${sheetRef(r.sheet)}!${areaAddress(r.area)}`;
  }
}
