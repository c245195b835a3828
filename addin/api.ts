/**
 * The pane's HTTP client for the Worker's API: plain fetch, answers parsed with the zod schemas
 * of shared/api.ts (the same ones the Worker uses), failures returned as a typed error.
 */
import type { z } from "zod";
import {
  ErrorBodySchema,
  ListedUserSchema,
  MeSchema,
  ReceiptSchema,
  RecordsResponseSchema,
  RefusalDetailsSchema,
  RegistryResponseSchema,
  StatusResponseSchema,
  SummaryResponseSchema,
  TokenIssuedSchema,
  TokenRevokedSchema,
  UserListSchema,
  UserSchema,
  type SubmissionRequest,
} from "../shared/api";
import type { Registry } from "../shared/registry";
import type { Finding } from "../shared/findings";

export type ApiFailure =
  | { type: "network"; message: string }
  | { type: "auth"; status: 401 }
  | { type: "forbidden"; status: 403 }
  | { type: "refused"; status: 422; findings: Finding[]; message: string }
  | { type: "http"; status: number; code: string; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export interface ApiConfig {
  serverUrl: string;
  token: string;
  fetch?: typeof fetch;
}

export type Me = z.infer<typeof MeSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;
export type StatusResponse = z.infer<typeof StatusResponseSchema>;
export type RecordsResponse = z.infer<typeof RecordsResponseSchema>;
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;
export type UserList = z.infer<typeof UserListSchema>;
export type TokenIssued = z.infer<typeof TokenIssuedSchema>;

export function apiBase(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, "");
}

async function call<S extends z.ZodType>(
  config: ApiConfig,
  method: string,
  path: string,
  schema: S,
  body?: unknown,
): Promise<ApiResult<z.infer<S>>> {
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(`${apiBase(config.serverUrl)}/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${config.token.trim()}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return {
      ok: false,
      failure: { type: "network", message: error instanceof Error ? error.message : String(error) },
    };
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) return { ok: false, failure: failureOf(response.status, json) };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      failure: { type: "http", status: response.status, code: "bad-response", message: parsed.error.message },
    };
  }
  return { ok: true, value: parsed.data };
}

function failureOf(status: number, json: unknown): ApiFailure {
  if (status === 401) return { type: "auth", status };
  if (status === 403) return { type: "forbidden", status };
  const body = ErrorBodySchema.safeParse(json);
  const code = body.success ? body.data.error.code : "http";
  const message = body.success ? body.data.error.message : `HTTP ${status}`;
  if (status === 422) {
    const details = RefusalDetailsSchema.safeParse(body.success ? body.data.error.details : undefined);
    return { type: "refused", status, findings: details.success ? details.data.findings : [], message };
  }
  return { type: "http", status, code, message };
}

export function createApi(config: ApiConfig) {
  return {
    me: () => call(config, "GET", "/me", MeSchema),
    registry: () => call(config, "GET", "/registry", RegistryResponseSchema),
    putRegistry: (registry: Registry) => call(config, "PUT", "/registry", RegistryResponseSchema, registry),
    submit: (body: SubmissionRequest) => call(config, "POST", "/submissions", ReceiptSchema, body),
    status: (year: string) =>
      call(config, "GET", `/status?year=${encodeURIComponent(year)}`, StatusResponseSchema),
    records: (kind: string, year: string) =>
      call(
        config,
        "GET",
        `/records/${encodeURIComponent(kind)}?year=${encodeURIComponent(year)}`,
        RecordsResponseSchema,
      ),
    summary: (year: string) =>
      call(config, "GET", `/summary?year=${encodeURIComponent(year)}`, SummaryResponseSchema),
    users: () => call(config, "GET", "/users", UserListSchema),
    createUser: (user: { name: string; role: "admin" | "office" | "branch"; branch?: string }) =>
      call(config, "POST", "/users", UserSchema, user),
    /** `expiresAt`: the last day (YYYY-MM-DD, Shanghai) the token works; absent: no expiry. */
    issueToken: (userId: string, expiresAt?: string) =>
      call(config, "POST", "/tokens", TokenIssuedSchema, expiresAt ? { userId, expiresAt } : { userId }),
    setDisabled: (userId: string, disabled: boolean) =>
      call(config, "PATCH", `/users/${encodeURIComponent(userId)}`, ListedUserSchema, { disabled }),
    revokeToken: (id: string) =>
      call(config, "DELETE", `/tokens/${encodeURIComponent(id)}`, TokenRevokedSchema),
  };
}

export type Api = ReturnType<typeof createApi>;
