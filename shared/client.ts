/**
 * What the Worker's two clients share, the pane (addin/api.ts) and the CLI (cli/server.ts): each
 * makes its typed client with `hc<AppType>(serverBase(url), clientOptions(token, fetch))` (AppType
 * is the Worker's, which only they may import, as a type), and reads every answer through `answer`,
 * with the zod schema of shared/api.ts the Worker answers with. Failures are values, never throws.
 */
import type { ClientRequestOptions } from "hono/client";
import type { z } from "zod";
import { ErrorBodySchema, IssuesDetailsSchema, RefusalDetailsSchema, type ApiErrorCode } from "./api";
import type { Finding } from "./findings";

export type ApiFailure =
  /** The server was not reached (offline, refused, timed out); `cause` is the fetch error. */
  | { type: "network"; message: string; cause: unknown }
  | { type: "auth"; status: 401; message: string }
  | { type: "forbidden"; status: 403; message: string }
  /** The engine found errors, or a roll clashes (422): the findings say where. */
  | { type: "refused"; status: 422; code: ApiErrorCode | null; findings: Finding[]; message: string }
  /**
   * Any other refusal; `code` is null when the body is not the API's error shape (a proxy's page).
   * `issues`: a 400's fields the schema refused (`details.issues`), so a form can mark each one.
   */
  | {
      type: "http";
      status: number;
      code: ApiErrorCode | null;
      message: string;
      issues?: { path: string; message: string }[];
    }
  /** A success status whose body is not what the API answers (the URL is not a Ledgerline server). */
  | { type: "bad-response"; status: number; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/**
 * Network failures and server errors may succeed on a retry of the same attempt (same key);
 * refusals and bad requests will not, nor a 429 (a branch's daily limit of rolls, which a retry
 * cannot lift).
 */
export function isRetryable(failure: ApiFailure): boolean {
  return failure.type === "network" || (failure.type === "http" && failure.status >= 500);
}

/** The server as the clerk typed it, without trailing slashes: `hc` appends `/api/…`. */
export function serverBase(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, "");
}

/** The bearer token on every request; `fetch` for tests and for the CLI's time limit. */
export function clientOptions(token: string, fetchImpl?: typeof fetch): ClientRequestOptions {
  return {
    headers: { Authorization: `Bearer ${token.trim()}` },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  };
}

/** What a request gives back: a Response, or hc's typed one. */
interface Answered {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** One request's answer, read with the schema of its success body. */
export async function answer<S extends z.ZodType>(
  request: () => Promise<Answered>,
  schema: S,
): Promise<ApiResult<z.infer<S>>> {
  let response: Answered;
  try {
    response = await request();
  } catch (error) {
    return { ok: false, failure: { type: "network", message: messageOf(error), cause: error } };
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) return { ok: false, failure: failureOf(response.status, json) };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      failure: { type: "bad-response", status: response.status, message: parsed.error.message },
    };
  }
  return { ok: true, value: parsed.data };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failureOf(status: number, json: unknown): ApiFailure {
  const body = ErrorBodySchema.safeParse(json);
  const code = body.success ? body.data.error.code : null;
  const message = body.success ? body.data.error.message : `HTTP ${status}`;
  if (status === 401) return { type: "auth", status, message };
  if (status === 403) return { type: "forbidden", status, message };
  if (status === 422) {
    const details = RefusalDetailsSchema.safeParse(body.success ? body.data.error.details : undefined);
    return { type: "refused", status, code, findings: details.success ? details.data.findings : [], message };
  }
  const issues = IssuesDetailsSchema.safeParse(body.success ? body.data.error.details : undefined);
  return { type: "http", status, code, message, ...(issues.success ? { issues: issues.data.issues } : {}) };
}
