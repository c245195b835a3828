/** What the township says of itself that the editor checks the lists against. */
import type { RegistryDraft } from "./draft";

/**
 * The banner's numbers while fewer branches are listed than the township has (the default
 * registry lists 6 of 老牛湾镇's 9), or null when the count is unknown or reached.
 */
export function missingBranches(
  draft: RegistryDraft,
): { total: number; listed: number; missing: number } | null {
  const total = draft.township.branchCount;
  const listed = draft.branches.length;
  return total !== undefined && listed < total ? { total, listed, missing: total - listed } : null;
}
