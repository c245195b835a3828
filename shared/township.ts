/**
 * The township's figures (GET /api/summary): each kind's summary per 提交单位 and in total, from
 * stored rows, through the engine's `summarize`. The one function behind /api/summary and every
 * figure of the 季总结 / 年盘点 report, so the two never differ.
 */
import type { SummaryResponse } from "./api";
import { rowsFromStored, summarize, type FigureContext } from "./engine";
import type { Summary } from "./figures";
import { kindsOf } from "./kinds";
import type { ParsedRow, StoredRow } from "./kinds/types";
import type { Registry } from "./registry";

/** One stored row of a current submission: its kind, 提交单位 (scope) and period. */
export interface TownshipRecord extends StoredRow {
  kind: string;
  scope: string;
  period: string;
}

export interface TownshipContext {
  year: string;
  asOf: string;
  registry: Registry;
  /** The office staff the rows were checked against (registry's, else the 人员岗位表's), or null. */
  staff: ReadonlySet<string> | null;
}

/** One scope's rows of a kind and the periods they were submitted for. */
interface Group {
  stored: StoredRow[];
  periods: Set<string>;
}

/**
 * The figures with the context a clerk's machine uses (the same staff list and the submissions'
 * own periods), so the township's figures equal the clerk's.
 */
export function townshipSummary(records: Iterable<TownshipRecord>, ctx: TownshipContext): SummaryResponse {
  const grouped = new Map<string, Map<string, Group>>();
  for (const r of records) {
    const byScope = grouped.get(r.kind) ?? new Map<string, Group>();
    grouped.set(r.kind, byScope);
    const group = byScope.get(r.scope) ?? { stored: [], periods: new Set<string>() };
    byScope.set(r.scope, group);
    group.periods.add(r.period);
    group.stored.push({ row: r.row, values: r.values });
  }
  const context = (periods: Iterable<string>): FigureContext => ({
    asOf: ctx.asOf,
    registry: ctx.registry,
    periods: [...periods].sort(),
    staff: ctx.staff?.size ? ctx.staff : null,
  });
  const branchNames = ctx.registry.branches.map((b) => b.name);
  return {
    year: ctx.year,
    asOf: ctx.asOf,
    kinds: kindsOf(ctx.registry).map((kind) => {
      const byScope = grouped.get(kind.id) ?? new Map<string, Group>();
      const byBranch: Record<string, Summary> = {};
      const all: ParsedRow[] = [];
      const periods = new Set<string>();
      for (const [scope, group] of byScope) {
        const rows = rowsFromStored(group.stored);
        byBranch[scope] = summarize(kind, rows, context(group.periods));
        all.push(...rows);
        for (const p of group.periods) periods.add(p);
      }
      return {
        kind: kind.id,
        title: kind.title,
        byBranch,
        total: all.length ? summarize(kind, all, context(periods)) : {},
        rows: all.length,
        // How many branches the total covers, so no screen reads a partial total as the township's.
        branches:
          kind.scope === "office"
            ? null
            : { reported: branchNames.filter((b) => byScope.has(b)).length, expected: branchNames.length },
      };
    }),
  };
}
