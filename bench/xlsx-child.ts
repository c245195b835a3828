/**
 * One measured read, run as its own process (bench/xlsx.ts bundles this file with esbuild and
 * runs it with plain Node, so no TypeScript loader is timed). Prints one JSON line: the cells seen.
 *   floor    inflate each sheet part whole with Node's zlib and count its <c> elements
 *   reader   shared/xlsx/read.ts, as the CLI runs it (Node's zlib, streamed)
 *   exceljs  ExcelJS 4.4.0's streaming WorkbookReader, every cell visited
 *   excelts  excelts' streaming WorkbookReader, every cell visited
 */
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { readXlsx } from "../shared/xlsx/read";
import { entryData, listZipEntries } from "../shared/xlsx/zip";
import { zlibInflater } from "../cli/read";

export type ChildMode = "floor" | "reader" | "exceljs" | "excelts";

async function count(mode: ChildMode, file: string): Promise<number> {
  let cells = 0;
  if (mode === "floor") {
    const bytes = new Uint8Array(readFileSync(file));
    const entries = listZipEntries(bytes);
    if (typeof entries === "string") throw new Error(entries);
    for (const e of entries.filter((x) => x.name.startsWith("xl/worksheets/") && x.name.endsWith(".xml"))) {
      const xml = inflateRawSync(entryData(bytes, e) ?? new Uint8Array());
      // "<c " and "<c>": the cell elements.
      for (let i = xml.indexOf(60); i >= 0; i = xml.indexOf(60, i + 1))
        if (xml[i + 1] === 99 && (xml[i + 2] === 32 || xml[i + 2] === 62)) cells++;
    }
  } else if (mode === "reader") {
    const r = await readXlsx(new Uint8Array(readFileSync(file)), { inflate: zlibInflater });
    if (!r.ok) throw new Error(r.problem);
    for (const s of r.workbook.sheets)
      for (const row of s.values) for (const v of row) if (v !== null) cells++;
  } else if (mode === "exceljs") {
    // Each library is loaded only by its own mode: loading it is part of what that mode costs, not the others.
    const { default: ExcelJS } = await import("exceljs");
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      worksheets: "emit",
    });
    for await (const ws of reader)
      for await (const row of ws) (row as { eachCell(f: () => void): void }).eachCell(() => void cells++);
  } else {
    const { WorkbookReader } = await import("@cj-tech-master/excelts");
    const reader = new WorkbookReader(new Uint8Array(readFileSync(file)), {
      worksheets: "emit",
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "cache",
      entries: "ignore",
    });
    for await (const ws of reader)
      for await (const row of ws) row.eachCell({ includeEmpty: false }, () => void cells++);
  }
  return cells;
}

const [mode, file] = process.argv.slice(2);
console.log(JSON.stringify({ cells: await count(mode as ChildMode, file) }));
