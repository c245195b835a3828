import { Hono } from "hono";
import { YearQuerySchema, type SummaryResponse } from "../../shared/api";
import { rowsFromStored, summarize, type FigureContext } from "../../shared/engine";
import { kindsOf } from "../../shared/kinds";
import type { Summary } from "../../shared/figures";
import type { ParsedRow, Value } from "../../shared/kinds/types";
import { registryStaff } from "../../shared/registry";
import type { AppEnv } from "../env";
import { currentRecordsOfYear, officeStaffNames } from "../db/records";
import { requireRole } from "../lib/auth";
import { query } from "../lib/validate";

/** One scope's rows of a kind and the periods they were submitted for. */
interface Group {
  stored: { row: number; values: Record<string, Value> }[];
  periods: Set<string>;
}

/**
 * GET /api/summary: each kind's figures per 提交单位 and in total, from the current submissions,
 * through the engine's `summarize` with the context a clerk's machine uses (the same staff list
 * and the submissions' own periods), so the township's figures equal the clerk's.
 */
export const summary = new Hono<AppEnv>().get(
  "/",
  requireRole("admin", "office"),
  query(YearQuerySchema),
  async (c) => {
    const asOf = c.get("asOf");
    const year = c.req.valid("query").year ?? asOf.slice(0, 4);
    const [{ registry }, records] = await Promise.all([
      c.var.registry(),
      currentRecordsOfYear(c.env.DB, year),
    ]);
    const staff = registryStaff(registry) ?? new Set(await officeStaffNames(c.env.DB));
    const grouped = new Map<string, Map<string, Group>>();
    for (const r of records) {
      const byScope = grouped.get(r.kind) ?? new Map<string, Group>();
      grouped.set(r.kind, byScope);
      const group = byScope.get(r.scope) ?? { stored: [], periods: new Set<string>() };
      byScope.set(r.scope, group);
      group.periods.add(r.period);
      group.stored.push({ row: r.row_no, values: JSON.parse(r.data) as Record<string, Value> });
    }
    const context = (periods: Iterable<string>): FigureContext => ({
      asOf,
      registry,
      periods: [...periods].sort(),
      staff: staff.size ? staff : null,
    });
    const body: SummaryResponse = {
      year,
      asOf,
      kinds: kindsOf(registry).map((kind) => {
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
        };
      }),
    };
    return c.json(body);
  },
);
