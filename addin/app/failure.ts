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

/** Whether the 重试 button can help: the clients' one rule (shared/client.ts). */
export { isRetryable } from "../api";
