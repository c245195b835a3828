/** How a submission is refused: the status its code goes with, and the findings that say why. */
import { MAX_LISTED_FINDINGS } from "../../shared/api";
import type { Finding } from "../../shared/findings";
import { maskIds } from "../../shared/privacy";
import { ApiError } from "../errors";

/** The first MAX_LISTED_FINDINGS findings (masked) and every finding counted by code. */
export function listed(findings: readonly Finding[]) {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
  return { findings: maskIds(findings.slice(0, MAX_LISTED_FINDINGS)), counts, total: findings.length };
}

/** A 422 whose details list the findings (RefusalDetailsSchema). */
export const refused = (
  code: "invalid-sheet" | "kind-mismatch" | "duplicate-key" | "roll-too-large",
  message: string,
  findings: readonly Finding[],
  extra: object = {},
) => new ApiError(code, message, { ...extra, ...listed(findings) });

export const tooLarge = (message: string) => new ApiError("too-large", message);

/** Lets the isolate answer other requests (health among them) between the steps of a long judgment. */
export const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
