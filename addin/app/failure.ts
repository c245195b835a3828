import type { ApiFailure } from "../api";
import type { Translate } from "./i18n";

/** One plain sentence for a failed API call. */
export function failureText(t: Translate, failure: ApiFailure): string {
  switch (failure.type) {
    case "network":
      return t("errorNetwork");
    case "auth":
      return t("errorAuth");
    case "forbidden":
      return t("errorForbidden");
    case "refused":
      return failure.message;
    default:
      return failure.status >= 500 ? t("errorServer", { status: failure.status }) : failure.message;
  }
}

/**
 * Network failures and server errors may succeed on retry; refusals and bad requests will not,
 * nor a 429 (the Worker's only one is a branch's daily limit of rolls, which a retry cannot lift).
 */
export function isRetryable(failure: ApiFailure): boolean {
  return failure.type === "network" || (failure.type === "http" && failure.status >= 500);
}
