/**
 * Composite-key uniqueness (ledgers spec §2 `duplicate-key`: reported on each repeat after the
 * first). The engine uses it for columns marked `unique: true`; kinds use it for pairs such as
 * (工作人员, 联系支部) or (年度, 姓名).
 */
import type { Finding } from "../findings";
import type { ParsedRow, RuleContext, Value } from "../kinds/types";
import { msg } from "../messages/engine";

export interface Duplicate<C extends string = string> {
  /** The repeating row. */
  row: ParsedRow<C>;
  /** Sheet row of the first occurrence. */
  firstRow: number;
  /** The key's parts, as shown in messages. */
  parts: string[];
}

/** Rows whose key repeats an earlier row's key; rows with any null key part are skipped. */
export function findDuplicates<C extends string>(
  rows: readonly ParsedRow<C>[],
  columns: readonly NoInfer<C>[],
): Duplicate<C>[] {
  const seen = new Map<string, number>();
  const out: Duplicate<C>[] = [];
  const [only] = columns;
  for (const row of rows) {
    // One column's value is its own key (the common case: no array per row); several are joined
    // unambiguously.
    let key: string | null;
    let parts: (string | null)[] | null = null;
    if (columns.length === 1) key = keyPart(row.values[only]);
    else {
      parts = columns.map((c) => keyPart(row.values[c]));
      key = parts.includes(null) ? null : JSON.stringify(parts);
    }
    if (key === null) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row.row);
    else out.push({ row, firstRow: first, parts: (parts ?? [key]) as string[] });
  }
  return out;
}

/** `duplicate-key` findings for a pair of columns, each pointing at `at` (one of the two). */
export function duplicateKeyFindings<C extends string>(
  rows: readonly ParsedRow<C>[],
  columns: readonly [NoInfer<C>, NoInfer<C>],
  at: NoInfer<C>,
  ctx: RuleContext<C>,
): Finding[] {
  const [column, other] = columns;
  return findDuplicates(rows, columns).map((d) =>
    ctx.finding({
      code: "duplicate-key",
      row: d.row.row,
      column: at,
      text: msg("unique.pair", {
        column,
        value: d.parts[0],
        other,
        otherValue: d.parts[1],
        first: d.firstRow,
      }),
    }),
  );
}

function keyPart(v: Value | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? [...v].sort().join("、") : null;
  const s = String(v);
  return s === "" ? null : s;
}
