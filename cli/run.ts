/**
 * The CLI: arguments (node:util parseArgs), commands, exit codes. 0 no errors found (warnings
 * allowed), 1 errors found (or a submission refused), 2 bad usage, an unreadable file or a
 * network/auth failure — one stderr line per problem, never a stack trace.
 */
import { writeFile } from "node:fs/promises";
import { validateWorkbook } from "../shared/engine";
import { kindsOf } from "../shared/kinds";
import type { FileReport, Report, SheetReport, SheetResult } from "../shared/report";
import { todayIn } from "../shared/read/dates";
import { YEAR_PATTERN } from "../shared/period";
import { cliMessages } from "../shared/messages/cli";
import { annotateXlsx, RESULT_SHEET } from "../shared/xlsx/annotate";
import { errorText, readWorkbookInput, zlibInflater } from "./read";
import { formatSummary, formatValidate } from "./format";
import {
  EXIT,
  LineError,
  UsageError,
  asOfOf,
  branchOf,
  parse,
  registryOf,
  requireOption,
  type Context,
  type Io,
} from "./context";

export async function run(argv: string[], io: Io, now = new Date()): Promise<number> {
  let m = cliMessages(process.env.LEDGERLINE_LANG);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    io.err(m.badArguments(e instanceof Error ? (e.message.split(/\.\s/)[0] ?? "").slice(0, 120) : String(e)));
    io.err(m.usageLine);
    return EXIT.failure;
  }
  if (parsed.values.lang) m = cliMessages(parsed.values.lang);
  const [command, ...args] = parsed.positionals;
  if (parsed.values.help || command === "help") {
    io.out(m.usage + "\n");
    return EXIT.ok;
  }
  const ctx: Context = { io, m, options: parsed.values, args, now };
  try {
    switch (command) {
      case "validate":
        return await validateCommand(ctx, false);
      case "summarize":
        return await validateCommand(ctx, true);
      case "annotate":
        return await annotateCommand(ctx);
      case "template":
        return await templateCommand(ctx);
      // The server commands and the .xlsx writer load only when used: validate starts faster.
      case "submit":
        return await (await import("./server")).submitCommand(ctx);
      case "status":
        return await (await import("./server")).statusCommand(ctx);
      case "export":
        return await (await import("./server")).exportCommand(ctx);
      case "rekey":
        return await (await import("./server")).rekeyCommand(ctx);
      case undefined:
        io.err(m.usageLine);
        return EXIT.failure;
      default:
        io.err(m.unknownCommand(command));
        io.err(m.usageLine);
        return EXIT.failure;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      io.err(m.usageLine);
      return EXIT.failure;
    }
    if (e instanceof LineError) {
      io.err(e.message);
      return EXIT.failure;
    }
    io.err(m.internalError(errorText(e)));
    return EXIT.failure;
  }
}

/** The documented `validate --json` sheet object: exactly these keys, in this order. */
export function reportSheet(r: SheetReport | SheetResult, withFindings: boolean): SheetReport {
  const out: Partial<SheetReport> = {
    sheet: r.sheet,
    kind: r.kind,
    headerRow: r.headerRow,
    rows: r.rows,
    errors: r.errors,
    warnings: r.warnings,
  };
  if (withFindings) out.findings = r.findings;
  if (r.summary !== undefined) out.summary = r.summary;
  return out as SheetReport;
}

async function validateCommand(ctx: Context, summarize: boolean): Promise<number> {
  const files = ctx.args;
  if (!files.length) throw new UsageError(ctx.m.missingFiles);
  const asOf = asOfOf(ctx);
  const registry = await registryOf(ctx);
  const branch = branchOf(ctx, registry);
  const report: Report = { asOf, files: [] };
  const periods = new Map<SheetReport, string | null>();
  let unreadable = false;
  let errors = 0;
  for (const file of files) {
    const read = await readWorkbookInput(file, {
      messages: ctx.m,
      onProgress: progressLine(ctx, file, files.length),
    });
    ctx.io.progress?.("");
    if (!read.ok) {
      ctx.io.err(read.message);
      unreadable = true;
      continue;
    }
    const results = validateWorkbook(read.workbook, { asOf, registry, branch });
    const fileReport: FileReport = {
      file,
      sheets: results.map((r) => {
        const s = reportSheet(r, !summarize);
        periods.set(s, r.period ?? null);
        return s;
      }),
    };
    errors += results.reduce((n, r) => n + r.errors, 0);
    report.files.push(fileReport);
  }
  if (ctx.options.json) {
    ctx.io.out(JSON.stringify(report, null, 2) + "\n");
  } else if (summarize) {
    const withPeriods: Report = {
      ...report,
      files: report.files.map((f) => ({
        ...f,
        sheets: f.sheets.map((s) => ({ ...s, period: periods.get(s) ?? null })),
      })),
    };
    ctx.io.out(formatSummary(withPeriods, ctx.m, registry));
  } else if (report.files.length) {
    ctx.io.out(formatValidate(report, ctx.m, registry));
  }
  return unreadable ? EXIT.failure : errors > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * A progress line on stderr (only when it is a terminal: the Io decides) for more than one file or
 * a large one, so a long batch shows it is alive.
 */
function progressLine(ctx: Context, file: string, files: number): ((fraction: number) => void) | undefined {
  const show = ctx.io.progress;
  if (!show) return undefined;
  const started = Date.now();
  return (fraction) => {
    // A small file is done before a line would be worth drawing.
    if (files > 1 || Date.now() - started > 300)
      show(ctx.m.readingProgress(file, Math.floor(fraction * 100)));
  };
}

async function annotateCommand(ctx: Context): Promise<number> {
  const [file, ...rest] = ctx.args;
  if (!file || rest.length) throw new UsageError(ctx.m.missingFiles);
  const out = requireOption(ctx, "out");
  const asOf = asOfOf(ctx);
  const registry = await registryOf(ctx);
  const read = await readWorkbookInput(file, { messages: ctx.m, onProgress: progressLine(ctx, file, 1) });
  ctx.io.progress?.("");
  if (!read.ok) {
    ctx.io.err(read.message);
    return EXIT.failure;
  }
  // Our own results sheet from an earlier run is replaced, not validated.
  const workbook = { ...read.workbook, sheets: read.workbook.sheets.filter((s) => s.name !== RESULT_SHEET) };
  const results = validateWorkbook(workbook, { asOf, registry, branch: branchOf(ctx, registry) });
  const annotated = await annotateXlsx(read.bytes, results, {
    caption: `${file}（校验日期 ${asOf}）`,
    inflate: zlibInflater,
  });
  try {
    await writeFile(out, annotated.bytes);
  } catch (e) {
    ctx.io.err(ctx.m.writeFailed(out, errorText(e)));
    return EXIT.failure;
  }
  const findings = results.flatMap((r) => r.findings);
  ctx.io.out(ctx.m.annotated(out, annotated.cellsMarked, findings.length) + "\n");
  // The annotated copy is what was asked for: writing it is success, whatever it marks.
  return EXIT.ok;
}

async function templateCommand(ctx: Context): Promise<number> {
  const [id, ...rest] = ctx.args;
  // A township's own ledgers (--registry) have templates like the built-in kinds.
  const registry = await registryOf(ctx);
  const kinds = kindsOf(registry);
  const known = kinds.map((k) => `${k.id}（${k.title}）`).join("、");
  if (!id || rest.length) throw new UsageError(ctx.m.unknownKind(id ?? "", known));
  const kind = kinds.find((k) => k.id === id || k.title === id || k.titles.includes(id));
  if (!kind) throw new UsageError(ctx.m.unknownKind(id, known));
  const out = requireOption(ctx, "out");
  const yearText = ctx.options.year;
  if (yearText !== undefined && !YEAR_PATTERN.test(yearText)) throw new UsageError(ctx.m.badYear(yearText));
  const year = yearText ? Number(yearText) : Number(todayIn("Asia/Shanghai", ctx.now).slice(0, 4));
  const { buildTemplate } = await import("../shared/xlsx/template");
  const wb = buildTemplate(kind, { registry, year });
  try {
    await writeFile(out, new Uint8Array(await wb.xlsx.writeBuffer()));
  } catch (e) {
    ctx.io.err(ctx.m.writeFailed(out, errorText(e)));
    return EXIT.failure;
  }
  ctx.io.out(ctx.m.templateWritten(out, kind.title) + "\n");
  return EXIT.ok;
}

export { EXIT, type Io } from "./context";
