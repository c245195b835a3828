/**
 * The submission matrix branch × kind × period (submitted, late, returned, missing or pending):
 * what `GET /api/status` answers and what the scheduled 催报 composes its reminders from.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { OFFICE_LABEL, OFFICE_SCOPE, type CellState, type StatusResponse } from "../../shared/api";
import { kindsOf } from "../../shared/kinds";
import type { KindDef } from "../../shared/kinds/types";
import type { Registry } from "../../shared/registry";
import { dueDay } from "../../shared/settings";
import { currentSubmissionsOfYear } from "../db/submissions";
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

/** The matrix of `year` as of `asOf`, for one scope (a branch's own row) or every scope (null). */
export async function statusMatrix(
  db: D1Database,
  registry: Registry,
  year: string,
  asOf: string,
  own: string | null,
): Promise<StatusResponse> {
  const subs = await currentSubmissionsOfYear(db, year);
  const day = dueDay(registry);
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
        const due = dueDate(period, day);
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
          receiptNo: s?.receipt_no ?? null,
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
