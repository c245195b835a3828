/** What every command gets: output, messages, parsed options, "now"; and the shared failures. */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { branchMatcher, checkRegistry, DEFAULT_REGISTRY, type Registry } from "../shared/registry";
import { todayIn } from "../shared/read/dates";
import type { CliMessages } from "../shared/messages/cli";
import { errorText } from "./read";

export interface Io {
  out(text: string): void;
  err(line: string): void;
  /** Redraws one transient status line (stderr on a terminal); "" clears it. Absent when not a terminal. */
  progress?(line: string): void;
}

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

export class UsageError extends Error {}

const OPTIONS = {
  json: { type: "boolean" },
  "as-of": { type: "string" },
  registry: { type: "string" },
  out: { type: "string" },
  year: { type: "string" },
  period: { type: "string" },
  server: { type: "string" },
  token: { type: "string" },
  branch: { type: "string" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type Options = ReturnType<typeof parse>["values"];

export function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export interface Context {
  io: Io;
  m: CliMessages;
  options: Options;
  args: string[];
  /** "Now", for the default as-of date. */
  now: Date;
}

/** A failure already phrased as the one stderr line (bad registry file, network, auth). */
export class LineError extends Error {}

export function asOfOf(ctx: Context): string {
  const value = ctx.options["as-of"];
  if (value === undefined) return todayIn("Asia/Shanghai", ctx.now);
  if (!isIsoDate(value)) throw new UsageError(ctx.m.badDate("--as-of", value));
  return value;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export async function registryOf(ctx: Context): Promise<Registry> {
  const file = ctx.options.registry;
  if (!file) return DEFAULT_REGISTRY;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new LineError(ctx.m.registryBad(file, errorText(e)));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LineError(ctx.m.registryBad(file, "JSON"));
  }
  const result = checkRegistry(json);
  if (!result.ok) {
    // Every problem, each on the field that is wrong, as the admin view shows them.
    throw new LineError(
      ctx.m.registryBad(file, result.issues.map((i) => `${i.place}：${i.message}`).join("；")),
    );
  }
  return result.registry;
}

export function requireOption(ctx: Context, name: keyof Options): string {
  const v = ctx.options[name];
  if (typeof v !== "string" || !v) throw new UsageError(ctx.m.missingOption(`--${name}`));
  return v;
}

/**
 * `--branch NAME`: judge as that branch's submission (rows about another branch are errors),
 * as the Worker does for a branch's token. Unknown names are a usage error.
 */
export function branchOf(ctx: Context, registry: Registry): string | undefined {
  const name = ctx.options.branch;
  if (name === undefined) return undefined;
  const branch = branchMatcher(registry).match(name);
  if (!branch) throw new UsageError(ctx.m.badArguments(`--branch ${name}`));
  return branch;
}
