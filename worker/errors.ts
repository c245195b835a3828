import type { ContentfulStatusCode } from "hono/utils/http-status";
import { API_ERRORS, type ApiErrorCode } from "../shared/api";

/**
 * The one error type routes throw; `app.onError` turns it into `{error: {code, message, details?}}`
 * with the status its code goes with (API_ERRORS in shared/api.ts).
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = API_ERRORS[code];
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError("bad-request", message, details);
export const forbidden = (message = "您没有权限执行此操作。") => new ApiError("forbidden", message);
export const notFound = (message = "未找到该资源。") => new ApiError("not-found", message);
