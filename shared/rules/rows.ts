/**
 * Row checks several kinds share: a status that needs another cell filled (已解决 needs its
 * 解决日期), and two dates in the wrong order (解决日期 before 收集日期).
 */
import type { Finding } from "../findings";
import type { ParsedRow, RuleContext } from "../kinds/types";
import { compareDates } from "../read/dates";
import { msg } from "../messages/engine";
import { emptyCell, str } from "./tally";

/** `inconsistent` on `column` when `status` is one of `values` and `column` was left empty. */
export function neededBy<C extends string>(
  row: ParsedRow<C>,
  ctx: RuleContext<C>,
  status: NoInfer<C>,
  values: readonly string[],
  column: NoInfer<C>,
): Finding | null {
  const value = str(row, status);
  if (value === null || !values.includes(value) || !emptyCell(row, column)) return null;
  return ctx.finding({
    code: "inconsistent",
    row: row.row,
    column,
    text: msg("row.needsValue", { status, value, column }),
  });
}

/** `date-order` on `later` when it is before `earlier` (month precision where either is a year-month). */
export function dateBefore<C extends string>(
  row: ParsedRow<C>,
  ctx: RuleContext<C>,
  later: NoInfer<C>,
  earlier: NoInfer<C>,
): Finding | null {
  const a = str(row, later);
  const b = str(row, earlier);
  if (a === null || b === null || compareDates(a, b) >= 0) return null;
  return ctx.finding({
    code: "date-order",
    row: row.row,
    column: later,
    text: msg("row.dateOrder", { column: later, value: a, earlier, earlierValue: b }),
  });
}
