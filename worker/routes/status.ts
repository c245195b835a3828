import { Hono } from "hono";
import {
  OFFICE_LABEL,
  OFFICE_SCOPE,
  YearQuerySchema,
  type CellState,
  type StatusResponse,
} from "../../shared/api";
import { kindsOf } from "../../shared/kinds";
import { dueDay } from "../../shared/settings";
import type { KindDef } from "../../shared/kinds/types";
import type { AppEnv } from "../env";
import { currentSubmissionsOfYear } from "../db/submissions";
import { dueDate, shanghaiDate } from "../lib/dates";
import { scopeFor } from "../lib/scope";
import { query } from "../lib/validate";

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

/** GET /api/status: branch × kind × period — submitted, late, returned, missing (past due) or pending. */
export const status = new Hono<AppEnv>().get("/", query(YearQuerySchema), async (c) => {
  const asOf = c.get("asOf");
  const year = c.req.valid("query").year ?? asOf.slice(0, 4);
  const [{ registry }, subs] = await Promise.all([
    c.var.registry(),
    currentSubmissionsOfYear(c.env.DB, year),
  ]);
  const day = dueDay(registry);
  const byKey = new Map(subs.map((s) => [`${s.scope}|${s.kind}|${s.period}`, s]));

  const own = scopeFor(c.get("user"), null);
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
  const body: StatusResponse = {
    year,
    asOf,
    kinds: kindsOf(registry).map((k) => ({ id: k.id, title: k.title, grain: k.grain, scope: k.scope })),
    rows,
    counts: total,
  };
  return c.json(body);
});
