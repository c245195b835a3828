/** The submission matrix (GET /api/status): branch × kind × period, and what each cell's state is. */
import { OFFICE_LABEL, OFFICE_SCOPE, type CellState, type StatusResponse } from "../../shared/api";
import { kindsOf } from "../../shared/kinds";
import { dueDay as dueDayOf } from "../../shared/settings";
import type { KindDef } from "../../shared/kinds/types";
import type { Registry } from "../../shared/registry";
import type { currentSubmissionsOfYear } from "../db/submissions";
import { dueDate, shanghaiDate } from "./dates";

const emptyCounts = (): Record<CellState, number> => ({
  submitted: 0,
  late: 0,
  returned: 0,
  missing: 0,
  pending: 0,
});

function periodsOf(kind: KindDef, year: string): string[] {
  if (kind.grain !== "month") return [year];
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/**
 * Submitted, late (after the due day), returned, missing (past due) or pending, for every scope
 * (or only `own`, a branch's) of the year's current submissions.
 */
export function statusMatrix(
  year: string,
  asOf: string,
  registry: Registry,
  subs: Awaited<ReturnType<typeof currentSubmissionsOfYear>>,
  own: string | null,
): StatusResponse {
  const dueDay = dueDayOf(registry);
  const byKey = new Map(subs.map((s) => [`${s.scope}|${s.kind}|${s.period}`, s]));

  const scopes = own !== null ? [own] : [...registry.branches.map((b) => b.name), OFFICE_SCOPE];
  const total = emptyCounts();
  const rows = scopes.map((scope) => {
    const office = scope === OFFICE_SCOPE;
    const kinds = kindsOf(registry).filter((k) =>
      office
        ? k.scope === "office" ||
          (k.scope === "branch-or-office" && subs.some((s) => s.scope === OFFICE_SCOPE && s.kind === k.id))
        : k.scope !== "office",
    );
    const counts = emptyCounts();
    const cells = kinds.flatMap((kind) =>
      periodsOf(kind, year).map((period) => {
        const due = dueDate(period, dueDay);
        const s = byKey.get(`${scope}|${kind.id}|${period}`);
        const state: CellState = s
          ? s.status === "returned"
            ? "returned"
            : shanghaiDate(s.created_at) > due
              ? "late"
              : "submitted"
          : asOf > due
            ? "missing"
            : "pending";
        counts[state] += 1;
        total[state] += 1;
        return {
          kind: kind.id,
          period,
          state,
          due,
          submissionId: s?.id ?? null,
          version: s?.version ?? null,
          submittedAt: s?.created_at ?? null,
          returnComment: s?.status === "returned" ? s.return_comment : null,
        };
      }),
    );
    return { scope, label: office ? OFFICE_LABEL : scope, cells, counts };
  });
  return {
    year,
    asOf,
    kinds: kindsOf(registry).map((k) => ({ id: k.id, title: k.title, grain: k.grain, scope: k.scope })),
    rows,
    counts: total,
  };
}
