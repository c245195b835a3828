/** submit, status, return, export and rekey: the CLI as a client of the Worker's HTTP API. */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { hc } from "hono/client";
import {
  MeSchema,
  OFFICE_LABEL,
  PeriodSchema,
  ReceiptSchema,
  RekeyResponseSchema,
  RecordsResponseSchema,
  RegistryResponseSchema,
  QuarterSchema,
  StatusResponseSchema,
  SubmissionItemSchema,
  SummaryResponseSchema,
  YearSchema,
  type Receipt,
  type StatusResponse,
  type SubmissionRequest,
} from "../shared/api";
import {
  answer,
  clientOptions,
  isRetryable,
  serverBase,
  type ApiFailure,
  type ApiResult,
} from "../shared/client";
import { validateWorkbook } from "../shared/engine";
import { beijingTime } from "../shared/read/dates";
import { kindById, kindsOf } from "../shared/kinds";
import type { Registry } from "../shared/registry";
import type { Summary } from "../shared/figures";
import { reportDocx } from "../shared/period-report/docx";
import { PeriodReportSchema } from "../shared/period-report/schema";
import { buildConsolidated, BRANCH_COLUMN, type ConsolidatedKind } from "../shared/xlsx/consolidated";
import type { CliMessages } from "../shared/messages/cli";
import type { AppType } from "../worker/index";
import { errorText, readWorkbookInput } from "./read";
import {
  EXIT,
  LineError,
  UsageError,
  asOfOf,
  branchOf,
  registryOf,
  requireOption,
  type Context,
} from "./context";

const REQUEST_TIMEOUT_MS = 60_000;

/** Each request gets its own time limit: a server that stops answering is a network failure. */
const timedFetch: typeof fetch = (input, init) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

/** The typed client of one server, and the one stderr line each failure deserves. */
class Server {
  readonly api;

  constructor(
    readonly url: string,
    token: string,
    private readonly m: CliMessages,
  ) {
    this.api = hc<AppType>(serverBase(url), clientOptions(token, timedFetch)).api;
  }

  /** The answer's value; a failure becomes one LineError naming the server. */
  async must<T>(result: Promise<ApiResult<T>>): Promise<T> {
    const answered = await result;
    if (!answered.ok) throw new LineError(this.failure(answered.failure));
    return answered.value;
  }

  failure(failure: ApiFailure): string {
    switch (failure.type) {
      case "network":
        return this.m.networkFailed(this.url, networkDetail(failure.cause));
      case "auth":
        return this.m.authFailed(this.url);
      case "forbidden":
        return this.m.forbidden(this.url, failure.message);
      case "bad-response":
        return this.m.serverError(this.url, failure.status, "unexpected response");
      default:
        return this.m.serverError(this.url, failure.status, failure.message);
    }
  }
}

function networkDetail(e: unknown): string {
  const cause = e && typeof e === "object" && "cause" in e ? (e as { cause: unknown }).cause : null;
  return errorText(cause ?? e);
}

function serverOf(ctx: Context): Server {
  const server = requireOption(ctx, "server");
  const token = requireOption(ctx, "token");
  try {
    new URL(server);
  } catch {
    throw new UsageError(ctx.m.badArguments(`--server ${server}`));
  }
  return new Server(server, token, ctx.m);
}

const registryFrom = (server: Server) =>
  server.must(answer(() => server.api.registry.$get(), RegistryResponseSchema));

/**
 * One run of `submit` is one attempt per sheet: a key made for it, reused only by that run's own
 * retries (interfaces spec: never derived from the file's content, so A → B → A makes A current).
 */
export function attemptKeys(): (sheetIndex: number) => string {
  const run = randomUUID();
  return (sheetIndex) => `cli-${run}-${sheetIndex}`;
}

/** The one line a receipt deserves, and whether it leaves the sheet refused (exit 1). */
function receiptLine(
  m: CliMessages,
  file: string,
  sheet: string,
  r: Receipt,
  registry: Registry,
): { out?: string; err?: string; refused: boolean } {
  if (r.status === "returned" && r.current) {
    return { err: m.sameAsReturned(file, sheet, r.version, r.returnComment ?? ""), refused: true };
  }
  if (!r.current) return { err: m.superseded(file, sheet, r.version, r.currentVersion), refused: true };
  if (r.outcome === "unchanged") return { out: m.unchanged(file, sheet, r.version), refused: false };
  const title = kindById(r.kind, registry)?.title ?? r.kind;
  return {
    out: m.receipt(file, sheet, title, r.period, r.receiptNo, r.id, r.version, r.rows, r.warnings),
    refused: false,
  };
}

export async function submitCommand(ctx: Context): Promise<number> {
  const [file, ...rest] = ctx.args;
  if (!file || rest.length) throw new UsageError(ctx.m.missingFiles);
  const server = serverOf(ctx);
  const period = ctx.options.period;
  if (period !== undefined && !PeriodSchema.safeParse(period).success) {
    throw new UsageError(ctx.m.badArguments(`--period ${period}`));
  }
  const asOf = asOfOf(ctx);
  const registry = ctx.options.registry ? await registryOf(ctx) : (await registryFrom(server)).registry;
  const read = await readWorkbookInput(file, { messages: ctx.m });
  if (!read.ok) {
    ctx.io.err(read.message);
    return EXIT.failure;
  }
  const keyOf = attemptKeys();
  // Judge as the Worker will: a branch's sheet may hold only that branch's rows.
  const me = await server.must(answer(() => server.api.me.$get(), MeSchema));
  const branch = me.role === "branch" ? (me.branch ?? undefined) : branchOf(ctx, registry);
  const results = validateWorkbook(read.workbook, { asOf, registry, branch });
  let refused = false;
  let unknownPeriod = false;
  let submitted = 0;
  for (const [i, result] of results.entries()) {
    if (!result.kind) continue;
    if (result.errors > 0) {
      ctx.io.err(ctx.m.submitRefused(file, result.sheet, result.errors));
      refused = true;
      continue;
    }
    const sheetPeriod = period ?? result.period ?? null;
    if (!sheetPeriod) {
      ctx.io.err(ctx.m.periodUnknown(file, result.sheet));
      unknownPeriod = true;
      continue;
    }
    const sheet = read.workbook.sheets[i];
    const body: SubmissionRequest = {
      kind: result.kind,
      period: sheetPeriod,
      sheetName: result.sheet,
      sheet: {
        values: sheet.values,
        merges: sheet.merges,
        ...(sheet.formulas ? { formulas: sheet.formulas } : {}),
        date1904: read.workbook.date1904,
      },
      idempotencyKey: keyOf(i),
    };
    if (ctx.options.branch) body.branch = ctx.options.branch;
    const answered = await postWithRetry(server, body);
    if (!answered.ok) {
      const failure = answered.failure;
      // Refused for the sheet itself (errors, a clash, too large, too many today): one line, exit 1.
      if (failure.type === "refused" || (failure.type === "http" && [413, 429].includes(failure.status))) {
        ctx.io.err(ctx.m.submitRejected(file, result.sheet, failure.message));
        refused = true;
        continue;
      }
      throw new LineError(server.failure(failure));
    }
    const line = receiptLine(ctx.m, file, result.sheet, answered.value, registry);
    if (line.out) ctx.io.out(line.out + "\n");
    if (line.err) ctx.io.err(line.err);
    refused ||= line.refused;
    if (!line.refused) submitted += 1;
  }
  if (!submitted && !refused && !unknownPeriod) ctx.io.err(ctx.m.nothingToSubmit(file));
  if (unknownPeriod) return EXIT.failure;
  return refused ? EXIT.findings : EXIT.ok;
}

/** Network failures and 5xx are retried with the same idempotency key, so nothing is submitted twice. */
async function postWithRetry(server: Server, body: SubmissionRequest): Promise<ApiResult<Receipt>> {
  for (let attempt = 1; ; attempt++) {
    const answered = await answer(() => server.api.submissions.$post({ json: body }), ReceiptSchema);
    if (answered.ok || !isRetryable(answered.failure) || attempt >= 3) return answered;
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

/**
 * rekey FILE…: the office's one-off upload of every branch's roll after ID_HMAC_KEY changed
 * (docs/privacy.md); each roll's numbers carry the stored HMACs over to the new key.
 */
export async function rekeyCommand(ctx: Context): Promise<number> {
  if (!ctx.args.length) throw new UsageError(ctx.m.missingFiles);
  const server = serverOf(ctx);
  let unreadable = false;
  for (const file of ctx.args) {
    const read = await readWorkbookInput(file, { messages: ctx.m });
    if (!read.ok) {
      ctx.io.err(read.message);
      unreadable = true;
      continue;
    }
    for (const sheet of read.workbook.sheets) {
      const json = {
        sheetName: sheet.name,
        sheet: { values: sheet.values, merges: sheet.merges, date1904: read.workbook.date1904 },
      };
      const answered = await answer(() => server.api.rekey.$post({ json }), RekeyResponseSchema);
      // A sheet that is not a roll is not an error of the upload: the workbook may hold others.
      if (!answered.ok && answered.failure.type === "refused") continue;
      const { ids, updated, remaining, done } = await server.must(Promise.resolve(answered));
      const left = Object.entries(remaining).map(([scope, n]) => `${scopeLabel(scope)} ${n}`);
      ctx.io.out(ctx.m.rekeyed(file, sheet.name, ids, updated, done, left.join("、")) + "\n");
    }
  }
  return unreadable ? EXIT.failure : EXIT.ok;
}

function yearOf(ctx: Context, required: boolean): string {
  const year = ctx.options.year;
  if (year === undefined) {
    if (required) throw new UsageError(ctx.m.missingOption("--year"));
    return asOfOf(ctx).slice(0, 4);
  }
  if (!YearSchema.safeParse(year).success) throw new UsageError(ctx.m.badYear(year));
  return year;
}

export async function statusCommand(ctx: Context): Promise<number> {
  if (ctx.args.length) throw new UsageError(ctx.m.badArguments(ctx.args.join(" ")));
  const server = serverOf(ctx);
  const year = yearOf(ctx, false);
  const status = await server.must(
    answer(() => server.api.status.$get({ query: { year } }), StatusResponseSchema),
  );
  if (ctx.options.json) ctx.io.out(JSON.stringify(status, null, 2) + "\n");
  else ctx.io.out(formatStatus(status, ctx.m));
  return EXIT.ok;
}

export function formatStatus(status: StatusResponse, m: CliMessages): string {
  const titles = new Map(status.kinds.map((k) => [k.id, k.title]));
  const lines = [`${m.statusHeading(status.year)}（${status.asOf}）`, m.statusLegend, ""];
  for (const row of status.rows) {
    lines.push(m.statusRow(row.label, row.counts));
    const byKind = new Map<string, string[]>();
    for (const cell of row.cells) {
      const list = byKind.get(cell.kind) ?? [];
      list.push(`${cell.period}${m.statusCell[cell.state]}`);
      byKind.set(cell.kind, list);
    }
    for (const [kind, cells] of byKind) lines.push(m.statusKind(titles.get(kind) ?? kind, cells.join(" ")));
    // The 退回意见 in full, under its unit: the branch reads why, not just ↩.
    for (const cell of row.cells)
      if (cell.state === "returned")
        lines.push(
          m.statusReturnedLine(
            titles.get(cell.kind) ?? cell.kind,
            cell.period,
            cell.version,
            cell.returnComment ?? "",
          ),
        );
  }
  lines.push("", m.statusMissing(status.counts.missing + status.counts.late));
  return lines.join("\n") + "\n";
}

/** `return --id ID --comment TEXT`: the office's 退回, as the pane does it. */
export async function returnCommand(ctx: Context): Promise<number> {
  if (ctx.args.length) throw new UsageError(ctx.m.badArguments(ctx.args.join(" ")));
  const server = serverOf(ctx);
  const id = requireOption(ctx, "id");
  const comment = requireOption(ctx, "comment");
  const item = await server.must(
    answer(
      () => server.api.submissions[":id"].return.$post({ param: { id }, json: { comment } }),
      SubmissionItemSchema,
    ),
  );
  if (ctx.options.json) ctx.io.out(JSON.stringify(item, null, 2) + "\n");
  else
    ctx.io.out(
      ctx.m.returned(
        kindById(item.kind)?.title ?? item.kind,
        scopeLabel(item.scope),
        item.period,
        item.version,
        item.returnComment ?? comment,
        beijingTime(item.returnedAt ?? ""),
      ) + "\n",
    );
  return EXIT.ok;
}

export async function exportCommand(ctx: Context): Promise<number> {
  if (ctx.args.length) throw new UsageError(ctx.m.badArguments(ctx.args.join(" ")));
  const server = serverOf(ctx);
  const year = yearOf(ctx, true);
  const out = requireOption(ctx, "out");
  const { registry } = await registryFrom(server);
  const summary = await server.must(
    answer(() => server.api.summary.$get({ query: { year } }), SummaryResponseSchema),
  );
  const kinds: ConsolidatedKind[] = [];
  let rows = 0;
  for (const kind of kindsOf(registry)) {
    const records = await server.must(
      answer(
        () => server.api.records[":kind"].$get({ param: { kind: kind.id }, query: { year } }),
        RecordsResponseSchema,
      ),
    );
    const figures = summary.kinds.find((k) => k.kind === kind.id);
    rows += records.rows.length;
    kinds.push({
      kind,
      rows: records.rows.map((r) => ({
        branch:
          typeof r.values[BRANCH_COLUMN] === "string"
            ? (r.values[BRANCH_COLUMN] as string)
            : scopeLabel(r.scope),
        values: r.values,
      })),
      byBranch: figures ? relabel(figures.byBranch) : undefined,
      total: figures?.total,
      branches: figures?.branches,
    });
  }
  const wb = buildConsolidated({ township: registry.township.name, year, kinds });
  try {
    await writeFile(out, new Uint8Array(await wb.xlsx.writeBuffer()));
  } catch (e) {
    ctx.io.err(ctx.m.writeFailed(out, errorText(e)));
    return EXIT.failure;
  }
  ctx.io.out(ctx.m.exported(out, kinds.length, rows) + "\n");
  return EXIT.ok;
}

function scopeLabel(scope: string): string {
  return scope === "office" ? OFFICE_LABEL : scope;
}

function relabel(byBranch: Record<string, Summary>): Record<string, Summary> {
  return Object.fromEntries(Object.entries(byBranch).map(([scope, figures]) => [scopeLabel(scope), figures]));
}

/** report: the 季总结 / 年盘点 draft from the server's records, written as a Word document. */
export async function reportCommand(ctx: Context): Promise<number> {
  if (ctx.args.length) throw new UsageError(ctx.m.badArguments(ctx.args.join(" ")));
  const server = serverOf(ctx);
  const year = yearOf(ctx, true);
  const out = requireOption(ctx, "out");
  const { quarter, branch } = ctx.options;
  const q = quarter === undefined ? null : QuarterSchema.safeParse(quarter);
  if (quarter !== undefined && !q?.success) throw new UsageError(ctx.m.badQuarter(quarter));
  const query = { year, ...(q?.success ? { quarter: q.data } : {}), ...(branch ? { branch } : {}) };
  const report = await server.must(answer(() => server.api.report.$get({ query }), PeriodReportSchema));
  try {
    await writeFile(out, await reportDocx(report));
  } catch (e) {
    ctx.io.err(ctx.m.writeFailed(out, errorText(e)));
    return EXIT.failure;
  }
  ctx.io.out(ctx.m.reported(out, report.title) + "\n");
  return EXIT.ok;
}
