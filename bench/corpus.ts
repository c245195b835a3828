/**
 * The reader and the annotate patcher on a folder of real workbooks (LEDGERLINE_CORPUS=/path;
 * ExcelJS's spec/integration/data and SheetJS's test_files are good ones; never committed):
 *  - differential: our reader vs excelts, printing every difference (values, merges, formula
 *    cells, hidden flags, sheet order, date system) and every refusal on either side;
 *  - survival: each file annotated with marks and notes on the first cells of every sheet (the
 *    worst case: every sheet touched); every original part must come back byte for byte except
 *    the named ones (marked worksheets, their rels, comments and VML, styles, workbook, workbook
 *    rels, content types);
 *  - LibreOffice (when `soffice` is on the PATH) converts every annotated copy: it opens them.
 * `npm run bench` runs it when the variable is set; `tsx bench/corpus.ts` runs it alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readXlsx, workbookParts } from "../shared/xlsx/read";
import { annotateXlsx } from "../shared/xlsx/annotate";
import { entryData, listZipEntries, readEntryText, type ZipEntry } from "../shared/xlsx/zip";
import { relationships, relsPathOf, resolveTarget } from "../shared/xlsx/xml";
import type { Finding } from "../shared/findings";
import type { SheetReport } from "../shared/report";
import { columnLetter } from "../shared/read/cells";
import { withTimeout, zlibInflater } from "../cli/read";
import { exceltsView, ourView, type ReaderView } from "../test/shared/xlsx/inspect";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const OUT = join(ROOT, ".bench", "corpus");
const TIME_LIMIT_MS = 20_000;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.xls[xm]$/i.test(name) ? [path] : [];
  });
}

type View = ReaderView;

/** Every difference between two views, one line each. */
function differences(ours: View, theirs: View): string[] {
  const out: string[] = [];
  if (ours.date1904 !== theirs.date1904)
    out.push(`date1904: ours ${ours.date1904}, excelts ${theirs.date1904}`);
  const names = (v: View) => v.sheets.map((s) => s.name).join(", ");
  if (names(ours) !== names(theirs)) out.push(`sheets: ours [${names(ours)}], excelts [${names(theirs)}]`);
  for (const a of ours.sheets) {
    const b = theirs.sheets.find((s) => s.name === a.name);
    if (!b) continue;
    if (a.hidden !== b.hidden) out.push(`${a.name}: hidden ours ${a.hidden}, excelts ${b.hidden}`);
    for (const key of ["merges", "formulas"] as const) {
      const only = (x: string[], y: string[]) => x.filter((v) => !y.includes(v));
      const [mine, theirsOnly] = [only(a[key], b[key]), only(b[key], a[key])];
      if (mine.length || theirsOnly.length)
        out.push(
          `${a.name}: ${key} only ours [${mine.slice(0, 5).join(" ")}], only excelts [${theirsOnly.slice(0, 5).join(" ")}]`,
        );
    }
    const rows = Math.max(a.values.length, b.values.length);
    let shown = 0;
    let count = 0;
    for (let r = 0; r < rows; r++) {
      const ra = a.values[r] ?? [];
      const rb = b.values[r] ?? [];
      for (let c = 0; c < Math.max(ra.length, rb.length); c++) {
        const va = ra[c] ?? null;
        const vb = rb[c] ?? null;
        if (va === vb || (typeof va === "number" && typeof vb === "number" && Math.abs(va - vb) < 1e-9))
          continue;
        count++;
        if (shown++ < 5)
          out.push(
            `${a.name}!${columnLetter(c)}${r + 1}: ours ${JSON.stringify(va)}, excelts ${JSON.stringify(vb)}`,
          );
      }
    }
    if (count > 5) out.push(`${a.name}: … ${count} cells differ in all`);
  }
  return out;
}

/** A finding on each of the first cells of every sheet (errors and a warning): every sheet gets marks and notes. */
function syntheticResults(sheets: { name: string; values: unknown[][] }[]): SheetReport[] {
  return sheets.map((s) => {
    const cells: string[] = [];
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && cells.length < 4) cells.push(`${columnLetter(c)}${r + 1}`);
      }),
    );
    if (!cells.length) cells.push("A1");
    const findings: Finding[] = cells.map((cell, i) => ({
      code: "type",
      severity: i === cells.length - 1 ? "warning" : "error",
      sheet: s.name,
      cell,
      row: Number(/\d+/.exec(cell)?.[0]),
      column: null,
      message: `测试标记 ${cell}`,
    }));
    return {
      sheet: s.name,
      kind: null,
      headerRow: null,
      rows: 0,
      errors: cells.length - 1,
      warnings: 1,
      findings,
    };
  });
}

/** The parts annotate may change: marked sheets and their rels, comments and VML; the workbook-wide ones. */
async function allowedChanges(bytes: Uint8Array, byName: Map<string, ZipEntry>): Promise<Set<string>> {
  const parts = await workbookParts(bytes, byName, zlibInflater);
  const allowed = new Set(["[Content_Types].xml"]);
  if (!parts) return allowed;
  allowed.add(parts.workbookPath).add(relsPathOf(parts.workbookPath));
  if (parts.styles) allowed.add(parts.styles);
  for (const s of parts.sheets) {
    allowed.add(s.path).add(relsPathOf(s.path));
    const rels = byName.get(relsPathOf(s.path));
    if (!rels) continue;
    for (const r of relationships((await readEntryText(bytes, rels, zlibInflater)) ?? ""))
      if (r.type === "comments" || r.type === "vmlDrawing") allowed.add(resolveTarget(s.path, r.target));
  }
  return allowed;
}

function entriesOf(bytes: Uint8Array): Map<string, ZipEntry> {
  const list = listZipEntries(bytes);
  return new Map(typeof list === "string" ? [] : list.map((e) => [e.name, e]));
}

export async function run(): Promise<void> {
  const dir = process.env.LEDGERLINE_CORPUS;
  if (!dir) {
    console.log("\n(corpus bench: set LEDGERLINE_CORPUS to a folder of .xlsx files to run it)");
    return;
  }
  const list = files(dir);
  console.log(`\n== Corpus: ${list.length} workbooks under ${dir} ==`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const tally = {
    same: 0,
    differ: 0,
    oursRefused: 0,
    theirsRefused: 0,
    bothRefused: 0,
    annotated: 0,
    intact: 0,
  };
  const written: string[] = [];
  for (const file of list) {
    const bytes = new Uint8Array(readFileSync(file));
    const name = basename(file);
    // 1. Differential.
    const ours = await readXlsx(bytes, { inflate: zlibInflater });
    const failure = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 100);
    const mine = await ourView(bytes).catch(failure);
    const theirs = await withTimeout(exceltsView(bytes).catch(failure), TIME_LIMIT_MS);
    if (typeof mine === "string" && typeof theirs === "string") {
      tally.bothRefused++;
      console.log(`${name}: both refuse it (ours: ${mine}; excelts: ${theirs})`);
    } else if (typeof mine === "string") {
      tally.oursRefused++;
      console.log(`${name}: OURS REFUSES IT (${mine}); excelts reads it`);
    } else if (typeof theirs === "string") {
      tally.theirsRefused++;
      console.log(`${name}: excelts refuses it (${theirs}); ours reads it`);
    } else {
      const diff = differences(mine, theirs);
      if (diff.length) {
        tally.differ++;
        console.log(`${name}: ${diff.length} difference(s)`);
        for (const d of diff) console.log(`    ${d}`);
      } else tally.same++;
    }
    if (!ours.ok) continue;
    // 2. Survival.
    const annotated = await annotateXlsx(bytes, syntheticResults(ours.workbook.sheets), {
      inflate: zlibInflater,
    });
    tally.annotated++;
    const before = entriesOf(bytes);
    const after = entriesOf(annotated.bytes);
    const allowed = await allowedChanges(bytes, before);
    const broken = [...before.keys()].filter((part) => {
      if (allowed.has(part)) return false;
      const a = entryData(bytes, before.get(part)!);
      const b = after.has(part) ? entryData(annotated.bytes, after.get(part)!) : null;
      return !a || !b || Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0;
    });
    if (broken.length) console.log(`${name}: PARTS CHANGED that should not: ${broken.join(", ")}`);
    else tally.intact++;
    const out = join(OUT, `${written.length}-${name.replace(/\.xlsm$/i, ".xlsx")}`);
    writeFileSync(out, annotated.bytes);
    written.push(out);
  }
  console.log(
    `reader vs excelts: ${tally.same} identical, ${tally.differ} with differences, ${tally.oursRefused} refused by ours only, ` +
      `${tally.theirsRefused} refused by excelts only, ${tally.bothRefused} refused by both`,
  );
  console.log(`annotate: ${tally.intact} of ${tally.annotated} kept every other part byte for byte`);
  libreOffice(written);
}

/** Converts every annotated copy with LibreOffice (headless); counts those it opened. */
function libreOffice(paths: string[]): void {
  const soffice = ["soffice", "libreoffice"].find((b) => spawnSync("which", [b]).status === 0);
  if (!soffice) {
    console.log("LibreOffice: not installed here (apt-get install libreoffice-calc), not checked");
    return;
  }
  const out = join(OUT, "csv");
  mkdirSync(out, { recursive: true });
  spawnSync(soffice, ["--headless", "--norestore", "--convert-to", "csv", "--outdir", out, ...paths], {
    timeout: 600_000,
    env: { ...process.env, HOME: join(OUT, "home") },
  });
  const failed = paths.filter((p) => !existsSync(join(out, basename(p).replace(/\.xlsx$/i, ".csv"))));
  console.log(
    `LibreOffice: opened and converted ${paths.length - failed.length} of ${paths.length} annotated copies`,
  );
  for (const f of failed) console.log(`    not opened: ${basename(f)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
