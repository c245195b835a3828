/** Reading workbooks back in tests and benches: parts, marks, notes, and both readers' view. */
import { ValueType, Workbook } from "@cj-tech-master/excelts";
import { readXlsx } from "../../../shared/xlsx/read";
import { workbookToInput } from "../../../shared/xlsx/convert";
import { ensureChartSupport } from "../../../shared/xlsx/chart";
import type { WorkbookInput } from "../../../shared/workbook";
import { zlibInflater } from "../../../cli/read";
import { columnLetter, parseRange } from "../../../shared/read/cells";
import { listZipEntries, readEntryText } from "../../../shared/xlsx/zip";

/** "A1:B2" → ["A1", "A2", "B1", "B2"] (columns first); a single cell → itself. */
export function expandRange(ref: string): string[] {
  const r = parseRange(ref);
  if (!r) return [ref];
  const out: string[] = [];
  for (let c = r.c0; c <= r.c1; c++)
    for (let row = r.r0; row <= r.r1; row++) out.push(`${columnLetter(c)}${row + 1}`);
  return out;
}

/** Every part of a zip, as text (binary parts as latin1 so they compare byte for byte). */
export async function zipParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const entries = listZipEntries(bytes);
  if (typeof entries === "string") throw new Error(entries);
  const out = new Map<string, string>();
  for (const e of entries) out.set(e.name, (await readEntryText(bytes, e)) ?? "");
  return out;
}

/** The cells our conditional formats mark on a sheet part, by severity. */
export function marksIn(sheetXml: string): { error: string[]; warning: string[] } {
  const out = { error: [] as string[], warning: [] as string[] };
  for (const m of sheetXml.matchAll(
    /<conditionalFormatting sqref="([^"]+)">(?:(?!<\/conditionalFormatting>)[\s\S])*?ledgerline:(error|warning)/g,
  ))
    out[m[2] as "error" | "warning"].push(...m[1].split(" ").flatMap(expandRange));
  return out;
}

/** The text of each cell's note, by sheet and cell (as excelts reads them). */
export async function notesOf(bytes: Uint8Array): Promise<Record<string, Record<string, string>>> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes);
  const out: Record<string, Record<string, string>> = {};
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const note = cell.note as unknown;
        if (!note) return;
        const text =
          typeof note === "string"
            ? note
            : ((note as { texts?: { text?: string }[] }).texts ?? []).map((t) => t.text ?? "").join("");
        (out[ws.name] ??= {})[cell.address] = text;
      }),
    );
  }
  return out;
}

/** What a reader makes of a file, formulas as sorted cell sets so the notation does not matter. */
export interface ReaderView {
  date1904: boolean;
  sheets: { name: string; hidden: boolean; values: unknown[][]; merges: string[]; formulas: string[] }[];
}

function view(input: WorkbookInput, formulaCells: (i: number) => string[]): ReaderView {
  return {
    date1904: input.date1904,
    sheets: input.sheets.map((s, i) => ({
      name: s.name,
      hidden: Boolean(s.hidden),
      values: s.values,
      merges: [...s.merges].sort(),
      formulas: formulaCells(i).sort(),
    })),
  };
}

/** The new reader's view; throws when it refuses the file. */
export async function ourView(bytes: Uint8Array): Promise<ReaderView> {
  const read = await readXlsx(bytes, { inflate: zlibInflater });
  if (!read.ok) throw new Error(`refused (${read.problem})`);
  return view(read.workbook, (i) => (read.workbook.sheets[i].formulas ?? []).flatMap(expandRange));
}

/** excelts' full reader's view (workbookToInput); throws when excelts refuses the file. */
export async function exceltsView(bytes: Uint8Array): Promise<ReaderView> {
  ensureChartSupport();
  const wb = new Workbook();
  await wb.xlsx.load(bytes);
  const formulas = wb.worksheets.map((ws) => {
    const cells: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A formula cell that also holds a hyperlink reads as a hyperlink, its formula kept aside.
        if (cell.type === ValueType.Formula || cell.formula) cells.push(cell.address);
      }),
    );
    return cells;
  });
  return view(workbookToInput(wb), (i) => formulas[i] ?? []);
}

/** Both readers' view of a file. */
export async function bothReaders(bytes: Uint8Array): Promise<{ ours: ReaderView; excelts: ReaderView }> {
  return { ours: await ourView(bytes), excelts: await exceltsView(bytes) };
}
