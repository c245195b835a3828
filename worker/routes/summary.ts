import { Hono } from "hono";
import { YearSchema, type SummaryResponse } from "../../shared/api";
import { summarizeRecords } from "../../shared/engine";
import { KINDS } from "../../shared/kinds";
import type { ParsedRow, Value } from "../../shared/kinds/types";
import type { AppEnv } from "../env";
import { loadRegistry } from "../db/registry";
import { currentRecordsOfYear } from "../db/submissions";
import { requireRole } from "../lib/auth";
import { readQuery } from "../lib/body";
import { todayShanghai } from "../lib/dates";

/** GET /api/summary: each kind's figures per 提交单位 and in total, from the current submissions. */
export const summary = new Hono<AppEnv>().get("/", requireRole("admin", "office"), async (c) => {
  const asOf = c.env.AS_OF ?? todayShanghai();
  const year = readQuery(c, "year", YearSchema.optional()) ?? asOf.slice(0, 4);
  const [{ registry }, rows] = await Promise.all([
    loadRegistry(c.env.DB),
    currentRecordsOfYear(c.env.DB, year),
  ]);
  const grouped = new Map<string, Map<string, ParsedRow[]>>();
  for (const r of rows) {
    const byScope = grouped.get(r.kind) ?? new Map<string, ParsedRow[]>();
    grouped.set(r.kind, byScope);
    const list = byScope.get(r.scope) ?? [];
    byScope.set(r.scope, list);
    list.push({
      row: r.row_no,
      values: JSON.parse(r.data) as Record<string, Value>,
      invalid: new Set(),
      raw: {},
    });
  }
  const options = { asOf, registry, ledgerYear: Number(year) };
  const body: SummaryResponse = {
    year,
    asOf,
    kinds: KINDS.map((kind) => {
      const byScope = grouped.get(kind.id) ?? new Map<string, ParsedRow[]>();
      const byBranch: Record<string, Record<string, unknown>> = {};
      const all: ParsedRow[] = [];
      for (const [scope, list] of byScope) {
        byBranch[scope] = summarizeRecords(kind, list, options);
        all.push(...list);
      }
      return {
        kind: kind.id,
        title: kind.title,
        byBranch,
        total: all.length ? summarizeRecords(kind, all, options) : {},
        rows: all.length,
      };
    }),
  };
  return c.json(body);
});
