/**
 * Field research (ledgers spec §3 fieldwork, the "143" mechanism): every staff member in the
 * villages on at least `visitDaysPerWeek` distinct days in each completed ISO week of the
 * ledger's own periods (`visit-days`). A monthly sheet is judged on its own month only; a week
 * that straddles two months is judged where both months are held (the Worker).
 */
import type { Finding } from "../findings";
import { periodBounds, periodOf } from "../period";
import { visitDaysPerWeek } from "../settings";
import type { ParsedRow, RuleContext } from "../kinds/types";
import { cadenceSpan, periodText, spanPeriods } from "./cadence";
import { msg } from "../messages/engine";

export interface VisitColumns<C extends string = string> {
  date: C;
  staff: C;
}

export interface Visits {
  findings: Finding[];
  /** Checked (staff, completed week) pairs. */
  staffWeeks: number;
  /** Distinct staff-days inside those pairs. */
  daysInWeeks: number;
}

function text(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

/** Distinct days per staff member per completed ISO week inside `ctx.periods`; too few → `visit-days`. */
export function visitDays<C extends string>(
  rows: readonly ParsedRow<C>[],
  ctx: RuleContext<C>,
  columns: VisitColumns<NoInfer<C>>,
): Visits {
  const minimum = visitDaysPerWeek(ctx.registry);
  const days = new Map<string, Set<string>>();
  const add = (p: string) => {
    if (!days.has(p)) days.set(p, new Set());
  };
  for (const r of rows) {
    const person = text(r.values[columns.staff]);
    if (!person) continue;
    add(person);
    const date = text(r.values[columns.date]);
    if (date) days.get(person)?.add(date);
  }
  // Staff who appear in the sheet or in the known staff list (spec §3 fieldwork).
  for (const p of ctx.staff ?? []) add(p);
  const weeks = spanPeriods(
    "week",
    cadenceSpan(
      rows.map((r) => text(r.values[columns.date])),
      ctx,
    ),
  );
  const findings: Finding[] = [];
  let daysInWeeks = 0;
  for (const [person, dates] of days) {
    const perWeek = new Map<string, number>();
    for (const d of dates) {
      const w = periodOf(d, "week");
      perWeek.set(w, (perWeek.get(w) ?? 0) + 1);
    }
    for (const week of weeks) {
      const n = perWeek.get(week) ?? 0;
      daysInWeeks += n;
      if (n >= minimum.value) continue;
      findings.push(
        ctx.finding({
          code: "visit-days",
          row: null,
          column: null,
          period: week,
          subject: person,
          text: msg("fieldwork.visitDays", {
            person,
            period: periodText(week),
            days: n,
            minimum: minimum.value,
            setting: minimum.note ?? "",
          }),
        }),
      );
    }
  }
  return { findings, staffWeeks: days.size * weeks.length, daysInWeeks };
}

/** True when the ISO week's days fall in two months. */
export function straddlesMonths(week: string): boolean {
  const { start, end } = periodBounds(week);
  return start.slice(0, 7) !== end.slice(0, 7);
}

/**
 * The `visit-days` findings of the weeks that straddle two months, judged across the rows of
 * every month in `ctx.periods` (the Worker's current submissions of those months): what no
 * single monthly sheet can judge.
 */
export function straddlingVisitDays<C extends string>(
  rows: readonly ParsedRow<C>[],
  ctx: RuleContext<C>,
  columns: VisitColumns<NoInfer<C>>,
): Finding[] {
  return visitDays(rows, ctx, columns).findings.filter((f) => f.period && straddlesMonths(f.period));
}
