/**
 * Test helpers: seeded users and tokens (direct SQL, hashes only), HTTP calls through the Worker
 * (or in-process with other bindings, through hono's test client), sheets.
 */
import { env, SELF } from "cloudflare:test";
import { testClient } from "hono/testing";
import { vi } from "vitest";
import app from "../../worker/index";
import type { Bindings } from "../../worker/env";
import type { CellValue } from "../../shared/workbook";
import type { SubmissionRequest } from "../../shared/api";
import { membersSheet } from "../hostile/idnumbers";
import { PROBLEM_COLUMNS, problemsSheet as problemsSheetFixture } from "../fixtures/problem-rows";

export const BRANCH1 = "老牛湾村党支部";
export const BRANCH2 = "乾坤湾村党支部";

export const TOKENS = {
  admin: "ll_test-admin-token-0001",
  office: "ll_test-office-token-0001",
  branch1: "ll_test-branch1-token-0001",
  branch2: "ll_test-branch2-token-0001",
} as const;
export type Who = keyof typeof TOKENS | "none";

export const USERS = {
  admin: { id: "u-admin", name: "镇管理员", role: "admin", branch: null },
  office: { id: "u-office", name: "党建办干事", role: "office", branch: null },
  branch1: { id: "u-branch1", name: "老牛湾村书记", role: "branch", branch: BRANCH1 },
  branch2: { id: "u-branch2", name: "乾坤湾村书记", role: "branch", branch: BRANCH2 },
} as const;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function seedUsers(): Promise<void> {
  const statements = [];
  for (const key of Object.keys(USERS) as (keyof typeof USERS)[]) {
    const u = USERS[key];
    statements.push(
      env.DB.prepare(
        "INSERT OR IGNORE INTO users (id, name, role, branch, created_at) VALUES (?, ?, ?, ?, ?)",
      ).bind(u.id, u.name, u.role, u.branch, "2025-01-01T00:00:00.000Z"),
      env.DB.prepare("INSERT OR IGNORE INTO tokens (id, user_id, hash, created_at) VALUES (?, ?, ?, ?)").bind(
        `t-${key}`,
        u.id,
        await sha256Hex(TOKENS[key]),
        "2025-01-01T00:00:00.000Z",
      ),
    );
  }
  await env.DB.batch(statements);
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the Worker over HTTP as a client would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(
  who: Who,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (who !== "none") headers.Authorization = `Bearer ${TOKENS[who]}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await SELF.fetch(`https://ledgerline.test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (static assets)
  }
  return { status: res.status, body: parsed as T, headers: res.headers as unknown as Headers };
}

/**
 * The app called in-process, as deployed with other bindings (a changed secret): hono's typed
 * test client of the same routes the pane and the CLI call.
 */
export function inProcess(bindings: Partial<Bindings>) {
  return testClient(app, { ...env, ...bindings }).api;
}

/** The bearer token of a test user, for a typed client's request options. */
export const bearer = (who: keyof typeof TOKENS) => ({ headers: { Authorization: `Bearer ${TOKENS[who]}` } });

/** A JSON body read loosely, as the tests read answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A typed client's answer as `call` gives it: the status and the parsed body. */
export async function answered(response: Promise<Response>): Promise<{ status: number; body: Json }> {
  const res = await response;
  return { status: res.status, body: (await res.json()) as Json };
}

export async function count(table: string, where = "1 = 1"): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).first<{
    n: number;
  }>();
  return row?.n ?? 0;
}

/** A 民情问题台账 (no 收集人, 责任人 or 联系电话) with `n` valid rows collected in 2025 by the given village. */
export function problemsSheet(
  n: number,
  village = "老牛湾村",
  prefix = "MQ",
): { values: CellValue[][]; merges: string[]; date1904: boolean } {
  return problemsSheetFixture(n, {
    columns: PROBLEM_COLUMNS.filter((c) => c !== "收集人" && c !== "责任人" && c !== "联系电话"),
    village,
    prefix,
  });
}

/** A submission body for a 民情问题台账 sheet: kind problems, period 2025, a fresh idempotency key. */
export function problemsSubmission(
  sheet: SubmissionRequest["sheet"],
  overrides: Partial<SubmissionRequest> = {},
): SubmissionRequest {
  return {
    kind: "problems",
    period: "2025",
    sheetName: "民情问题台账",
    sheet,
    idempotencyKey: newKey(),
    ...overrides,
  };
}

export { idNumber, membersSheet } from "../hostile/idnumbers";

/** A submission body for a 党员花名册 of these numbers, all of `branch`: period 2025, a fresh key. */
export function membersSubmission(
  ids: readonly string[],
  branch = BRANCH1,
  overrides: Partial<SubmissionRequest> = {},
): SubmissionRequest {
  return {
    kind: "members",
    period: "2025",
    sheetName: "党员花名册",
    sheet: membersSheet(ids, branch),
    idempotencyKey: newKey(),
    ...overrides,
  };
}

let keyCounter = 0;
export function newKey(): string {
  keyCounter += 1;
  return `key-${Date.now()}-${keyCounter}-${Math.random().toString(36).slice(2)}`;
}

/**
 * What a test file's privacy sweep scans: every response body it records and every console line
 * the Worker writes once `listen()` has run (until `restore()`).
 */
export function sweep() {
  const bodies: string[] = [];
  const logs: string[] = [];
  const spies: { mockRestore(): void }[] = [];
  return {
    bodies,
    logs,
    listen() {
      for (const level of ["log", "error", "warn", "info", "debug"] as const) {
        spies.push(
          vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
            logs.push(
              args.map((a) => (typeof a === "string" ? a : (JSON.stringify(a) ?? String(a)))).join(" "),
            );
          }),
        );
      }
    },
    restore: () => spies.forEach((s) => s.mockRestore()),
    /** The answer, its body recorded. */
    async record<T>(answer: Promise<{ status: number; body: T }>) {
      const r = await answer;
      bodies.push(typeof r.body === "string" ? r.body : JSON.stringify(r.body));
      return r;
    },
  };
}
