/**
 * The .xlsx library comparison (docs/xlsx-library.md): ExcelJS 4.4.0 vs @cj-tech-master/excelts on
 *  - read speed and peak memory on the bench's 100,000-row 民情问题台账 (each in a child process);
 *  - browser bundle size (esbuild, minified, gzip) of a tiny entry that loads a workbook;
 *  - correctness on dates, the 1904 system, rich text and merges (files written here), and on
 *    the ExcelJS test file that hangs its reader (test-issue-1842.xlsx) when EXCELJS_CORPUS
 *    points at a folder of ExcelJS's spec/integration/data files.
 * BENCH_ROWS overrides the row count.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import { Workbook } from "@cj-tech-master/excelts";
import { workbookToInput } from "../shared/xlsx/convert";
import { streamRead } from "../cli/read";
import { listZipEntries } from "../shared/xlsx/zip";
import { problemsLedger, writeXlsx } from "../test/fixtures";

const ROWS = Number(process.env.BENCH_ROWS) > 0 ? Number(process.env.BENCH_ROWS) : 100_000;
const BENCH_DIR = resolve(".bench");
const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const CHILD_TIMEOUT_MS = 180_000;
const HANG_TIMEOUT_MS = 15_000;

type Mode = "excelts-full" | "excelts-stream" | "exceljs-full" | "exceljs-stream";
const MODES: Mode[] = ["excelts-full", "excelts-stream", "exceljs-full", "exceljs-stream"];

interface ChildResult {
  mode: string;
  ms: number;
  maxRss: number;
  cells: number;
}

/** Reads the file the given way and counts non-empty cells, so every reader does the same work. */
async function child(mode: Mode, file: string): Promise<ChildResult> {
  const t = performance.now();
  let cells = 0;
  if (mode === "excelts-full") {
    const wb = new Workbook();
    await wb.xlsx.load(new Uint8Array(readFileSync(file)));
    for (const s of workbookToInput(wb).sheets)
      for (const row of s.values) cells += row.filter((v) => v !== null).length;
  } else if (mode === "excelts-stream") {
    const bytes = new Uint8Array(readFileSync(file));
    const entries = listZipEntries(bytes);
    if (typeof entries === "string") throw new Error(entries);
    for (const s of (await streamRead(bytes, entries)).sheets)
      for (const row of s.values) cells += row.filter((v) => v !== null).length;
  } else if (mode === "exceljs-full") {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type !== ExcelJS.ValueType.Merge) cells++;
        }),
      ),
    );
  } else {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      worksheets: "emit",
    });
    for await (const ws of reader)
      for await (const row of ws) (row as ExcelJS.Row).eachCell(() => void cells++);
  }
  return { mode, ms: performance.now() - t, maxRss: process.resourceUsage().maxRSS * 1024, cells };
}

/** Opens a file with one library in a child process; "hang" when it neither settles nor fails in time. */
async function openChild(lib: "excelts" | "exceljs", file: string): Promise<string> {
  if (lib === "excelts") {
    const wb = new Workbook();
    await wb.xlsx.load(new Uint8Array(readFileSync(file)));
    return `ok (${wb.worksheets.length} sheets)`;
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return `ok (${wb.worksheets.length} sheets)`;
}

function spawnChild(
  args: string[],
  timeout: number,
): { status: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const out = spawnSync(process.execPath, ["--import", "tsx", SELF, ...args], {
    encoding: "utf8",
    cwd: ROOT,
    timeout,
    maxBuffer: 16 * 1024 * 1024,
  });
  const timedOut = (out.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return { status: out.status, stdout: out.stdout ?? "", stderr: out.stderr ?? "", timedOut };
}

function runChild(mode: Mode, file: string): ChildResult | string {
  const out = spawnChild(["--child", mode, file], CHILD_TIMEOUT_MS);
  if (out.timedOut) return `no result within ${CHILD_TIMEOUT_MS / 1000} s`;
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if (out.status !== 0 || !line.startsWith("{"))
    return `failed (exit ${out.status}): ${out.stderr.trim().split("\n").slice(-1)[0] ?? ""}`;
  return JSON.parse(line) as ChildResult;
}

function hangCheck(lib: "excelts" | "exceljs", file: string): string {
  const out = spawnChild(["--open", lib, file], HANG_TIMEOUT_MS);
  if (out.timedOut) return `never settled (killed after ${HANG_TIMEOUT_MS / 1000} s)`;
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if (out.status === 0 && line.startsWith("ok")) return line;
  if (out.status === 0) return "exited silently without a result (the promise never settled)";
  return `rejected with an error: ${(
    out.stderr
      .trim()
      .split("\n")
      .find((l) => /^\w*Error\b/.test(l)) ?? ""
  ).slice(0, 60)}`;
}

/** esbuild, browser platform, minified; returns [raw, gzip] bytes. */
function bundleSize(entry: string): [number, number] | string {
  const esbuild = join(ROOT, "node_modules/.bin/esbuild");
  const out = spawnSync(
    esbuild,
    ["--bundle", "--minify", "--platform=browser", "--format=esm", "--loader=ts", "--log-level=error"],
    {
      input: entry,
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (out.status !== 0) return `esbuild failed: ${out.stderr.toString().split("\n")[0]}`;
  return [out.stdout.length, gzipSync(out.stdout, { level: 9 }).length];
}

const ENTRIES: Record<string, string> = {
  "exceljs 4.4.0": `import ExcelJS from "exceljs"; const wb = new ExcelJS.Workbook(); export const load = (b) => wb.xlsx.load(b);`,
  "excelts 10.2.0": `import { Workbook } from "@cj-tech-master/excelts"; const wb = new Workbook(); export const load = (b) => wb.xlsx.load(b);`,
  "excelts 10.2.0 + chart support": `import { Workbook } from "@cj-tech-master/excelts"; import { installChartSupport } from "@cj-tech-master/excelts/chart"; installChartSupport(); const wb = new Workbook(); export const load = (b) => wb.xlsx.load(b);`,
};

interface Check {
  name: string;
  excelts: string;
  exceljs: string;
}

const EXPECTED_DATE = Date.UTC(2025, 8, 12);

/** Writes the quirk files (with excelts) and reads them with both libraries. */
async function correctness(dir: string): Promise<Check[]> {
  const files: Record<string, string> = {};
  for (const date1904 of [false, true]) {
    const wb = new Workbook();
    if (date1904) wb.properties.date1904 = true;
    const ws = wb.addWorksheet("台账");
    ws.getCell("A1").value = new Date(EXPECTED_DATE);
    ws.getCell("A1").numFmt = "yyyy-mm-dd";
    ws.getCell("B1").value = { richText: [{ text: "2025年" }, { font: { bold: true }, text: "9月12日" }] };
    ws.getCell("C1").value = "老牛湾";
    ws.mergeCells("C1:C4");
    const file = join(dir, `quirks-${date1904 ? 1904 : 1900}.xlsx`);
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    files[String(date1904)] = file;
  }
  const read = async (lib: "excelts" | "exceljs", file: string) => {
    if (lib === "excelts") {
      const wb = new Workbook();
      await wb.xlsx.load(new Uint8Array(readFileSync(file)));
      const ws = wb.worksheets[0];
      return {
        a1: ws.getCell("A1").value,
        b1: ws.getCell("B1").value,
        merges: ws.mergedRegions.length,
        c3: ws.getCell("C3").value,
      };
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    return {
      a1: ws.getCell("A1").value,
      b1: ws.getCell("B1").value,
      merges: Object.keys(ws.model.merges ?? {}).length,
      c3: ws.getCell("C3").value,
    };
  };
  const checks: Check[] = [];
  const verdict = (ok: boolean, detail: string) =>
    `${ok ? "correct" : "WRONG"}${detail ? ` (${detail})` : ""}`;
  const results: Record<string, Record<string, Awaited<ReturnType<typeof read>>>> = {
    excelts: {},
    exceljs: {},
  };
  for (const lib of ["excelts", "exceljs"] as const)
    for (const k of ["false", "true"]) results[lib][k] = await read(lib, files[k]);
  const dateOk = (v: unknown) => v instanceof Date && v.getTime() === EXPECTED_DATE;
  const show = (v: unknown) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : JSON.stringify(v)?.slice(0, 40);
  checks.push({
    name: "date cell, 1900 system",
    excelts: verdict(dateOk(results.excelts.false.a1), show(results.excelts.false.a1)),
    exceljs: verdict(dateOk(results.exceljs.false.a1), show(results.exceljs.false.a1)),
  });
  checks.push({
    name: "date cell, 1904 workbook",
    excelts: verdict(dateOk(results.excelts.true.a1), show(results.excelts.true.a1)),
    exceljs: verdict(dateOk(results.exceljs.true.a1), show(results.exceljs.true.a1)),
  });
  const richOk = (v: unknown) =>
    typeof v === "object" &&
    v !== null &&
    "richText" in v &&
    (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("") === "2025年9月12日";
  checks.push({
    name: "rich text runs",
    excelts: verdict(richOk(results.excelts.false.b1), ""),
    exceljs: verdict(richOk(results.exceljs.false.b1), ""),
  });
  checks.push({
    name: "merged area C1:C4",
    excelts: verdict(results.excelts.false.merges === 1, `${results.excelts.false.merges} merge`),
    exceljs: verdict(results.exceljs.false.merges === 1, `${results.exceljs.false.merges} merge`),
  });
  const corpus = process.env.EXCELJS_CORPUS;
  const find = (name: string) => {
    if (!corpus) return null;
    const candidates = [join(corpus, name), join(corpus, `spec_integration_data_${name}`)];
    return candidates.find((c) => existsSync(c)) ?? null;
  };
  const f1904 = find("1904.xlsx");
  if (f1904) {
    const ex = new Workbook();
    await ex.xlsx.load(new Uint8Array(readFileSync(f1904)));
    const js = new ExcelJS.Workbook();
    await js.xlsx.readFile(f1904);
    checks.push({
      name: "ExcelJS corpus 1904.xlsx (Excel): flag, B4 (serial 0)",
      excelts: `date1904=${String(ex.properties.date1904)}, B4=${show(ex.worksheets[0].getCell("B4").value)}`,
      exceljs: `date1904=${String((js.properties as { date1904?: boolean }).date1904)}, B4=${show(js.worksheets[0].getCell("B4").value)}`,
    });
  }
  const hang = find("test-issue-1842.xlsx");
  checks.push({
    name: "test-issue-1842.xlsx (hangs ExcelJS)",
    excelts: hang ? hangCheck("excelts", hang) : "not run (set EXCELJS_CORPUS)",
    exceljs: hang ? hangCheck("exceljs", hang) : "not run (set EXCELJS_CORPUS)",
  });
  const invalid = find("invalid-xml.xlsx");
  if (invalid) {
    checks.push({
      name: "invalid-xml.xlsx",
      excelts: hangCheck("excelts", invalid),
      exceljs: hangCheck("exceljs", invalid),
    });
  }
  return checks;
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmtKb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export async function run(): Promise<void> {
  console.log(
    `\n== .xlsx libraries: ExcelJS 4.4.0 vs excelts 10.2.0 (${ROWS.toLocaleString("en-US")}-row 民情问题台账) ==`,
  );
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = join(BENCH_DIR, `problems-${ROWS}.xlsx`);
  if (!existsSync(file)) await writeXlsx(file, [problemsLedger({ rows: ROWS, seed: 1 })]);
  console.log(`file: ${file} (${fmtMb(statSync(file).size)})`);

  const speed = MODES.map((mode) => {
    const r = runChild(mode, file);
    return typeof r === "string"
      ? [mode, r, "", ""]
      : [mode, fmtMs(r.ms), fmtMb(r.maxRss), r.cells.toLocaleString("en-US")];
  });
  console.log(table(["reader", "read time", "peak RSS", "cells"], speed));

  const sizes = Object.entries(ENTRIES).map(([name, entry]) => {
    const s = bundleSize(entry);
    return typeof s === "string" ? [name, s, ""] : [name, fmtKb(s[0]), fmtKb(s[1])];
  });
  console.log("\nbrowser bundle (esbuild --minify, a tiny entry that loads a workbook):");
  console.log(table(["library", "minified", "gzip"], sizes));

  console.log("\ncorrectness:");
  const checks = await correctness(BENCH_DIR);
  console.log(
    table(
      ["check", "excelts", "exceljs"],
      checks.map((c) => [c.name, c.excelts, c.exceljs]),
    ),
  );
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") {
  console.log(JSON.stringify(await child(argv[1] as Mode, argv[2])));
} else if (argv[0] === "--open") {
  console.log(await openChild(argv[1] as "excelts" | "exceljs", argv[2]));
} else if (process.argv[1] === SELF) {
  await run();
}
