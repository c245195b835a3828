/** Reads a .docx back for the tests: word/document.xml's paragraphs and tables, in document order. */
import { inflateRawSync } from "node:zlib";
import { entryData, listZipEntries } from "../../shared/xlsx/zip";

export type Block = { paragraph: string } | { table: string[][] };

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join("");

/** The document part's XML. */
export function documentXml(bytes: Uint8Array): string {
  const entries = listZipEntries(bytes);
  if (typeof entries === "string") throw new Error(`not a zip: ${entries}`);
  const entry = entries.find((e) => e.name === "word/document.xml");
  const data = entry && entryData(bytes, entry);
  if (!entry || !data) throw new Error("no word/document.xml");
  return (entry.method === 0 ? Buffer.from(data) : inflateRawSync(data)).toString("utf8");
}

/** The body's paragraphs (their text) and tables (rows of cell texts), in order. */
export function documentBlocks(bytes: Uint8Array): Block[] {
  const xml = documentXml(bytes);
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[\s>][\s\S]*?<\/w:p>/g)].map(([block]) =>
    block.startsWith("<w:tbl>")
      ? {
          table: [...block.matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map(([row]) =>
            [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([c]) => textOf(c)),
          ),
        }
      : { paragraph: textOf(block) },
  );
}

/** The table that follows the paragraph `heading`, without its header row. */
export function tableAfter(blocks: readonly Block[], heading: string): string[][] | null {
  const i = blocks.findIndex((b) => "paragraph" in b && b.paragraph === heading);
  const next = i >= 0 ? blocks[i + 1] : undefined;
  return next && "table" in next ? next.table.slice(1) : null;
}
