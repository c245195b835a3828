/**
 * The little XML the .xlsx layer needs: OOXML parts are machine-written, so a scanner reads them
 * with indexOf instead of a DOM; DTDs are refused (no entity is ever expanded).
 */

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
/** OOXML's escape for characters XML cannot hold (ST_Xstring): `_x000D_`. */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

function fromCodePoint(n: number, whole: string): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

/** Decodes the predefined and numeric character references; anything else stays as written. */
export function decodeEntities(raw: string): string {
  // XML end-of-line handling: a literal CR LF or CR in the file is LF (a &#13; reference stays CR).
  const text = raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  if (text.indexOf("&") < 0) return text;
  return text.replace(
    ENTITY,
    (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
      name ? NAMED[name] : fromCodePoint(dec ? Number(dec) : parseInt(hex ?? "", 16), whole),
  );
}

/** Characters XML 1.0 cannot hold: an `_xHHHH_` naming one of them stays as written. */
function xmlForbidden(code: number): boolean {
  return (
    code === 0 ||
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    code === 0x7f ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0xfffe ||
    code === 0xffff
  );
}

/** Text of a `<t>` or `<v>` element: references decoded, then `_xHHHH_` escapes. */
export function decodeText(raw: string): string {
  const text = decodeEntities(raw);
  if (text.indexOf("_x") < 0) return text;
  return text.replace(OOXML_ESCAPE, (whole, hex: string) => {
    const code = parseInt(hex, 16);
    return xmlForbidden(code) ? whole : String.fromCharCode(code);
  });
}

/** SpreadsheetML's main namespace, the office relationships' and the package relationships'. */
export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const NS_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
/** The declaration every part we write starts with. */
export const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** Escapes text for element content or a double-quoted attribute; drops characters XML cannot hold. */
export function escapeXml(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "\n" || ch === "\r" || ch === "\t") out += `&#${code};`;
    else if (code < 0x10000 && xmlForbidden(code)) continue;
    else out += ch;
  }
  return out;
}

/** The attributes of one start tag (`<c r="A1" t="s">`), values decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out[m[1]] = decodeEntities(m[2] ?? m[3] ?? "");
  return out;
}

/** Every start (or empty) tag named `name` (any namespace prefix) in `xml`, with its attributes. */
export function tags(xml: string, name: string): Record<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])[^>]*>`, "g");
  return [...xml.matchAll(re)].map((m) => attributes(m[0]));
}

/**
 * True when anything but the XML declaration, comments and processing instructions comes before
 * the root element: stray text (not XML), or a DTD (OOXML never has one, and its entities are
 * the billion-laughs bomb).
 */
export function badProlog(xml: string): boolean {
  const root = xml.search(/<[A-Za-z_]/);
  const prolog = root < 0 ? xml : xml.slice(0, root);
  return (
    prolog
      .replace(/^\uFEFF/, "")
      .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, "")
      .trim() !== ""
  );
}

/** The namespace prefix of the root element (`x:` in `<x:worksheet>`), or "". */
export function rootPrefix(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s/>]/.exec(
    xml.replace(/<\?[^>]*\?>/g, "").replace(/<!--[\s\S]*?-->/g, ""),
  );
  return m?.[1] ?? "";
}

/** Resolves a relationship target against the folder of the part that owns it. */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = ownerPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(seg);
  }
  return base.join("/");
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The relationships of a `.rels` part (types shortened to their last segment: "worksheet"). */
export function relationships(xml: string): Relationship[] {
  return tags(xml, "Relationship").map((a) => ({
    id: a.Id ?? "",
    type: (a.Type ?? "").split("/").pop() ?? "",
    target: a.Target ?? "",
    external: a.TargetMode === "External",
  }));
}
