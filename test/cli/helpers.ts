/** Builders for CLI tests: real .xlsx files in a temp dir, and the CLI run in-process or as a child. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { run } from "../../cli/run";
import { ensureChartSupport } from "../../shared/xlsx/chart";
import { PROBLEM_HEADER, PROBLEM_TITLE, problemRow } from "../fixtures/problem-rows";

export const ROOT = resolve(import.meta.dirname, "../..");
export const AS_OF = "2025-10-01";

export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "ledgerline-cli-"));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export { PROBLEM_HEADER };

export function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

/** A clean 民情问题台账 row (1-based number n), dates as Date cells. */
export function cleanProblem(n: number): unknown[] {
  return problemRow<Date>(
    n,
    {
      编号: `M${String(n).padStart(3, "0")}`,
      收集日期: utc(2025, 9, n),
      收集人: "王建国",
      责任人: "刘海燕",
      解决日期: utc(2025, 9, n + 2),
      联系电话: "13903501201",
    },
    PROBLEM_HEADER,
  );
}

/** Writes a 民情问题台账 workbook: a merged title row, the header on row 2, then `rows`. */
export async function writeProblems(
  file: string,
  rows: unknown[][],
  options: { sheetName?: string; date1904?: boolean; extra?: (wb: Workbook) => void } = {},
): Promise<void> {
  const wb = new Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet(options.sheetName ?? "民情问题台账");
  ws.getCell("A1").value = PROBLEM_TITLE;
  ws.mergeCells("A1:M1");
  ws.getRow(2).values = PROBLEM_HEADER;
  rows.forEach((row, i) => {
    ws.getRow(3 + i).values = row as never;
    row.forEach((v, c) => {
      if (v instanceof Date) ws.getCell(3 + i, c + 1).numFmt = "yyyy-mm-dd";
    });
  });
  options.extra?.(wb);
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
}

export async function openXlsx(file: string): Promise<Workbook> {
  // excelts refuses a workbook with a chart (the township export has one) unless chart support is on.
  ensureChartSupport();
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast; same code as the binary). */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { out: (t) => (stdout += t), err: (l) => (stderr += l + "\n") });
  return { code, stdout, stderr };
}

/** Runs the CLI as a child process, as a user would. */
export function cliProcess(
  argv: string[],
  entry: "main" | "bin" = "main",
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const node = join(ROOT, "node_modules/.bin/node");
  const args =
    entry === "bin"
      ? [join(ROOT, "cli/bin.js"), ...argv]
      : [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "cli/main.ts"), ...argv];
  return new Promise((resolvePromise) => {
    execFile(
      node,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? -1 : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

export function stderrLines(r: CliResult): string[] {
  return r.stderr.split("\n").filter(Boolean);
}
