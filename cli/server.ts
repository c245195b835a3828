/** submit, status and export: the CLI as a client of the Worker's HTTP API. */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { z } from "zod";
import {
  ErrorBodySchema,
  MeSchema,
  OFFICE_LABEL,
  ReceiptSchema,
  RekeyResponseSchema,
  RecordsResponseSchema,
  RegistryResponseSchema,
  StatusResponseSchema,
  SummaryResponseSchema,
  type Receipt,
  type StatusResponse,
  type SubmissionRequest,
} from "../shared/api";
import { validateWorkbook } from "../shared/engine";
import { KINDS, kindById } from "../shared/kinds";
import { LEDGER_PERIOD_PATTERN, YEAR_PATTERN } from "../shared/period";
import type { Summary } from "../shared/figures";
import { buildConsolidated, BRANCH_COLUMN, type ConsolidatedKind } from "../shared/xlsx/consolidated";
import type { CliMessages } from "../shared/messages/cli";
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

export class Api {
  constructor(
    readonly server: string,
    private readonly token: string,
    private readonly m: CliMessages,
  ) {}

  /** One request; network, auth and server failures become one LineError naming the server. */
  async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const { status, json } = await this.raw(method, path, body);
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw new LineError(this.m.serverError(this.server, status, "unexpected response"));
      return parsed.data;
    }
    throw new LineError(this.failure(status, json));
  }

  async raw(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const url = new URL(path, this.server.endsWith("/") ? this.server : `${this.server}/`);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new LineError(this.m.networkFailed(this.server, networkDetail(e)));
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    return { status: res.status, json };
  }

  failure(status: number, json: unknown): string {
    const body = ErrorBodySchema.safeParse(json);
    const message = body.success ? body.data.error.message : `HTTP ${status}`;
    if (status === 401) return this.m.authFailed(this.server);
    if (status === 403) return this.m.forbidden(this.server, message);
    return this.m.serverError(this.server, status, message);
  }
}

function networkDetail(e: unknown): string {
  const cause = e && typeof e === "object" && "cause" in e ? (e as { cause: unknown }).cause : null;
  return errorText(cause ?? e);
}

function apiOf(ctx: Context): Api {
  const server = requireOption(ctx, "server");
  const token = requireOption(ctx, "token");
  try {
    new URL(server);
  } catch {
    throw new UsageError(ctx.m.badArguments(`--server ${server}`));
  }
  return new Api(server, token, ctx.m);
}

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
): { out?: string; err?: string; refused: boolean } {
  if (r.status === "returned" && r.current) {
    return { err: m.sameAsReturned(file, sheet, r.version, r.returnComment ?? ""), refused: true };
  }
  if (!r.current) return { err: m.superseded(file, sheet, r.version, r.currentVersion), refused: true };
  if (r.outcome === "unchanged") return { out: m.unchanged(file, sheet, r.version), refused: false };
  const title = kindById(r.kind)?.title ?? r.kind;
  return {
    out: m.receipt(file, sheet, title, r.period, r.id, r.version, r.rows, r.warnings),
    refused: false,
  };
}

export async function submitCommand(ctx: Context): Promise<number> {
  const [file, ...rest] = ctx.args;
  if (!file || rest.length) throw new UsageError(ctx.m.missingFiles);
  const api = apiOf(ctx);
  const period = ctx.options.period;
  if (period !== undefined && !LEDGER_PERIOD_PATTERN.test(period)) {
    throw new UsageError(ctx.m.badArguments(`--period ${period}`));
  }
  const asOf = asOfOf(ctx);
  const registry = ctx.options.registry
    ? await registryOf(ctx)
    : (await api.call("GET", "api/registry", RegistryResponseSchema)).registry;
  const read = await readWorkbookInput(file, { messages: ctx.m });
  if (!read.ok) {
    ctx.io.err(read.message);
    return EXIT.failure;
  }
  const keyOf = attemptKeys();
  // Judge as the Worker will: a branch's sheet may hold only that branch's rows.
  const me = await api.call("GET", "api/me", MeSchema);
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
    const { status, json } = await postWithRetry(api, body);
    // Refused for the sheet itself (errors, a clash, too large, too many today): one line, exit 1.
    if (status === 413 || status === 422 || status === 429) {
      ctx.io.err(
        ctx.m.submitRejected(
          file,
          result.sheet,
          ErrorBodySchema.safeParse(json).data?.error.message ?? `${status}`,
        ),
      );
      refused = true;
      continue;
    }
    if (status < 200 || status >= 300) throw new LineError(api.failure(status, json));
    const receipt = ReceiptSchema.safeParse(json);
    if (!receipt.success) throw new LineError(ctx.m.serverError(api.server, status, "unexpected response"));
    const line = receiptLine(ctx.m, file, result.sheet, receipt.data);
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
async function postWithRetry(api: Api, body: SubmissionRequest): Promise<{ status: number; json: unknown }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await api.raw("POST", "api/submissions", body);
      if (res.status < 500 || attempt >= 3) return res;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

/**
 * rekey FILE…: the office's one-off upload of every branch's roll after ID_HMAC_KEY changed
 * (docs/privacy.md); each roll's numbers carry the stored HMACs over to the new key.
 */
export async function rekeyCommand(ctx: Context): Promise<number> {
  if (!ctx.args.length) throw new UsageError(ctx.m.missingFiles);
  const api = apiOf(ctx);
  let unreadable = false;
  for (const file of ctx.args) {
    const read = await readWorkbookInput(file, { messages: ctx.m });
    if (!read.ok) {
      ctx.io.err(read.message);
      unreadable = true;
      continue;
    }
    for (const sheet of read.workbook.sheets) {
      const { status, json } = await api.raw("POST", "api/rekey", {
        sheetName: sheet.name,
        sheet: { values: sheet.values, merges: sheet.merges, date1904: read.workbook.date1904 },
      });
      // A sheet that is not a roll is not an error of the upload: the workbook may hold others.
      if (status === 422) continue;
      if (status < 200 || status >= 300) throw new LineError(api.failure(status, json));
      const answer = RekeyResponseSchema.safeParse(json);
      if (!answer.success) throw new LineError(ctx.m.serverError(api.server, status, "unexpected response"));
      const { ids, updated, remaining, done } = answer.data;
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
  if (!YEAR_PATTERN.test(year)) throw new UsageError(ctx.m.badYear(year));
  return year;
}

export async function statusCommand(ctx: Context): Promise<number> {
  if (ctx.args.length) throw new UsageError(ctx.m.badArguments(ctx.args.join(" ")));
  const api = apiOf(ctx);
  const year = yearOf(ctx, false);
  const status = await api.call("GET", `api/status?year=${year}`, StatusResponseSchema);
  if (ctx.options.json) ctx.io.out(JSON.stringify(status, null, 2) + "\n");
  else ctx.io.out(formatStatus(status, ctx.m));
  return EXIT.ok;
}

const STATE_SYMBOL: Record<string, string> = {
  submitted: "✓",
  late: "!",
  returned: "↩",
  missing: "✗",
  pending: "…",
};

export function formatStatus(status: StatusResponse, m: CliMessages): string {
  const titles = new Map(status.kinds.map((k) => [k.id, k.title]));
  const lines = [
    `${m.statusHeading(status.year)}（${status.asOf}）`,
    "✓ 已报送　! 逾期报送　↩ 已退回　✗ 未报送（已过期限）　… 未到期",
    "",
  ];
  for (const row of status.rows) {
    const c = row.counts;
    lines.push(
      `${row.label}：已报送 ${c.submitted}，逾期 ${c.late}，退回 ${c.returned}，未报送 ${c.missing}，未到期 ${c.pending}`,
    );
    const byKind = new Map<string, string[]>();
    for (const cell of row.cells) {
      const list = byKind.get(cell.kind) ?? [];
      list.push(`${cell.period}${STATE_SYMBOL[cell.state] ?? "?"}`);
      byKind.set(cell.kind, list);
    }
    for (const [kind, cells] of byKind) lines.push(`  ${titles.get(kind) ?? kind}：${cells.join(" ")}`);
  }
  lines.push("", m.statusMissing(status.counts.missing + status.counts.late));
  return lines.join("\n") + "\n";
}

export async function exportCommand(ctx: Context): Promise<number> {
  if (ctx.args.length) throw new UsageError(ctx.m.badArguments(ctx.args.join(" ")));
  const api = apiOf(ctx);
  const year = yearOf(ctx, true);
  const out = requireOption(ctx, "out");
  const registry = (await api.call("GET", "api/registry", RegistryResponseSchema)).registry;
  const summary = await api.call("GET", `api/summary?year=${year}`, SummaryResponseSchema);
  const kinds: ConsolidatedKind[] = [];
  let rows = 0;
  for (const kind of KINDS) {
    const records = await api.call("GET", `api/records/${kind.id}?year=${year}`, RecordsResponseSchema);
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
