/**
 * The .xlsx reader built for validation: the zip's central directory, each part inflated as a
 * stream, and a scanner that turns `sheetData` straight into the engine's input, row by row,
 * with no workbook object in between. It reads what the engine needs and nothing else: cell
 * values (shared, rich and inline strings, numbers, booleans, errors, formulas' cached results,
 * ISO dates), the formats that make a number a date, the 1904 flag, merges, formula cells,
 * hidden sheets and the workbook's sheet order.
 *
 * Guards: the directory is judged before anything is inflated (`inspectXlsx`), no part is
 * inflated past its declared size, DTDs are refused, malformed sheet XML is refused. Failures
 * are returned, never thrown.
 */
import { address, columnIndexAt, columnLetter, parseRange } from "../read/cells";
import type { CellValue, SheetInput, WorkbookInput } from "../workbook";
import {
  DEFAULT_ZIP_LIMITS,
  inflateEntry,
  inspectXlsx,
  readEntryText,
  webInflater,
  type Inflater,
  type XlsxZipProblem,
  type ZipEntry,
  type ZipLimits,
} from "./zip";
import {
  decodeEntities,
  decodeText,
  badProlog,
  relationships,
  relsPathOf,
  resolveTarget,
  rootPrefix,
  tags,
} from "./xml";
import { dateToSerial } from "./values";

export interface ReadXlsxOptions {
  /** Raw-deflate inflater; the platform's DecompressionStream by default. */
  inflate?: Inflater;
  /** Stops the read between two chunks; the result is then `{ ok: false, problem: "aborted" }`. */
  signal?: AbortSignal;
  /** Fraction (0–1) of the workbook's sheet and string XML read so far. */
  onProgress?: (fraction: number) => void;
  limits?: ZipLimits;
}

export type ReadProblem = XlsxZipProblem | { problem: "aborted" };
export type ReadXlsxResult = { ok: true; workbook: WorkbookInput } | ({ ok: false } & ReadProblem);

/** Malformed or inconsistent content: the file is refused as not a readable workbook. */
class Corrupt extends Error {}
class Aborted extends Error {}

export interface SheetPart {
  name: string;
  path: string;
  hidden: boolean;
}

/** What the workbook part and its relationships say: sheets in order, where the parts are. */
export interface WorkbookParts {
  workbookPath: string;
  date1904: boolean;
  sheets: SheetPart[];
  sharedStrings: string | null;
  styles: string | null;
  /** The workbook part's text and its relationships' text (the annotate patcher edits both). */
  workbookXml: string;
  workbookRelsXml: string;
}

/** Finds the workbook part through the package relationships, and reads its sheet list. */
export async function workbookParts(
  bytes: Uint8Array,
  byName: ReadonlyMap<string, ZipEntry>,
  inflate: Inflater = webInflater,
): Promise<WorkbookParts | null> {
  const text = (path: string) => readEntryText(bytes, byName.get(path), inflate);
  const rootRels = await text("_rels/.rels");
  const office = rootRels ? relationships(rootRels).find((r) => r.type === "officeDocument") : undefined;
  const workbookPath = office ? resolveTarget("", office.target) : "xl/workbook.xml";
  const workbookXml = await text(workbookPath);
  if (workbookXml === null || badProlog(workbookXml)) return null;
  const workbookRelsXml = (await text(relsPathOf(workbookPath))) ?? "";
  if (badProlog(workbookRelsXml)) return null;
  const rels = new Map(relationships(workbookRelsXml).map((r) => [r.id, r]));
  // By relationship; else by the usual name, as other readers do for files that omit the relationship.
  const target = (type: string) => {
    const rel = [...rels.values()].find((r) => r.type === type && !r.external);
    const path = resolveTarget(workbookPath, rel ? rel.target : `${type}.xml`);
    return byName.has(path) ? path : null;
  };
  const pr = tags(workbookXml, "workbookPr")[0] ?? {};
  const sheets: SheetPart[] = [];
  for (const a of tags(workbookXml, "sheet")) {
    const idKey = Object.keys(a).find((k) => k.endsWith(":id"));
    const rel = idKey ? rels.get(a[idKey]) : undefined;
    // Chart sheets, dialog and macro sheets hold no cells.
    if (!rel || rel.type !== "worksheet" || rel.external) continue;
    sheets.push({
      name: a.name ?? "",
      path: resolveTarget(workbookPath, rel.target),
      hidden: a.state === "hidden" || a.state === "veryHidden",
    });
  }
  return {
    workbookPath,
    date1904: pr.date1904 === "1" || pr.date1904 === "true",
    sheets,
    sharedStrings: target("sharedStrings"),
    styles: target("styles"),
    workbookXml,
    workbookRelsXml,
  };
}

/** Reads an .xlsx into the engine's input, or says why not. */
export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<ReadXlsxResult> {
  const zip = inspectXlsx(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  if (!zip.ok) return zip;
  try {
    return { ok: true, workbook: await readParts(bytes, zip.entries, options) };
  } catch (e) {
    if (e instanceof Aborted) return { ok: false, problem: "aborted" };
    if (e instanceof Corrupt) return { ok: false, problem: "not-xlsx" };
    throw e;
  }
}

async function readParts(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  options: ReadXlsxOptions,
): Promise<WorkbookInput> {
  const inflate = options.inflate ?? webInflater;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const parts = await workbookParts(bytes, byName, inflate);
  if (!parts) throw new Corrupt();
  const stylesXml = parts.styles ? await readEntryText(bytes, byName.get(parts.styles), inflate) : null;
  if (stylesXml !== null && badProlog(stylesXml)) throw new Corrupt();
  const dates = dateStyles(stylesXml ?? "");

  const sstEntry = parts.sharedStrings ? byName.get(parts.sharedStrings) : undefined;
  const sheetEntries = parts.sheets.map((s) => byName.get(s.path));
  const total = [sstEntry, ...sheetEntries].reduce((n, e) => n + (e?.uncompressedSize ?? 0), 0);
  let done = 0;
  let reported = -1;
  const progress = (n: number) => {
    done += n;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    // At most a hundred calls: the page re-renders on each.
    if (options.onProgress && Math.floor(fraction * 100) !== reported) {
      reported = Math.floor(fraction * 100);
      options.onProgress(fraction);
    }
  };

  /** Streams one part's text into `push`, checking the signal between chunks. */
  const stream = async (entry: ZipEntry, push: (text: string) => void): Promise<void> => {
    const decoder = new TextDecoder();
    // A character cut by the chunk's end waits for the next chunk: whole characters decode in
    // one call, which measured twice as fast as the decoder's streaming mode.
    let carry: Uint8Array | null = null;
    const outcome = await inflateEntry(bytes, entry, inflate, (chunk) => {
      if (options.signal?.aborted) return false;
      let data = chunk;
      if (carry) {
        data = new Uint8Array(carry.length + chunk.length);
        data.set(carry);
        data.set(chunk, carry.length);
      }
      const cut = data.length - unfinishedUtf8(data);
      carry = cut < data.length ? data.slice(cut) : null;
      push(decoder.decode(data.subarray(0, cut)));
      progress(chunk.length);
      return true;
    });
    if (options.signal?.aborted) throw new Aborted();
    if (outcome !== "done") throw new Corrupt();
    if (carry) push(decoder.decode(carry));
  };

  let sst: (string | null)[] | null = null;
  if (sstEntry) {
    const scanner = new SharedStrings();
    await stream(sstEntry, (t) => scanner.push(t));
    sst = scanner.end();
  }
  const sheets: SheetInput[] = [];
  for (const [i, part] of parts.sheets.entries()) {
    const entry = sheetEntries[i];
    if (!entry) throw new Corrupt();
    const scanner = new SheetScanner(sst, dates, parts.date1904);
    await stream(entry, (t) => scanner.push(t));
    sheets.push({ name: part.name, ...scanner.end(), hidden: part.hidden });
  }
  options.onProgress?.(1);
  return { sheets, date1904: parts.date1904 };
}

/** How many bytes at the end of `data` start a UTF-8 character that it does not finish (0–3). */
export function unfinishedUtf8(data: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= data.length; back++) {
    const b = data[data.length - back];
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
    // A continuation byte: its lead byte is further back.
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Styles: which cell formats make a number a date

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30; 27–36 and 50–58 are the CJK ones). */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A format code is a date when its first section, literals and [tags] removed, has a date or time letter. */
export function isDateFormat(code: string): boolean {
  let first = "";
  let quoted = false;
  let bracket = false;
  for (const ch of code) {
    if (ch === '"' && !bracket) quoted = !quoted;
    else if (ch === "[" && !quoted) bracket = true;
    else if (ch === "]" && !quoted) bracket = false;
    else if (ch === ";" && !quoted && !bracket) break;
    else if (!quoted && !bracket) first += ch;
  }
  return !first.includes("@") && /[ymdhMsb]/.test(first);
}

/** For each cell format (`s` attribute), whether it shows a date. */
export function dateStyles(xml: string): boolean[] {
  const section = (name: string) => {
    const m = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s>][\\s\\S]*?</(?:[\\w.-]+:)?${name}>`).exec(xml);
    return m ? m[0] : "";
  };
  const custom = new Map<number, string>();
  for (const a of tags(section("numFmts"), "numFmt")) custom.set(Number(a.numFmtId), a.formatCode ?? "");
  return tags(section("cellXfs"), "xf").map((a) => {
    const id = Number(a.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id);
  });
}

// ---------------------------------------------------------------------------------------------
// Shared strings

/** Streams `<si>` items: plain text, or rich runs joined (phonetic runs left out). */
class SharedStrings {
  private buf = "";
  private readonly out: (string | null)[] = [];
  private prefix: string | null = null;

  push(text: string): void {
    this.buf += text;
    if (this.prefix === null) {
      if (!/<[A-Za-z_]/.test(this.buf)) return;
      if (badProlog(this.buf)) throw new Corrupt();
      this.prefix = rootPrefix(this.buf);
    }
    const open = `<${this.prefix}si`;
    // Everything before the start of the last item is whole items.
    let cut = this.buf.lastIndexOf(open);
    while (cut > 0 && !nameEnds(this.buf.charCodeAt(cut + open.length)))
      cut = this.buf.lastIndexOf(open, cut - 1);
    if (cut > 0) {
      this.scan(this.buf, cut);
      this.buf = this.buf.slice(cut);
    }
  }

  end(): (string | null)[] {
    if (this.prefix === null) throw new Corrupt();
    const close = this.buf.lastIndexOf(`</${this.prefix}sst>`);
    if (close >= 0) this.scan(this.buf, close);
    // An empty table may be written as one empty element: <sst …/>.
    else if (!new RegExp(`<${this.prefix}sst\\b[^>]*/>`).test(this.buf)) throw new Corrupt();
    return this.out;
  }

  private scan(s: string, end: number): void {
    const p = this.prefix ?? "";
    const open = `<${p}si`;
    const close = `</${p}si>`;
    let i = s.indexOf(open);
    while (i >= 0 && i < end) {
      const gt = s.indexOf(">", i);
      if (gt < 0 || gt > end) throw new Corrupt();
      if (!nameEnds(s.charCodeAt(i + open.length))) {
        i = s.indexOf(open, gt);
        continue;
      }
      if (s.charCodeAt(gt - 1) === 47) {
        this.out.push(null);
        i = s.indexOf(open, gt);
        continue;
      }
      // The usual item, <si><t>text</t></si>, read where it stands.
      const plain = plainItem(s, gt + 1, p);
      if (plain >= 0) {
        this.out.push(decodeText(s.slice(plain, plainEnd)));
        i = s.indexOf(open, plainEnd);
        continue;
      }
      const stop = s.indexOf(close, gt);
      if (stop < 0 || stop > end) throw new Corrupt();
      this.out.push(itemText(s, gt + 1, stop, p));
      i = s.indexOf(open, stop);
    }
  }
}

/** End of the text found by `plainItem`. */
let plainEnd = 0;

/**
 * Where the text of an item that is one plain `<t>` or `<t xml:space="preserve">` followed by
 * `</si>` starts (its end in `plainEnd`), or -1 for any other item (runs, phonetic readings …).
 */
function plainItem(s: string, at: number, p: string): number {
  if (s.charCodeAt(at) !== 60 || !s.startsWith(p, at + 1) || s.charCodeAt(at + 1 + p.length) !== 116)
    return -1;
  const after = at + 2 + p.length;
  const c = s.charCodeAt(after);
  let from: number;
  if (c === 62) from = after + 1;
  else if (c === 32 && s.startsWith(' xml:space="preserve">', after)) from = after + 22;
  else return -1;
  const lt = s.indexOf("<", from);
  if (lt < 0 || !s.startsWith(`</${p}t></${p}si>`, lt)) return -1;
  plainEnd = lt;
  return from;
}

/** True for the character after a tag name: white space, `/` or `>`. */
function nameEnds(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** The text of a string item (`<si>` or `<is>` content): its `<t>` elements joined, phonetic runs left out. */
function itemText(source: string, from: number, to: number, p: string): string | null {
  // A slice, so that no search runs past the item (V8 slices without copying).
  const s = source.slice(from, to);
  const tOpen = `<${p}t`;
  const tClose = `</${p}t>`;
  // Phonetic runs (rPh) hold readings, not the text: their <t> are cut out first.
  const text = s.includes(`<${p}rPh`)
    ? s.replace(new RegExp(`<${p}rPh[\\s>][\\s\\S]*?</${p}rPh>`, "g"), "")
    : s;
  let out: string | null = null;
  let i = text.indexOf(tOpen);
  while (i >= 0) {
    const gt = text.indexOf(">", i);
    if (gt < 0) throw new Corrupt();
    if (!nameEnds(text.charCodeAt(i + tOpen.length))) {
      i = text.indexOf(tOpen, gt);
      continue;
    }
    if (text.charCodeAt(gt - 1) === 47) {
      out ??= "";
      i = text.indexOf(tOpen, gt);
      continue;
    }
    const stop = text.indexOf(tClose, gt);
    if (stop < 0) throw new Corrupt();
    out = (out ?? "") + decodeText(text.slice(gt + 1, stop));
    i = text.indexOf(tOpen, stop);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STRING = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

const MS_PER_DAY = 86_400_000;

/** What a date-formatted number becomes through a Date and back (milliseconds kept, as Office.js gives). */
function dateSerial(serial: number, date1904: boolean): number | null {
  // Whole days come back unchanged: no Date needed (most date cells are whole days).
  if (Number.isInteger(serial) && Math.abs(serial) < 1e8) return serial;
  const epoch = date1904 ? 24_107 : 25_569;
  const ms = Math.round((serial - epoch) * MS_PER_DAY);
  return Math.abs(ms) > 8.64e15 ? null : dateToSerial(new Date(ms), date1904);
}

/** An ISO date-time of a `t="d"` cell (no zone: the sheet's own clock) → serial. */
function isoSerial(text: string, date1904: boolean): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!m) return null;
  const ms =
    Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), 0) + Math.round(+(m[6] ?? 0) * 1000);
  return Number.isFinite(ms) ? dateToSerial(new Date(ms), date1904) : null;
}

/** Scans one worksheet part: cell values row by row, formula cells, merged areas. */
export class SheetScanner {
  private buf = "";
  private prefix: string | null = null;
  /** 0 before sheetData, 1 inside, 2 after. */
  private phase = 0;
  private closed = false;
  private readonly values: CellValue[][] = [];
  private readonly merges: string[] = [];
  /** Formula cells as (column index, row number) pairs. */
  private readonly formulaCells: number[] = [];
  private row = 0;
  private col = -1;
  private cells: CellValue[] | null = null;
  private tags = {
    row: "<row",
    rowClose: "</row>",
    sheetDataClose: "</sheetData>",
    c: "<c",
    cClose: "</c>",
    v: "<v",
    vClose: "</v>",
    f: "<f",
    is: "<is",
    isClose: "</is>",
  };

  constructor(
    private readonly sst: readonly (string | null)[] | null,
    private readonly dates: readonly boolean[],
    private readonly date1904: boolean,
  ) {}

  push(text: string): void {
    if (this.phase === 1) {
      // The rows wholly inside `text` are scanned in `text` itself: the decoder's flat string
      // reads twice as fast as one built by joining the last chunk's tail to it.
      const first = this.rowStart(text, 0, false);
      const last = this.rowStart(text, text.length, true);
      if (first >= 0 && last > first) {
        this.buf += text.slice(0, first);
        this.rows(this.buf, this.buf.length, 0);
        this.rows(text, last, first);
        this.buf = text.slice(last);
        return;
      }
    }
    this.buf += text;
    this.drain(false);
  }

  /** The first (or last) `<row` tag in s from `from`, or -1. */
  private rowStart(s: string, from: number, backwards: boolean): number {
    const tag = this.tags.row;
    let at = backwards ? s.lastIndexOf(tag, from) : s.indexOf(tag, from);
    while (at >= 0 && !nameEnds(s.charCodeAt(at + tag.length)))
      at = backwards ? (at > 0 ? s.lastIndexOf(tag, at - 1) : -1) : s.indexOf(tag, at + 1);
    return at;
  }

  end(): { values: CellValue[][]; merges: string[]; formulas: string[] } {
    this.drain(true);
    if (this.phase !== 2 || !this.closed) throw new Corrupt();
    for (let r = 0; r < this.values.length; r++) if (!this.values[r]) this.values[r] = [];
    return { values: this.values, merges: this.merges, formulas: compactCells(this.formulaCells) };
  }

  private drain(last: boolean): void {
    if (this.phase === 0) {
      if (this.prefix === null) {
        if (!/<[A-Za-z_]/.test(this.buf)) return;
        if (badProlog(this.buf)) throw new Corrupt();
        const p = (this.prefix = rootPrefix(this.buf));
        this.tags = {
          row: `<${p}row`,
          rowClose: `</${p}row>`,
          sheetDataClose: `</${p}sheetData>`,
          c: `<${p}c`,
          cClose: `</${p}c>`,
          v: `<${p}v`,
          vClose: `</${p}v>`,
          f: `<${p}f`,
          is: `<${p}is`,
          isClose: `</${p}is>`,
        };
      }
      const open = `<${this.prefix}sheetData`;
      const at = this.buf.indexOf(open);
      if (at < 0) {
        // Keep a tail that may hold the tag cut across chunks.
        if (!last) this.buf = this.buf.slice(-open.length - 2);
        return;
      }
      const gt = this.buf.indexOf(">", at);
      if (gt < 0) return;
      this.phase = this.buf.charCodeAt(gt - 1) === 47 ? 2 : 1;
      this.buf = this.buf.slice(gt + 1);
    }
    if (this.phase === 1) {
      if (last) {
        // The rest of the part: its rows, then the end of sheetData (which must be there).
        const close = this.rows(this.buf, this.buf.length);
        if (close < 0) throw new Corrupt();
        this.phase = 2;
        this.buf = this.buf.slice(close);
      } else {
        // Everything before the start of the last row is whole rows; the rest waits for more text.
        let cut = this.buf.lastIndexOf(this.tags.row);
        while (cut > 0 && !nameEnds(this.buf.charCodeAt(cut + this.tags.row.length)))
          cut = this.buf.lastIndexOf(this.tags.row, cut - 1);
        if (cut > 0) {
          this.rows(this.buf, cut);
          this.buf = this.buf.slice(cut);
        }
        return;
      }
    }
    if (this.phase === 2) this.tail(last);
  }

  /** After sheetData: merged areas, and the root's end tag. */
  private tail(last: boolean): void {
    const re = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*"([^"]+)"/g;
    let consumed = 0;
    for (let m = re.exec(this.buf); m; m = re.exec(this.buf)) {
      const ref = normaliseRange(m[1]);
      if (ref) this.merges.push(ref);
      consumed = re.lastIndex;
    }
    if (this.buf.includes(`</${this.prefix}worksheet>`)) this.closed = true;
    if (!last) this.buf = this.buf.slice(Math.max(consumed, this.buf.length - 400));
  }

  /** Scans whole rows in s[start, end); returns where `</sheetData>` starts, or -1 when it is not there. */
  private rows(s: string, end: number, start = 0): number {
    const t = this.tags;
    const plen = this.prefix?.length ?? 0;
    let i = s.indexOf("<", start);
    while (i >= 0 && i < end) {
      const next = s.charCodeAt(i + 1);
      if (next === 47) {
        // A closing tag: </row> ends the row, </sheetData> the rows; others are passed over.
        if (s.startsWith(t.rowClose, i)) {
          this.finishRow();
          i = s.indexOf("<", i + t.rowClose.length);
        } else if (s.startsWith(t.sheetDataClose, i)) {
          this.finishRow();
          return i;
        } else {
          i = s.indexOf("<", i + 2);
        }
        continue;
      }
      const name = s.charCodeAt(i + 1 + plen);
      if (name === 99 && nameEnds(s.charCodeAt(i + 2 + plen)) && (plen === 0 || s.startsWith(t.c, i))) {
        i = this.cell(s, i, end);
        if (s.charCodeAt(i) !== 60) i = s.indexOf("<", i);
        continue;
      }
      if (name === 114 && s.startsWith(t.row, i) && nameEnds(s.charCodeAt(i + t.row.length))) {
        i = s.indexOf("<", this.startRow(s, i));
        continue;
      }
      // Another element (extLst …) is passed over; anything that is not a tag is malformed.
      if (!isNameStart(next)) throw new Corrupt();
      i = s.indexOf("<", i + 1);
    }
    return -1;
  }

  private startRow(s: string, i: number): number {
    if (this.cells) this.finishRow();
    const gt = s.indexOf(">", i);
    if (gt < 0) throw new Corrupt();
    const at = attribute(s, i + this.tags.row.length, gt, 114);
    const r = at >= 0 ? digits(s, at, attrEnd) : -1;
    this.row = r > 0 ? r : this.row + 1;
    this.col = -1;
    if (s.charCodeAt(gt - 1) === 47) this.finishRow();
    return gt + 1;
  }

  private finishRow(): void {
    if (this.cells) this.values[this.row - 1] = this.cells;
    this.cells = null;
  }

  /**
   * One `<c>` at s[i]; returns the index after it. Hand-written over char codes: this loop runs
   * once per cell (a million times for a large ledger), and short searches by index beat indexOf.
   */
  private cell(s: string, i: number, end: number): number {
    const plen = this.prefix?.length ?? 0;
    let col = -1;
    let type = T_NUMBER;
    let style = 0;
    let k = i + 2 + plen;
    let ch = s.charCodeAt(k);
    // Attributes: r, t and s are all a cell needs.
    for (;;) {
      while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = s.charCodeAt(++k);
      if (ch === 62 || ch === 47 || k >= end) break;
      const name = k;
      while (ch !== 61 && k < end) ch = s.charCodeAt(++k);
      const nameLength = k - name;
      ch = s.charCodeAt(++k);
      while (ch === 32) ch = s.charCodeAt(++k);
      const quote = ch;
      const from = k + 1;
      k = from;
      while (s.charCodeAt(k) !== quote && k < end) k++;
      if (nameLength === 1) {
        const n = s.charCodeAt(name);
        if (n === 114) col = columnIndexAt(s, from, k);
        else if (n === 115) style = Math.max(0, digits(s, from, k));
        else if (n === 116) type = typeOf(s, from, k);
      }
      ch = s.charCodeAt(++k);
    }
    if (k >= end) throw new Corrupt();
    this.col = col >= 0 ? col : this.col + 1;
    if (ch === 47) return k + 2; // <c …/>: no value

    // The value's text is s[from, to); sliced only when it is not a plain integer.
    let from = -1;
    let to = -1;
    let formula = false;
    let inline: string | null = null;
    k++;
    for (;;) {
      if (s.charCodeAt(k) !== 60) {
        k = s.indexOf("<", k);
        if (k < 0 || k >= end) throw new Corrupt();
      }
      const at = k + 1 + plen;
      const c1 = s.charCodeAt(k + 1);
      if (c1 === 47) {
        // A closing tag: </c> ends the cell.
        const gt = s.indexOf(">", k);
        if (gt < 0 || gt >= end) throw new Corrupt();
        if (gt === at + 2 && s.charCodeAt(at + 1) === 99) {
          k = gt + 1;
          break;
        }
        k = gt + 1;
        continue;
      }
      if (plen > 0 && !s.startsWith(this.prefix ?? "", k + 1)) {
        k = s.indexOf(">", k) + 1;
        continue;
      }
      const name = s.charCodeAt(at);
      const after = s.charCodeAt(at + 1);
      if (name === 118 && after === 62) {
        // <v>text</v>
        from = at + 2;
        k = from;
        while (s.charCodeAt(k) !== 60 && k < end) k++;
        to = k;
        // </v> by its characters: a startsWith call here was a tenth of the scan.
        if (
          s.charCodeAt(k + 1) === 47 &&
          s.charCodeAt(k + 2 + plen) === 118 &&
          s.charCodeAt(k + 3 + plen) === 62 &&
          (plen === 0 || s.startsWith(this.tags.vClose, k))
        )
          k += 4 + plen;
        // The usual end: </c> right after the value.
        if (
          s.charCodeAt(k) === 60 &&
          s.charCodeAt(k + 1) === 47 &&
          s.charCodeAt(k + 2 + plen) === 99 &&
          s.charCodeAt(k + 3 + plen) === 62
        ) {
          k += 4 + plen;
          break;
        }
      } else if (name === 102 && nameEnds(after)) {
        formula = true;
        const gt = s.indexOf(">", k);
        const fEnd = s.charCodeAt(gt - 1) === 47 ? gt : s.indexOf(">", s.indexOf("</", gt));
        if (gt < 0 || fEnd < 0 || fEnd >= end) throw new Corrupt();
        k = fEnd + 1;
      } else if (name === 105 && s.charCodeAt(at + 1) === 115 && nameEnds(s.charCodeAt(at + 2))) {
        const isEnd = s.indexOf(this.tags.isClose, k);
        if (isEnd < 0 || isEnd >= end) throw new Corrupt();
        inline = itemText(s, k, isEnd, this.prefix ?? "");
        k = isEnd + this.tags.isClose.length;
      } else if (name === 118 && nameEnds(after)) {
        // <v xml:space="preserve">text</v> or <v/>
        const gt = s.indexOf(">", k);
        if (gt < 0 || gt >= end) throw new Corrupt();
        if (s.charCodeAt(gt - 1) === 47) {
          k = gt + 1;
          continue;
        }
        from = gt + 1;
        k = s.indexOf("<", from);
        to = k;
      } else {
        if (!isNameStart(name)) throw new Corrupt();
        k = s.indexOf(">", k) + 1;
        if (k <= 0 || k >= end) throw new Corrupt();
      }
    }
    let value: CellValue = null;
    if (formula) {
      this.formulaCells.push(this.col, this.row);
      // A formula's cached result (an inline string for some writers); none when not calculated.
      if (type === T_INLINE) value = inline === "" ? null : inline;
      else if (to > from) value = this.value(s, from, to, type === T_SHARED ? T_NUMBER : type, style);
    } else if (type === T_INLINE) {
      value = inline === "" ? null : inline;
    } else if (from >= 0) {
      value = this.value(s, from, to, type, style);
    }
    if (value !== null) {
      const cells = (this.cells ??= []);
      while (cells.length < this.col) cells.push(null);
      cells[this.col] = value;
    }
    return k;
  }

  private value(s: string, from: number, to: number, type: number, style: number): CellValue {
    switch (type) {
      case T_SHARED: {
        const index = digits(s, from, to);
        if (!this.sst) return null;
        if (!(index >= 0 && index < this.sst.length)) throw new Corrupt();
        return this.sst[index];
      }
      case T_STRING:
      case T_ERROR:
      case T_INLINE:
        return decodeEntities(s.slice(from, to));
      case T_BOOL:
        return parseInt(s.slice(from, to), 10) !== 0;
      case T_DATE:
        return isoSerial(s.slice(from, to), this.date1904);
      default: {
        let n = digits(s, from, to);
        if (n < 0) {
          n = parseFloat(s.slice(from, to));
          if (!Number.isFinite(n)) return null;
        }
        return this.dates[style] ? dateSerial(n, this.date1904) : n;
      }
    }
  }
}

/** End index of the value found by `attribute`. */
let attrEnd = 0;

/** Where the value of the one-letter attribute `name` starts in the tag s[from, to), or -1. */
function attribute(s: string, from: number, to: number, name: number): number {
  let k = from;
  while (k < to) {
    const ch = s.charCodeAt(k);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) {
      k++;
      continue;
    }
    const eq = s.indexOf("=", k);
    if (eq < 0 || eq > to) return -1;
    const close = s.indexOf(s.charCodeAt(eq + 1) === 39 ? "'" : '"', eq + 2);
    if (close < 0) return -1;
    if (eq - k === 1 && ch === name) {
      attrEnd = close;
      return eq + 2;
    }
    k = close + 1;
  }
  return -1;
}

/** A non-negative integer written in s[from, to) with digits only (up to 15), else -1. */
function digits(s: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function isNameStart(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 63 || code === 33
  );
}

function typeOf(s: string, from: number, to: number): number {
  const len = to - from;
  const c = s.charCodeAt(from);
  if (len === 1)
    return c === 115 ? T_SHARED : c === 98 ? T_BOOL : c === 101 ? T_ERROR : c === 100 ? T_DATE : T_NUMBER;
  if (len === 3 && c === 115) return T_STRING;
  if (len === 9 && c === 105) return T_INLINE;
  return T_NUMBER;
}

/** "b2:a1" → "A1:B2"; a single cell "C3" → "C3:C3"; null when not a range. */
function normaliseRange(ref: string): string | null {
  const r = ref.includes("!") ? null : parseRange(ref);
  return r && `${address(r.r0 + 1, r.c0)}:${address(r.r1 + 1, r.c1)}`;
}

/**
 * Cells as compact A1 ranges: runs down a column ("A4:A503"), and runs of columns with the same
 * rows joined into rectangles ("A4:B503"). Input: (column index, row number) pairs.
 */
export function compactCells(pairs: readonly number[]): string[] {
  if (!pairs.length) return [];
  const byColumn = new Map<number, number[]>();
  for (let i = 0; i < pairs.length; i += 2) {
    const list = byColumn.get(pairs[i]);
    if (list) list.push(pairs[i + 1]);
    else byColumn.set(pairs[i], [pairs[i + 1]]);
  }
  // Vertical runs per column: "top:bottom" keys.
  const runs = new Map<string, number[]>();
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byColumn.get(col))].sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      const key = `${start}:${rows[i - 1]}`;
      const cols = runs.get(key);
      if (cols) cols.push(col);
      else runs.set(key, [col]);
      start = rows[i];
    }
  }
  const out: { top: number; left: number; text: string }[] = [];
  for (const [key, cols] of runs) {
    const [top, bottom] = key.split(":").map(Number);
    let first = cols[0];
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === cols[i - 1] + 1) continue;
      const last = cols[i - 1];
      const a = `${columnLetter(first)}${top}`;
      const b = `${columnLetter(last)}${bottom}`;
      out.push({ top, left: first, text: a === b ? a : `${a}:${b}` });
      first = cols[i];
    }
  }
  return out.sort((x, y) => x.top - y.top || x.left - y.left).map((x) => x.text);
}
