/** The one error type routes throw; `app.onError` turns it into `{error: {code, message, details?}}`. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, "bad-request", message, details);
export const forbidden = (message = "您没有权限执行此操作。") => new ApiError(403, "forbidden", message);
export const notFound = (message = "未找到该资源。") => new ApiError(404, "not-found", message);
