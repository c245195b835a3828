/**
 * Ledger kinds a township defines in its registry (interfaces spec, registry revision 2
 * `ledgers`): built at run time from the same column vocabulary as the twelve built-in kinds, so
 * the same reader, column checks, templates, submissions and figures serve them. They carry no
 * row or sheet rules beyond their columns' (`required`, `unique`, `min`/`max`, `values`).
 */
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import type { Ledger, LedgerColumn } from "../registry";
import { moneyFigure } from "../rules/tally";
import { defineKind, type ColumnDef, type ColumnType, type KindDef, type ParsedRow } from "./types";

/** The column type of the catalogue's vocabulary a township column names. */
function columnType(col: LedgerColumn): ColumnType {
  const bounds = {
    ...(col.min !== undefined ? { min: col.min } : {}),
    ...(col.max !== undefined ? { max: col.max } : {}),
  };
  const values = col.values ?? [];
  const aliases = col.valueAliases ? { aliases: col.valueAliases } : {};
  switch (col.type) {
    case "int":
    case "num":
      return { t: col.type, ...bounds };
    case "money":
      return { t: "money", unit: "元", ...bounds };
    case "enum":
      return { t: "enum", values, ...aliases };
    case "list":
      return { t: "list", values, ...aliases };
    default:
      return { t: col.type };
  }
}

function columnDef(col: LedgerColumn): ColumnDef {
  return {
    name: col.name,
    ...(col.aliases?.length ? { aliases: col.aliases } : {}),
    type: columnType(col),
    ...(col.required ? { required: true } : {}),
    ...(col.unique ? { unique: true } : {}),
  };
}

/** Figure names of a township kind's summary: `rows`, `sum:<column>`, `by:<column>`. */
export const TOWNSHIP_FIGURE = {
  rows: "rows",
  sum: (column: string) => `sum:${column}`,
  by: (column: string) => `by:${column}`,
} as const;

/** Columns whose values are summed, and columns whose values are counted. */
const SUMMED: ReadonlySet<LedgerColumn["type"]> = new Set(["int", "num", "money"]);
const COUNTED: ReadonlySet<LedgerColumn["type"]> = new Set(["enum", "list", "branch"]);

/**
 * The summary a township kind gets (ledgers spec §3's figures for built-in kinds; issue 13):
 * its rows, the sum of each numeric column, and counts by each enum, list and branch column,
 * labelled with the column's own name.
 */
function figuresOf(ledger: Ledger) {
  const shape: Record<string, z.ZodType<number | null | Record<string, number>>> = {
    [TOWNSHIP_FIGURE.rows]: fig.count("行数", "Rows", "条"),
  };
  for (const col of ledger.columns) {
    if (col.type === "money")
      shape[TOWNSHIP_FIGURE.sum(col.name)] = fig.money(`${col.name}合计`, `Total ${col.name}`, "元");
    else if (SUMMED.has(col.type))
      shape[TOWNSHIP_FIGURE.sum(col.name)] = fig.number(`${col.name}合计`, `Total ${col.name}`, "个");
    else if (COUNTED.has(col.type))
      shape[TOWNSHIP_FIGURE.by(col.name)] = fig.counts(`按${col.name}`, `By ${col.name}`, "条");
  }
  return summaryOf(shape);
}

function summaryFor(ledger: Ledger) {
  return (rows: readonly ParsedRow[]) => {
    const out: Record<string, number | null | Record<string, number>> = {
      [TOWNSHIP_FIGURE.rows]: rows.length,
    };
    for (const col of ledger.columns) {
      if (SUMMED.has(col.type)) {
        let total = 0;
        for (const r of rows) {
          const v = r.values[col.name];
          if (typeof v === "number") total += v;
        }
        // Money is read in 分 (ledgers spec §1); the figure is in 元. Other sums keep 2 decimals.
        out[TOWNSHIP_FIGURE.sum(col.name)] =
          col.type === "money" ? moneyFigure(total, "元") : Math.round(total * 100) / 100;
      } else if (COUNTED.has(col.type)) {
        const counts: Record<string, number> = {};
        for (const r of rows) {
          const v = r.values[col.name];
          // A list cell counts once for each of its values.
          for (const key of typeof v === "string" ? [v] : Array.isArray(v) ? v : [])
            counts[key] = (counts[key] ?? 0) + 1;
        }
        out[TOWNSHIP_FIGURE.by(col.name)] = counts;
      }
    }
    return out;
  };
}

/** A township ledger as a kind, like the built-in ones but with no rules beyond its columns'. */
function buildKind(ledger: Ledger): KindDef {
  const figures = figuresOf(ledger);
  const summary = summaryFor(ledger);
  return defineKind({
    id: ledger.id,
    title: ledger.title,
    titles: [ledger.title, ...(ledger.titles ?? [])],
    grain: ledger.grain,
    scope: ledger.scope,
    columns: ledger.columns.map(columnDef),
    figures,
    summary: (rows) => summary(rows) as z.infer<typeof figures>,
  });
}

/** Kinds are built once per ledger definition: a registry is read on every request. */
const built = new Map<string, KindDef>();
/** The kind last built for each id: what a title or a figure label is read from without a registry. */
const latest = new Map<string, KindDef>();
const MAX_BUILT = 200;

export function townshipKind(ledger: Ledger): KindDef {
  const key = JSON.stringify(ledger);
  let kind = built.get(key);
  if (!kind) {
    if (built.size >= MAX_BUILT) built.clear();
    kind = buildKind(ledger);
    built.set(key, kind);
  }
  latest.set(kind.id, kind);
  return kind;
}

/**
 * The township kind of this id last built from a registry (by validation, a template, the
 * Worker's answers), for showing a report's title and figure labels where only the kind's id
 * travels (the pane's views, the 汇总 sheet); undefined before any registry defined it.
 */
export function knownTownshipKind(id: string): KindDef | undefined {
  return latest.get(id);
}
