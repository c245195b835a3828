/**
 * Cadence (ledgers spec §2 `cadence-gap`): given dated events of several types and the required
 * frequency of each type, which completed periods lack an event, and what share of the completed
 * periods held one. The span runs from the period holding the sheet's earliest date to the as-of
 * date or the end of the ledger's year, whichever comes first; exempt periods are skipped.
 */
import { QUARTER_PATTERN, WEEK_PATTERN, YEAR_PATTERN, completedPeriods, periodOf } from "../period";
import type { RuleContext } from "../kinds/types";
import type { CadenceSetting, Frequency } from "../settings";
import type { MessageParam } from "../findings";
import { msg, type EngineText } from "../messages/engine";

export type { Frequency };

export interface CadenceEvent {
  /** ISO date. */
  date: string;
  type: string;
}

export interface CadenceSpan {
  /** The sheet's earliest date (ISO), or null when it has none (nothing is checked). */
  earliest: string | null;
  asOf: string;
  /** The ledger's own periods (RuleContext.periods): nothing outside them is judged. */
  within: readonly string[];
  exempt: readonly string[];
}

export interface CadenceGap {
  type: string;
  period: string;
  frequency: Frequency;
}

export interface CadenceResult {
  /** Missing (type, period) pairs, in the order of `frequencies`, then by period. */
  gaps: CadenceGap[];
  /** Type → share of its completed periods that held at least one event (0–1, 4 decimals), null when none completed. */
  share: Record<string, number | null>;
}

/** The span of a sheet whose dates are `dates` (nulls ignored), from the rule context. */
export function cadenceSpan(dates: Iterable<string | null | undefined>, ctx: RuleContext): CadenceSpan {
  let earliest: string | null = null;
  for (const d of dates) if (d && (earliest === null || d < earliest)) earliest = d;
  return { earliest, asOf: ctx.asOf, within: ctx.periods, exempt: ctx.registry.exemptPeriods ?? [] };
}

/** The completed periods of one grain in a span. */
export function spanPeriods(grain: Frequency, span: CadenceSpan): string[] {
  return span.earliest === null
    ? []
    : completedPeriods(grain, {
        earliest: span.earliest,
        asOf: span.asOf,
        within: span.within,
        exempt: span.exempt,
      });
}

/** Types set to "off" are neither checked nor given a share. */
export function checkCadence(
  events: Iterable<CadenceEvent>,
  frequencies: Readonly<Record<string, CadenceSetting>>,
  span: CadenceSpan,
): CadenceResult {
  const held = new Set<string>();
  const list = [...events];
  const gaps: CadenceGap[] = [];
  const share: Record<string, number | null> = {};
  const periodsByGrain = new Map<Frequency, string[]>();
  for (const [type, frequency] of Object.entries(frequencies)) {
    if (frequency === "off") continue;
    let periods = periodsByGrain.get(frequency);
    if (!periods) {
      periods = spanPeriods(frequency, span);
      periodsByGrain.set(frequency, periods);
    }
    held.clear();
    for (const e of list) if (e.type === type) held.add(periodOf(e.date, frequency));
    let count = 0;
    for (const period of periods) {
      if (held.has(period)) count++;
      else gaps.push({ type, period, frequency });
    }
    share[type] = shareOf(count, periods.length);
  }
  return { gaps, share };
}

/** n / d rounded to 4 decimals; null when d is 0 (summary rates, ledgers spec §3). */
export function shareOf(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10000) / 10000;
}

/** A frequency in messages: 每周 / a week … */
export function frequencyText(frequency: Frequency): EngineText {
  return msg(`frequency.${frequency}`);
}

/**
 * A period code as a clerk reads it: 2025-W37 → 2025 年第 37 周, 2025-Q3 → 2025 年第 3 季度,
 * 2025 → 2025 年; months stay 2025-09.
 */
export function periodText(period: string): MessageParam {
  const week = WEEK_PATTERN.exec(period);
  if (week) return msg("period.week", { year: week[1], week: Number(week[2]) });
  const quarter = QUARTER_PATTERN.exec(period);
  if (quarter) return msg("period.quarter", { year: quarter[1], quarter: quarter[2] });
  if (YEAR_PATTERN.test(period)) return msg("period.year", { year: period });
  return period;
}
