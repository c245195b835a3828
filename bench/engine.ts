/**
 * Engine bench on a generated 100,000-row 民情问题台账 (13 columns):
 *  - the engine alone on values already in memory (rows/s, cells/s);
 *  - reading the .xlsx alone vs reading + validating (wall time);
 *  - peak memory of each, measured in a child process (maxRSS from process.resourceUsage()).
 * BENCH_ROWS overrides the row count (e.g. BENCH_ROWS=20000 for a quick run).
 */
import { spawnSync } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateWorkbook } from "../shared/engine";
import { DEFAULT_REGISTRY } from "../shared/registry";
import type { WorkbookInput } from "../shared/workbook";
import { SAMPLE_AS_OF, problemsLedger, readXlsx, toWorkbookInput, writeXlsx } from "../test/fixtures";

const ROWS = Number(process.env.BENCH_ROWS) > 0 ? Number(process.env.BENCH_ROWS) : 100_000;
const COLUMNS = 13;
const SEED = 1;
const RUNS = 3;
const BENCH_DIR = resolve(".bench");
const SELF = fileURLToPath(import.meta.url);

type Mode = "validate" | "read" | "read-validate";

interface ChildResult {
  mode: Mode;
  /** Wall time of each timed run, ms. */
  runs: number[];
  /** Peak resident set size of the child, bytes. */
  maxRss: number;
  reader?: string;
  errors?: number;
  warnings?: number;
  rows?: number;
}

function validate(input: WorkbookInput) {
  return validateWorkbook(input, { asOf: SAMPLE_AS_OF, registry: DEFAULT_REGISTRY });
}

/** The reader the CLI uses when it is there (cli/read.ts), else excelts' full reader via the fixtures. */
async function pickReader(): Promise<{ name: string; read: (path: string) => Promise<WorkbookInput> }> {
  try {
    const cli: Record<string, unknown> = await import("../cli/read");
    if (typeof cli.readWorkbookFile === "function") {
      const readFile = cli.readWorkbookFile as (
        path: string,
      ) => Promise<WorkbookInput | { ok: boolean; workbook?: WorkbookInput }>;
      return { name: "cli/read readWorkbookFile", read: async (path) => unwrap(await readFile(path)) };
    }
    if (typeof cli.readWorkbookInput === "function") {
      const { cliMessages } = await import("../shared/messages/cli");
      const readInput = cli.readWorkbookInput as (
        path: string,
        options: { messages: unknown },
      ) => Promise<{ ok: boolean; workbook?: WorkbookInput; message?: string }>;
      return {
        name: "cli/read readWorkbookInput (shared/xlsx/read.ts, Node's zlib)",
        read: async (path) => unwrap(await readInput(path, { messages: cliMessages("zh-CN") })),
      };
    }
  } catch {
    // No CLI reader yet: fall through.
  }
  return { name: "excelts Workbook.xlsx.readFile (fixtures)", read: readXlsx };
}

function unwrap(
  result: WorkbookInput | { ok: boolean; workbook?: WorkbookInput; message?: string },
): WorkbookInput {
  if ("sheets" in result) return result;
  if (result.ok && result.workbook) return result.workbook;
  throw new Error(`reader refused the file: ${result.message ?? "unknown reason"}`);
}

async function child(mode: Mode, file: string): Promise<ChildResult> {
  const runs: number[] = [];
  if (mode === "validate") {
    const input = toWorkbookInput([problemsLedger({ rows: ROWS, seed: SEED })]);
    validate(input); // warm-up: JIT and the parser memo tables
    let last = validate(input);
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      last = validate(input);
      runs.push(performance.now() - t);
    }
    return {
      mode,
      runs,
      maxRss: process.resourceUsage().maxRSS * 1024,
      errors: last[0].errors,
      warnings: last[0].warnings,
      rows: last[0].rows,
    };
  }
  const reader = await pickReader();
  const t = performance.now();
  const input = await reader.read(file);
  let rows: number | undefined;
  let errors: number | undefined;
  let warnings: number | undefined;
  if (mode === "read-validate") {
    const result = validate(input)[0];
    rows = result.rows;
    errors = result.errors;
    warnings = result.warnings;
  }
  runs.push(performance.now() - t);
  return {
    mode,
    runs,
    maxRss: process.resourceUsage().maxRSS * 1024,
    reader: reader.name,
    rows,
    errors,
    warnings,
  };
}

function runChild(mode: Mode, file: string): ChildResult {
  const out = spawnSync(process.execPath, ["--import", "tsx", SELF, "--child", mode, file], {
    encoding: "utf8",
    env: { ...process.env, BENCH_ROWS: String(ROWS) },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if (out.status !== 0 || !line.startsWith("{")) {
    throw new Error(
      `bench child "${mode}" failed (exit ${out.status}): ${out.stderr.trim().split("\n").slice(-3).join(" | ")}`,
    );
  }
  return JSON.parse(line) as ChildResult;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export async function run(): Promise<void> {
  console.log(
    `\n== Engine bench: 民情问题台账, ${fmtInt(ROWS)} rows × ${COLUMNS} columns, as-of ${SAMPLE_AS_OF} ==`,
  );
  await mkdir(BENCH_DIR, { recursive: true });
  const file = join(BENCH_DIR, `problems-${ROWS}.xlsx`);
  const tGen = performance.now();
  const sheet = problemsLedger({ rows: ROWS, seed: SEED });
  const genMs = performance.now() - tGen;
  const tWrite = performance.now();
  await writeXlsx(file, [sheet]);
  const writeMs = performance.now() - tWrite;
  const size = (await stat(file)).size;
  console.log(
    `generated in ${fmtMs(genMs)} (${sheet.merges.length} merges); wrote ${file} (${fmtMb(size)}) in ${fmtMs(writeMs)}`,
  );

  const engine = runChild("validate", file);
  const read = runChild("read", file);
  const both = runChild("read-validate", file);
  const cells = ROWS * COLUMNS;
  const best = Math.min(...engine.runs);
  const rows = [
    [
      `engine only, values in memory (best of ${RUNS}, median ${fmtMs(median(engine.runs))})`,
      fmtMs(best),
      fmtInt((ROWS / best) * 1000),
      fmtInt((cells / best) * 1000),
      fmtMb(engine.maxRss),
    ],
    [
      `read .xlsx only — ${read.reader}`,
      fmtMs(read.runs[0]),
      fmtInt((ROWS / read.runs[0]) * 1000),
      fmtInt((cells / read.runs[0]) * 1000),
      fmtMb(read.maxRss),
    ],
    [
      "read .xlsx + validate",
      fmtMs(both.runs[0]),
      fmtInt((ROWS / both.runs[0]) * 1000),
      fmtInt((cells / both.runs[0]) * 1000),
      fmtMb(both.maxRss),
    ],
  ];
  console.log(table(["step", "wall", "rows/s", "cells/s", "peak RSS"], rows));
  console.log(
    `engine result: ${fmtInt(engine.rows ?? 0)} rows, ${engine.errors} errors, ${engine.warnings} warnings; ` +
      `from file: ${fmtInt(both.rows ?? 0)} rows, ${both.errors} errors, ${both.warnings} warnings. ` +
      `Peak RSS is per child process (the in-memory case includes the generated values).`,
  );
}

const argv = process.argv;
if (argv[1] && resolve(argv[1]) === SELF && argv[2] === "--child") {
  const result = await child(argv[3] as Mode, argv[4]);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
