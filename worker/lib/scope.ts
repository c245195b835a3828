/** Which branch a request may act on: the branch-scope rules of the API, in one place. */
import { OFFICE_SCOPE } from "../../shared/api";
import type { KindDef } from "../../shared/kinds/types";
import { maskIdsInText } from "../../shared/privacy";
import { branchMatcher, type Registry } from "../../shared/registry";
import type { AuthUser } from "../env";
import { ApiError, badRequest, forbidden } from "../errors";

/** A branch named in a request (its name, village or an alias) as the registry's canonical name. */
export function branchNamed(input: string, registry: Registry): string {
  const branch = branchMatcher(registry).match(input);
  if (!branch) throw new ApiError("unknown-branch", `“${maskIdsInText(input)}”不是名册中的支部。`);
  return branch;
}

/**
 * The scope a user acts on when a request names `branch` (a canonical name, "office", or null for
 * none): a branch token only ever its own branch (403 for another), admin and office the one
 * named, or every scope (null).
 */
export function scopeFor(user: AuthUser, branch: string | null): string | null {
  if (user.role !== "branch") return branch;
  if (branch !== null && branch !== user.branch) throw forbidden("支部账号只能查看和报送本支部的台账。");
  return user.branch ?? "";
}

/**
 * Where a submission of `kind` belongs, and whether the office files it on a branch's behalf:
 * the office's own ledgers are the office's; a branch's are the branch's, filed by the branch
 * or by the office naming it.
 */
export function submissionScope(
  user: AuthUser,
  kind: KindDef,
  branch: string | null,
): { scope: string; onBehalf: boolean } {
  if (user.role === "branch" && kind.scope === "office") {
    throw forbidden(`${kind.title}由镇党建办报送，支部账号不能提交。`);
  }
  const scope = scopeFor(user, branch);
  if (user.role === "branch") return { scope: scope ?? "", onBehalf: false };
  if (kind.scope === "office") {
    if (branch) throw badRequest(`${kind.title}是镇党建办的台账，不能指定支部。`);
    return { scope: OFFICE_SCOPE, onBehalf: false };
  }
  if (!branch) {
    if (kind.scope === "branch") throw badRequest(`${kind.title}按支部报送，请指定支部（branch）。`);
    return { scope: OFFICE_SCOPE, onBehalf: false };
  }
  return { scope: branch, onBehalf: true };
}
