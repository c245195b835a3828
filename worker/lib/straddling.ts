/**
 * 到村工作日志 weeks that straddle two months (ledgers spec §2): no monthly sheet can judge them,
 * so the Worker, which holds every month, judges them across the neighbouring months' current
 * submissions when a month is submitted. The rule itself is the engine's.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { OFFICE_SCOPE } from "../../shared/api";
import { rowsFromStored, straddlingWeekFindings, type FigureContext } from "../../shared/engine";
import type { Finding } from "../../shared/findings";
import type { ParsedRow, Value } from "../../shared/kinds/types";
import { addMonths } from "../../shared/read/dates";
import { currentRecordsOfYear, type YearRecord } from "../db/records";

/** `visit-days` warnings of the weeks `month` shares with the month before or after it. */
export async function straddlingWarnings(
  db: D1Database,
  month: string,
  rows: readonly ParsedRow[],
  context: Omit<FigureContext, "periods">,
  /** The current 到村工作日志 rows of the neighbouring months' years, when read beforehand (a re-judge). */
  preloaded?: readonly YearRecord[],
): Promise<Finding[]> {
  const neighbours = [addMonths(month, -1), addMonths(month, 1)];
  const stored = preloaded ?? (await fieldworkRecordsAround(db, [month]));
  const held = stored.filter((r) => r.scope === OFFICE_SCOPE && neighbours.includes(r.period));
  if (!held.length) return [];
  const others = rowsFromStored(
    held.map((r) => ({ row: r.row_no, values: JSON.parse(r.data) as Record<string, Value> })),
  );
  const periods = [month, ...new Set(held.map((r) => r.period))].sort();
  return straddlingWeekFindings([...rows, ...others], { ...context, periods });
}

/** The current 到村工作日志 rows of every year holding a month next to one of `months`. */
export async function fieldworkRecordsAround(
  db: D1Database,
  months: readonly string[],
): Promise<YearRecord[]> {
  const years = [
    ...new Set(months.flatMap((m) => [addMonths(m, -1), addMonths(m, 1)]).map((m) => m.slice(0, 4))),
  ];
  return (await Promise.all(years.map((y) => currentRecordsOfYear(db, y, "fieldwork")))).flat();
}
