/**
 * The annotated copy, made by patching the package instead of re-serialising it: every part of
 * the clerk's workbook stays byte for byte except
 *  - each worksheet that gets marks (conditional formats, and a `<legacyDrawing>` when it had none),
 *  - its notes (a new comments part and VML drawing, or ours appended to the clerk's own),
 *  - `styles.xml` (two highlight formats and the 校验结果 sheet's formats appended; nothing renumbered),
 *  - `workbook.xml`, `[Content_Types].xml` and the relationships that must name the added parts.
 * Pictures, WPS cell images, custom properties, macros, pivot tables, data validations and the
 * clerk's own conditional formats and notes are not touched. A note is never written over a note
 * of the clerk's (ledgers spec: "unless the clerk already has a note there"); the finding is still
 * marked and listed, with a link to its cell, in 校验结果. Marks and notes of an earlier run are
 * replaced, not piled up. The same code serves the CLI and the standalone page.
 */
import type { Finding } from "../findings";
import type { SheetReport } from "../report";
import { FINDING_CODE_NAMES, RESULT_SHEET_TEXT, SEVERITY_NAMES } from "../messages/codes";
import type { Locale } from "../messages/pane";
import { columnIndex, columnLetter, parseRange } from "../read/cells";
import { compactCells, workbookParts } from "./read";
import {
  NS_MAIN,
  NS_PACKAGE_REL,
  NS_REL,
  XML_DECLARATION,
  escapeXml,
  relationships,
  relsPathOf,
  resolveTarget,
  rootPrefix,
  tags,
} from "./xml";
import {
  inspectXlsx,
  readEntryText,
  webInflater,
  writeZip,
  type Inflater,
  type OutEntry,
  type ZipEntry,
} from "./zip";

export const RESULT_SHEET = "校验结果";
/** Highlight colours, as the Excel add-in uses them. */
export const ERROR_FILL = "FFFFC7CE";
export const WARNING_FILL = "FFFFEB9C";
/** Always-true formulas that tell our conditional formats from the clerk's (the add-in uses the same). */
export const MARKER_FORMULA = {
  error: 'N("ledgerline:error")=0',
  warning: 'N("ledgerline:warning")=0',
} as const;
/** The first words of every note we write; notes starting so are ours to replace. */
export const NOTE_MARK = "【台账校验】";
const NOTE_AUTHOR = "台账通";

const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
};

/** Worksheet children that come after conditional formats, in schema order (ECMA-376 CT_Worksheet). */
const AFTER_CONDITIONAL = [
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const AFTER_LEGACY_DRAWING = AFTER_CONDITIONAL.slice(AFTER_CONDITIONAL.indexOf("legacyDrawingHF"));

export interface AnnotateOptions {
  /** Title row of the 校验结果 sheet, e.g. the file name and as-of date. */
  caption?: string;
  inflate?: Inflater;
  locale?: Locale;
}

export interface Annotated {
  bytes: Uint8Array;
  /** Cells marked (each finding's cell, merged areas counted once). */
  cellsMarked: number;
  /** Notes written (cells with a note of the clerk's get none). */
  notesWritten: number;
}

/** Marks each finding's cell, notes it, and lists every finding in a 校验结果 sheet. */
export async function annotateXlsx(
  bytes: Uint8Array,
  results: readonly SheetReport[],
  options: AnnotateOptions = {},
): Promise<Annotated> {
  const inflate = options.inflate ?? webInflater;
  const zip = inspectXlsx(bytes);
  if (!zip.ok) throw new Error(`annotate: not a readable workbook (${zip.problem})`);
  const byName = new Map(zip.entries.map((e) => [e.name, e]));
  const parts = await workbookParts(bytes, byName, inflate);
  if (!parts) throw new Error("annotate: no workbook part");
  const pkg = new Package(bytes, zip.entries, byName, inflate);
  const text = async (path: string) => (await pkg.text(path)) ?? "";

  const contentTypes = new ContentTypes(await text("[Content_Types].xml"));
  const styles = await Styles.open(pkg, parts.styles, parts.workbookPath);
  const findings = results.flatMap((r) => r.findings);
  let cellsMarked = 0;
  let notesWritten = 0;

  for (const sheet of parts.sheets) {
    if (sheet.name === RESULT_SHEET) continue;
    const marks = new Map<string, Finding[]>();
    for (const f of findings) {
      if (f.sheet !== sheet.name || !f.cell || f.severity === "info") continue;
      marks.set(f.cell, [...(marks.get(f.cell) ?? []), f]);
    }
    const xml = await text(sheet.path);
    if (!marks.size && !xml.includes("ledgerline:")) continue;
    const marked = await markSheet(pkg, sheet.path, xml, marks, styles, contentTypes);
    cellsMarked += marked.cells;
    notesWritten += marked.notes;
  }

  // The 校验结果 sheet: our own from an earlier run is rewritten in place.
  const resultXml = resultSheetXml(findings, options.caption, styles.result, options.locale ?? "zh-CN");
  const existing = parts.sheets.find((s) => s.name === RESULT_SHEET);
  const workbookRels = new Rels(parts.workbookRelsXml);
  if (existing) {
    pkg.put(existing.path, resultXml);
  } else {
    const path = pkg.freeName("xl/worksheets/sheet", ".xml");
    pkg.put(path, resultXml);
    contentTypes.override(path, CT.worksheet);
    const id = workbookRels.add("worksheet", relativeTarget(parts.workbookPath, path));
    pkg.put(parts.workbookPath, addSheet(parts.workbookXml, RESULT_SHEET, id));
  }
  styles.save(pkg, contentTypes, workbookRels, parts.workbookPath);
  const relsXml = workbookRels.xml();
  if (relsXml !== parts.workbookRelsXml) pkg.put(relsPathOf(parts.workbookPath), relsXml);
  pkg.put("[Content_Types].xml", contentTypes.xml());
  return { bytes: await pkg.write(), cellsMarked, notesWritten };
}

// ---------------------------------------------------------------------------------------------
// The package: original entries, and the parts we replace or add

class Package {
  private readonly changed = new Map<string, string>();
  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: readonly ZipEntry[],
    private readonly byName: ReadonlyMap<string, ZipEntry>,
    private readonly inflate: Inflater,
  ) {}

  has(path: string): boolean {
    return this.changed.has(path) || this.byName.has(path);
  }

  async text(path: string): Promise<string | null> {
    return this.changed.get(path) ?? readEntryText(this.bytes, this.byName.get(path), this.inflate);
  }

  put(path: string, text: string): void {
    this.changed.set(path, text);
  }

  /** `xl/comments` + the first number no part uses + `.xml`. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  async write(): Promise<Uint8Array> {
    const encoder = new TextEncoder();
    const out: OutEntry[] = this.entries.map((e) =>
      this.changed.has(e.name)
        ? { name: e.name, data: encoder.encode(this.changed.get(e.name)) }
        : { name: e.name, copy: e },
    );
    for (const [name, text] of this.changed)
      if (!this.byName.has(name)) out.push({ name, data: encoder.encode(text) });
    return writeZip(this.bytes, out);
  }
}

/** `[Content_Types].xml`: overrides and defaults added, nothing else changed. */
class ContentTypes {
  private added = "";
  constructor(private readonly source: string) {}
  override(path: string, type: string): void {
    if (this.source.includes(`PartName="/${path}"`) || this.added.includes(`PartName="/${path}"`)) return;
    this.added += `<Override PartName="/${escapeXml(path)}" ContentType="${type}"/>`;
  }
  default(extension: string, type: string): void {
    const re = new RegExp(`Extension="${extension}"`, "i");
    if (re.test(this.source) || re.test(this.added)) return;
    this.added += `<Default Extension="${extension}" ContentType="${type}"/>`;
  }
  xml(): string {
    return this.added ? insertBefore(this.source, "</Types>", this.added) : this.source;
  }
}

/** A relationships part: new relationships appended with ids the part does not use. */
class Rels {
  private added = "";
  private readonly ids: Set<string>;
  constructor(private readonly source: string) {
    this.ids = new Set(relationships(source).map((r) => r.id));
  }
  add(type: string, target: string): string {
    let n = 1;
    while (this.ids.has(`rIdLl${n}`)) n++;
    const id = `rIdLl${n}`;
    this.ids.add(id);
    this.added += `<Relationship Id="${id}" Type="${REL_TYPE}${type}" Target="${escapeXml(target)}"/>`;
    return id;
  }
  xml(): string {
    if (!this.source.trim())
      return `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_REL}">${this.added}</Relationships>`;
    return this.added ? insertBefore(this.source, "</Relationships>", this.added) : this.source;
  }
}

/** Inserts `text` before the last occurrence of `closing` (any namespace prefix). */
function insertBefore(xml: string, closing: string, text: string): string {
  const name = closing.slice(2, -1);
  const m = [...xml.matchAll(new RegExp(`</(?:[\\w.-]+:)?${name}>`, "g"))].pop();
  const at = m?.index ?? xml.length;
  return xml.slice(0, at) + text + xml.slice(at);
}

/** A target as written in the rels of `owner` (relative to its folder). */
function relativeTarget(owner: string, path: string): string {
  const from = owner.split("/").slice(0, -1);
  const to = path.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

// ---------------------------------------------------------------------------------------------
// Styles: formats appended at the end of each list, so no index the workbook uses changes

interface ResultStyles {
  text: number;
  caption: number;
  header: number;
  error: number;
  warning: number;
  link: number;
}

class Styles {
  result: ResultStyles = { text: 0, caption: 0, header: 0, error: 0, warning: 0, link: 0 };
  dxf = { error: 0, warning: 0 };
  private constructor(
    private xml: string,
    private readonly path: string,
    private readonly created: boolean,
  ) {}

  static async open(pkg: Package, path: string | null, workbookPath: string): Promise<Styles> {
    const source = path ? await pkg.text(path) : null;
    const styles =
      source && /<(?:[\w.-]+:)?cellXfs\b/.test(source)
        ? new Styles(source, path as string, false)
        : new Styles(MINIMAL_STYLES, path ?? resolveTarget(workbookPath, "styles.xml"), !source);
    styles.append();
    return styles;
  }

  /** Appends our fonts, fills, cell formats and highlight formats. */
  private append(): void {
    const p = rootPrefix(this.xml);
    const [bold, caption, link] = this.add("fonts", "font", [
      `<${p}font><${p}b/><${p}sz val="11"/></${p}font>`,
      `<${p}font><${p}b/><${p}sz val="13"/></${p}font>`,
      `<${p}font><${p}u/><${p}sz val="11"/><${p}color rgb="FF0563C1"/></${p}font>`,
    ]);
    const solid = (argb: string) =>
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor rgb="${argb}"/></${p}patternFill></${p}fill>`;
    const [blue, red, yellow] = this.add("fills", "fill", [
      solid("FFD9E1F2"),
      solid(ERROR_FILL),
      solid(WARNING_FILL),
    ]);
    // Text format (@) on every cell we write: formula-like text stays text if the clerk edits it.
    const xf = (fontId: number, fillId: number, wrap = false) =>
      `<${p}xf numFmtId="49" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0" applyNumberFormat="1"${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${wrap ? ` applyAlignment="1"><${p}alignment vertical="top" wrapText="1"/></${p}xf>` : "/>"}`;
    const [text, captionXf, header, error, warning, linkXf] = this.add("cellXfs", "xf", [
      xf(0, 0, true),
      xf(caption, 0),
      xf(bold, blue),
      xf(0, red),
      xf(0, yellow),
      xf(link, 0),
    ]);
    this.result = { text, caption: captionXf, header, error, warning, link: linkXf };
    const dxf = (argb: string) =>
      `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor rgb="${argb}"/></${p}patternFill></${p}fill></${p}dxf>`;
    const [errorDxf, warningDxf] = this.add("dxfs", "dxf", [dxf(ERROR_FILL), dxf(WARNING_FILL)]);
    this.dxf = { error: errorDxf, warning: warningDxf };
  }

  /**
   * Appends items to a list element (creating it where the schema puts it) and returns each
   * item's index; an item already there (ours from an earlier run) is reused, not added again.
   */
  private add(list: string, item: string, items: string[]): number[] {
    const p = rootPrefix(this.xml);
    const open = new RegExp(`<${p}${list}(?=[\\s/>])[^>]*?(/?)>`);
    const m = open.exec(this.xml);
    if (!m) {
      const block = `<${p}${list} count="${items.length}">${items.join("")}</${p}${list}>`;
      const after = ["tableStyles", "colors", "extLst"].map((n) =>
        this.xml.search(new RegExp(`<${p}${n}[\\s/>]`)),
      );
      const at = Math.min(...after.filter((i) => i >= 0), this.xml.lastIndexOf("</"));
      this.xml = this.xml.slice(0, at) + block + this.xml.slice(at);
      return items.map((_, i) => i);
    }
    const start = m.index;
    const selfClosing = m[1] === "/";
    const close = `</${p}${list}>`;
    const end = selfClosing ? start + m[0].length : this.xml.indexOf(close, start);
    const body = selfClosing ? "" : this.xml.slice(start + m[0].length, end);
    const children = directChildren(body, `${p}${item}`);
    let count = children.length;
    let added = "";
    const indices = items.map((x) => {
      const at = children.indexOf(x);
      if (at >= 0) return at;
      added += x;
      return count++;
    });
    const tag = m[0].replace(/\s*\/?>$/, "").replace(/\scount="\d*"/, "") + ` count="${count}">`;
    this.xml =
      this.xml.slice(0, start) +
      tag +
      body +
      added +
      close +
      this.xml.slice(selfClosing ? end : end + close.length);
    return indices;
  }

  /** Writes the part; a workbook that had none gets it named in its rels and content types. */
  save(pkg: Package, contentTypes: ContentTypes, workbookRels: Rels, workbookPath: string): void {
    pkg.put(this.path, this.xml);
    if (!this.created) return;
    contentTypes.override(this.path, CT.styles);
    workbookRels.add("styles", relativeTarget(workbookPath, this.path));
  }
}

/** The text of each direct child element of a list's body. */
function directChildren(body: string, name: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const re = /<(\/?)([\w.:-]+)[^>]*?(\/?)>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[1]) {
      depth--;
      if (depth === 0) out.push(body.slice(start, re.lastIndex));
    } else {
      if (depth === 0) start = m.index;
      if (m[3]) {
        if (depth === 0) out.push(body.slice(start, re.lastIndex));
      } else depth++;
    }
  }
  return out.filter((x) => new RegExp(`^<${name}[\\s/>]`).test(x));
}

const MINIMAL_STYLES =
  `${XML_DECLARATION}<styleSheet xmlns="${NS_MAIN}">` +
  `<fonts count="1"><font><sz val="11"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

// ---------------------------------------------------------------------------------------------
// Marking one worksheet

/** The top-left cell of the merged area holding `cell`, or the cell itself. */
function visibleCell(cell: string, merges: readonly string[]): string {
  const at = parseRange(cell);
  if (!at) return cell;
  for (const m of merges) {
    const r = parseRange(m);
    if (r && at.r0 >= r.r0 && at.r0 <= r.r1 && at.c0 >= r.c0 && at.c0 <= r.c1)
      return `${columnLetter(r.c0)}${r.r0 + 1}`;
  }
  return cell;
}

async function markSheet(
  pkg: Package,
  path: string,
  source: string,
  findingsByCell: ReadonlyMap<string, Finding[]>,
  styles: Styles,
  contentTypes: ContentTypes,
): Promise<{ cells: number; notes: number }> {
  const p = rootPrefix(source);
  // An earlier run's conditional formats go; the clerk's stay.
  let xml = source.replace(
    new RegExp(
      `<${p}conditionalFormatting\\b[^>]*>\\s*<${p}cfRule\\b[^>]*>\\s*<${p}formula>N\\((?:"|&quot;)ledgerline:(?:error|warning)(?:"|&quot;)\\)=0</${p}formula>\\s*</${p}cfRule>\\s*</${p}conditionalFormatting>`,
      "g",
    ),
    "",
  );
  const merges = tags(xml, "mergeCell").map((a) => a.ref ?? "");
  const byCell = new Map<string, Finding[]>();
  for (const [cell, list] of findingsByCell) {
    const shown = visibleCell(cell, merges);
    byCell.set(shown, [...(byCell.get(shown) ?? []), ...list]);
  }

  // Conditional formats after the clerk's own, so theirs keep their precedence.
  const priorities = tags(xml, "cfRule").map((a) => Number(a.priority) || 0);
  let priority = Math.max(0, ...priorities);
  let blocks = "";
  for (const severity of ["error", "warning"] as const) {
    const cells = [...byCell]
      .filter(([, list]) => (list.some((f) => f.severity === "error") ? "error" : "warning") === severity)
      .flatMap(([cell]) => {
        const r = parseRange(cell);
        return r ? [r.c0, r.r0 + 1] : [];
      });
    if (!cells.length) continue;
    priority += 1;
    blocks +=
      `<${p}conditionalFormatting sqref="${compactCells(cells).join(" ")}">` +
      `<${p}cfRule type="expression" dxfId="${styles.dxf[severity]}" priority="${priority}">` +
      `<${p}formula>${escapeXml(MARKER_FORMULA[severity])}</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
  }
  if (blocks) {
    const lastCf = [...xml.matchAll(new RegExp(`</${p}conditionalFormatting>`, "g"))].pop();
    const at = lastCf ? (lastCf.index ?? 0) + lastCf[0].length : firstOf(xml, p, AFTER_CONDITIONAL);
    xml = xml.slice(0, at) + blocks + xml.slice(at);
  }

  // Notes: into the sheet's comments part (the clerk's, or a new one) and its VML drawing.
  const relsPath = relsPathOf(path);
  const relsXml = (await pkg.text(relsPath)) ?? "";
  const rels = relationships(relsXml);
  const commentsRel = rels.find((r) => r.type === "comments" && !r.external);
  const commentsPath = commentsRel ? resolveTarget(path, commentsRel.target) : null;
  const legacyId = tags(xml, "legacyDrawing").map(
    (a) => a[Object.keys(a).find((k) => k.endsWith(":id")) ?? ""],
  )[0];
  const vmlRel = legacyId ? rels.find((r) => r.id === legacyId) : undefined;
  const vmlPath = vmlRel ? resolveTarget(path, vmlRel.target) : null;

  let comments = commentsPath ? ((await pkg.text(commentsPath)) ?? "") : "";
  let vml = vmlPath ? ((await pkg.text(vmlPath)) ?? "") : "";
  const removed = new Set<string>();
  if (comments) {
    // An earlier run's notes go; the clerk's stay.
    comments = comments.replace(
      /<(?:[\w.-]+:)?comment\b[^>]*\bref="([A-Z]+\d+)"[^>]*>[\s\S]*?<\/(?:[\w.-]+:)?comment>/g,
      (whole, ref: string) => {
        if (!whole.replace(/<[^>]+>/g, "").startsWith(NOTE_MARK)) return whole;
        removed.add(ref);
        return "";
      },
    );
    if (removed.size && vml) vml = removeShapes(vml, removed);
  }
  const clerkNoted = new Set(comments ? tags(comments, "comment").map((a) => a.ref ?? "") : []);
  const toNote = [...byCell].filter(([cell]) => !clerkNoted.has(cell));

  const changedRels = new Rels(relsXml);
  if (toNote.length || removed.size) {
    let authorId = 0;
    if (toNote.length) {
      if (!comments) {
        comments = `${XML_DECLARATION}<comments xmlns="${NS_MAIN}"><authors><author>${NOTE_AUTHOR}</author></authors><commentList></commentList></comments>`;
      }
      const cp = rootPrefix(comments);
      const authors = [...comments.matchAll(/<(?:[\w.-]+:)?author>([\s\S]*?)<\/(?:[\w.-]+:)?author>/g)].map(
        (m) => m[1],
      );
      authorId = authors.indexOf(NOTE_AUTHOR);
      if (authorId < 0) {
        authorId = authors.length;
        comments = /<(?:[\w.-]+:)?authors\s*\/>/.test(comments)
          ? comments.replace(
              /<((?:[\w.-]+:)?)authors\s*\/>/,
              `<$1authors><$1author>${NOTE_AUTHOR}</$1author></$1authors>`,
            )
          : insertBefore(comments, "</authors>", `<${cp}author>${NOTE_AUTHOR}</${cp}author>`);
      }
      const items = toNote.map(([cell, list]) => noteXml(cp, cell, authorId, list)).join("");
      comments = /<(?:[\w.-]+:)?commentList\s*\/>/.test(comments)
        ? comments.replace(/<((?:[\w.-]+:)?)commentList\s*\/>/, `<$1commentList>${items}</$1commentList>`)
        : insertBefore(comments, "</commentList>", items);
      vml = vml
        ? insertBefore(
            vml,
            "</xml>",
            shapesXml(
              vml,
              toNote.map(([c]) => c),
            ),
          )
        : newVml(toNote.map(([c]) => c));
    }
    const cPath = commentsPath ?? pkg.freeName("xl/comments", ".xml");
    pkg.put(cPath, comments);
    if (!commentsPath) {
      changedRels.add("comments", relativeTarget(path, cPath));
      contentTypes.override(cPath, CT.comments);
    }
    if (vml) {
      const vPath = vmlPath ?? pkg.freeName("xl/drawings/vmlDrawing", ".vml");
      pkg.put(vPath, vml);
      if (!vmlPath) {
        const id = changedRels.add("vmlDrawing", relativeTarget(path, vPath));
        contentTypes.default("vml", CT.vml);
        const ns = new RegExp(`xmlns:([\\w.-]+)="${NS_REL}"`).exec(xml)?.[1];
        const rp = ns ?? "r";
        const tag = `<${p}legacyDrawing ${rp}:id="${id}"${ns ? "" : ` xmlns:r="${NS_REL}"`}/>`;
        const at = firstOf(xml, p, AFTER_LEGACY_DRAWING);
        xml = xml.slice(0, at) + tag + xml.slice(at);
      }
    }
  }
  const newRels = changedRels.xml();
  if (newRels !== relsXml) pkg.put(relsPath, newRels);
  if (xml !== source) pkg.put(path, xml);
  return { cells: byCell.size, notes: toNote.length };
}

/** Where the first of `names` (worksheet children) starts, else before the root's end tag. */
function firstOf(xml: string, p: string, names: readonly string[]): number {
  const tail = Math.max(
    0,
    xml.lastIndexOf(`</${p}sheetData>`),
    xml.search(new RegExp(`<${p}sheetData\\s*/>`)),
  );
  let best = xml.lastIndexOf(`</${p}worksheet>`);
  for (const name of names) {
    const re = new RegExp(`<${p}${name}[\\s/>]`, "g");
    re.lastIndex = tail;
    const m = re.exec(xml);
    if (m && m.index < best) best = m.index;
  }
  return best;
}

function noteText(list: readonly Finding[]): string {
  return NOTE_MARK + list.map((f) => (f.hint ? `${f.message}\n建议：${f.hint}` : f.message)).join("\n");
}

function noteXml(p: string, cell: string, authorId: number, list: readonly Finding[]): string {
  return `<${p}comment ref="${cell}" authorId="${authorId}"><${p}text><${p}r><${p}t xml:space="preserve">${escapeXml(noteText(list))}</${p}t></${p}r></${p}text></${p}comment>`;
}

/** Removes the note shapes anchored on the given cells from a VML drawing. */
function removeShapes(vml: string, cells: ReadonlySet<string>): string {
  return vml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (shape) => {
    const row = /<x:Row>(\d+)<\/x:Row>/.exec(shape);
    const col = /<x:Column>(\d+)<\/x:Column>/.exec(shape);
    if (!row || !col || !/ObjectType="Note"/.test(shape)) return shape;
    return cells.has(`${columnLetter(Number(col[1]))}${Number(row[1]) + 1}`) ? "" : shape;
  });
}

const SHAPE_TYPE =
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function newVml(cells: readonly string[]): string {
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
    SHAPE_TYPE +
    shapesXml("", cells) +
    `</xml>`
  );
}

/** Hidden note boxes for the cells, with shape ids above any the drawing already uses. */
function shapesXml(vml: string, cells: readonly string[]): string {
  const used = [...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
  let id = Math.max(1024, ...used);
  const type = vml && !vml.includes('id="_x0000_t202"') ? SHAPE_TYPE : "";
  return (
    type +
    cells
      .map((cell) => {
        const m = /^([A-Z]+)(\d+)$/.exec(cell);
        const col = m ? columnIndex(m[1]) : 0;
        const row = m ? Number(m[2]) - 1 : 0;
        id += 1;
        return (
          `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
          `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
          `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
          `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>` +
          `<x:Anchor>${col + 1}, 15, ${Math.max(0, row - 1)}, 2, ${col + 4}, 15, ${row + 4}, 16</x:Anchor>` +
          `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
        );
      })
      .join("")
  );
}

// ---------------------------------------------------------------------------------------------
// The 校验结果 sheet

const RESULT_WIDTHS = [22, 9, 7, 18, 16, 60, 44];

/** Adds `<sheet name=… sheetId=… r:id=…/>` at the end of the workbook's sheet list. */
function addSheet(workbookXml: string, name: string, relId: string): string {
  const p = rootPrefix(workbookXml);
  const ids = tags(workbookXml, "sheet").map((a) => Number(a.sheetId) || 0);
  const ns = new RegExp(`xmlns:([\\w.-]+)="${NS_REL}"`).exec(workbookXml)?.[1];
  const tag = `<${p}sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}" ${ns ?? "r"}:id="${relId}"${ns ? "" : ` xmlns:r="${NS_REL}"`}/>`;
  if (new RegExp(`<${p}sheets\\s*/>`).test(workbookXml))
    return workbookXml.replace(new RegExp(`<${p}sheets\\s*/>`), `<${p}sheets>${tag}</${p}sheets>`);
  return insertBefore(workbookXml, "</sheets>", tag);
}

/** A sheet name as a formula reference: 'name' with quotes doubled. */
function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function resultSheetXml(
  findings: readonly Finding[],
  caption: string | undefined,
  s: ResultStyles,
  locale: Locale,
): string {
  const text = RESULT_SHEET_TEXT[locale];
  const rows: string[] = [];
  const links: string[] = [];
  const cell = (ref: string, value: string, style: number) =>
    `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
  let r = 1;
  if (caption) {
    rows.push(`<row r="${r}">${cell(`A${r}`, caption, s.caption)}</row>`);
    r += 1;
  }
  const headerRow = r;
  rows.push(
    `<row r="${r}">${text.headers.map((h, i) => cell(`${columnLetter(i)}${r}`, h, s.header)).join("")}</row>`,
  );
  for (const f of findings) {
    r += 1;
    const severityStyle = f.severity === "error" ? s.error : f.severity === "warning" ? s.warning : s.text;
    const values: [string, number][] = [
      [f.sheet, s.text],
      [f.cell ?? "", f.cell ? s.link : s.text],
      [SEVERITY_NAMES[locale][f.severity], severityStyle],
      [FINDING_CODE_NAMES[locale][f.code] ?? f.code, s.text],
      [f.column ?? "", s.text],
      [f.message, s.text],
      [f.hint ?? "", s.text],
    ];
    rows.push(
      `<row r="${r}">${values.map(([v, st], i) => cell(`${columnLetter(i)}${r}`, v, st)).join("")}</row>`,
    );
    if (f.cell)
      links.push(
        `<hyperlink ref="B${r}" location="${escapeXml(`${sheetRef(f.sheet)}!${f.cell}`)}" display="${escapeXml(f.cell)}"/>`,
      );
  }
  if (!findings.length) {
    r += 1;
    rows.push(`<row r="${r}">${cell(`A${r}`, text.none, s.text)}</row>`);
  }
  const cols = RESULT_WIDTHS.map(
    (w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`,
  ).join("");
  return (
    XML_DECLARATION +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:G${r}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    (findings.length ? `<autoFilter ref="A${headerRow}:G${r}"/>` : "") +
    (links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "") +
    `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    `</worksheet>`
  );
}
