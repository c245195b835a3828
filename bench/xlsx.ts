/**
 * Reading the bench's 100,000-row 民情问题台账 (BENCH_ROWS overrides), in one run, each step its own
 * process timed from start to exit (the steps taken in turn, five rounds), with its peak resident memory:
 *   raw floor   inflate the sheet XML with Node's zlib and count its cells
 *   reader      shared/xlsx/read.ts alone
 *   validate    `ledgerline validate --json` through the package's bin (the bundled build)
 *   ExcelJS 4.4.0 and excelts streaming readers, visiting every cell
 * and the targets: validate ≤ 3 × floor, ≤ 0.4 × ExcelJS streaming, under 200 MB; and a
 * 30-row file answered through the bin in under 0.3 s.
 * The children are bundled with esbuild and run with plain Node: no TypeScript loader is timed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { problemsLedger, writeXlsx } from "../test/fixtures";

const ROWS = Number(process.env.BENCH_ROWS) > 0 ? Number(process.env.BENCH_ROWS) : 100_000;
const RUNS = 5;
const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const BENCH_DIR = join(ROOT, ".bench");
const CHILD = join(BENCH_DIR, "xlsx-child.mjs");
const RSS_PRELOAD = join(ROOT, "test/hostile/rss-report.mjs");
const NODE = process.execPath;

interface Measure {
  name: string;
  /** Wall time of each run, ms. */
  runs: number[];
  /** Peak RSS over the runs, bytes. */
  rss: number;
  note: string;
}

interface Step {
  name: string;
  args: string[];
  note: (stdout: string) => string;
}

/** One run of a Node process: wall time from spawn to exit, peak RSS from the preload. */
function runOnce(step: Step): { ms: number; rss: number; stdout: string } {
  const rssFile = join(BENCH_DIR, `rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  const t = performance.now();
  const out = spawnSync(NODE, step.args, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: `--import ${RSS_PRELOAD}`, LEDGERLINE_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t;
  if (out.status !== 0 && out.status !== 1)
    throw new Error(
      `${step.name} failed (exit ${out.status}): ${out.stderr.trim().split("\n").slice(-2).join(" | ")}`,
    );
  const kb = existsSync(rssFile)
    ? Math.max(...readFileSync(rssFile, "utf8").trim().split("\n").map(Number))
    : 0;
  return { ms, rss: kb * 1024, stdout: out.stdout };
}

/**
 * Runs every step once per round, `RUNS` rounds: on a shared machine the speed drifts over a
 * minute, and taking the steps in turn lets each ratio compare runs made side by side.
 */
function measureAll(steps: Step[]): Measure[] {
  const results = steps.map((s) => ({ name: s.name, runs: [] as number[], rss: 0, last: "" }));
  for (let round = 0; round < RUNS; round++)
    steps.forEach((step, i) => {
      const { ms, rss, stdout } = runOnce(step);
      results[i].runs.push(ms);
      results[i].rss = Math.max(results[i].rss, rss);
      results[i].last = stdout;
    });
  return results.map((r, i) => ({ name: r.name, runs: r.runs, rss: r.rss, note: steps[i].note(r.last) }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmtMb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export async function run(): Promise<void> {
  console.log(
    `\n== Reading .xlsx: ${ROWS.toLocaleString("en-US")}-row 民情问题台账, each step its own process ==`,
  );
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = join(BENCH_DIR, `problems-${ROWS}.xlsx`);
  if (!existsSync(file)) await writeXlsx(file, [problemsLedger({ rows: ROWS, seed: 1 })]);
  console.log(`file: ${file} (${fmtMb(statSync(file).size)})`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, "bench/xlsx-child.ts")],
    outfile: CHILD,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    packages: "external",
    logLevel: "warning",
  });
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  const bin = join(ROOT, pkg.bin.ledgerline);
  // Always rebuilt (under a second): a bin left from an older checkout would time old code.
  const built = spawnSync(NODE, [join(ROOT, "scripts/build-cli.mjs")], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build:cli failed: ${built.stderr.trim()}`);

  const cells = (stdout: string) =>
    `${(JSON.parse(stdout) as { cells: number }).cells.toLocaleString("en-US")} cells`;
  const small = join(BENCH_DIR, "problems-30.xlsx");
  if (!existsSync(small)) await writeXlsx(small, [problemsLedger({ rows: 30, seed: 1 })]);
  const [floor, reader, validate, exceljs, excelts, quick] = measureAll([
    { name: "raw floor: zlib inflate + count <c>", args: [CHILD, "floor", file], note: cells },
    { name: "our reader alone (shared/xlsx/read.ts)", args: [CHILD, "reader", file], note: cells },
    {
      name: "validate --json through the package bin",
      args: [bin, "validate", file, "--json", "--as-of", "2025-10-01"],
      note: (stdout) => {
        const sheet = (JSON.parse(stdout) as { files: { sheets: { rows: number; errors: number }[] }[] })
          .files[0].sheets[0];
        return `${sheet.rows.toLocaleString("en-US")} rows, ${sheet.errors} errors`;
      },
    },
    { name: "ExcelJS 4.4.0 streaming read", args: [CHILD, "exceljs", file], note: cells },
    { name: "excelts 10.2.0 streaming read", args: [CHILD, "excelts", file], note: cells },
    {
      name: "validate a 30-row file through the bin",
      args: [bin, "validate", small, "--as-of", "2025-10-01"],
      note: () => "",
    },
  ]);

  const base = median(floor.runs);
  const js = median(exceljs.runs);
  const rows = [floor, reader, validate, exceljs, excelts].map((m) => [
    m.name,
    fmtS(median(m.runs)),
    m.runs.map((r) => (r / 1000).toFixed(2)).join(" / "),
    fmtMb(m.rss),
    `${(median(m.runs) / base).toFixed(2)}×`,
    `${(median(m.runs) / js).toFixed(2)}×`,
    m.note,
  ]);
  console.log(table(["step", "median", `runs (s)`, "peak RSS", "÷ floor", "÷ ExcelJS", "result"], rows));
  const v = median(validate.runs);
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(
    `a 30-row file through the bin: median ${fmtS(median(quick.runs))} (runs ${quick.runs.map((r) => (r / 1000).toFixed(2)).join(" / ")} s, ${fmtMb(quick.rss)}); target < 0.3 s`,
  );
  console.log(
    `targets: validate ≤ 3 × floor: ${(v / base).toFixed(2)}× (${verdict(v <= 3 * base)}); ` +
      `≤ 0.4 × ExcelJS streaming: ${(v / js).toFixed(2)}× (${verdict(v <= 0.4 * js)}); ` +
      `under 200 MB: ${fmtMb(validate.rss)} (${verdict(validate.rss < 200 * 1024 * 1024)})`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
