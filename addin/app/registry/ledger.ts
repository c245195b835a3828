/**
 * The ledger designer's pure half: a township ledger (registry `ledgers[]`) as the designer edits
 * it, the column types a clerk picks from, and new ledgers and columns with sensible defaults.
 */
import { z } from "zod";
import type { ColumnType, KindDef } from "../../../shared/kinds/types";
import type { PaneMessageKey } from "../../../shared/messages/pane";

/** The catalogue's column types (interfaces spec, registry revision 2), in the dropdown's order. */
export const COLUMN_TYPES = [
  "text",
  "name",
  "date",
  "month",
  "int",
  "num",
  "money",
  "branch",
  "staff",
  "mobile",
  "phone",
  "id18",
  "enum",
  "list",
] as const;
export type ColumnTypeName = (typeof COLUMN_TYPES)[number];

export const TYPE_LABEL: Readonly<Record<ColumnTypeName, PaneMessageKey>> = {
  text: "regTypeText",
  name: "regTypeName",
  date: "regTypeDate",
  month: "regTypeMonth",
  int: "regTypeInt",
  num: "regTypeNum",
  money: "regTypeMoney",
  branch: "regTypeBranch",
  staff: "regTypeStaff",
  mobile: "regTypeMobile",
  phone: "regTypePhone",
  id18: "regTypeId18",
  enum: "regTypeEnum",
  list: "regTypeList",
};

/** Types that take `min`/`max`. */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set(["int", "num", "money"]);
/** Types that take allowed `values`. */
export const VALUE_TYPES: ReadonlySet<string> = new Set(["enum", "list"]);

export interface ColumnDraft {
  name: string;
  aliases?: string[];
  type: ColumnTypeName;
  required?: boolean;
  unique?: boolean;
  min?: number;
  max?: number;
  values?: string[];
  /** Other spellings of a value: alias → value. */
  valueAliases?: Record<string, string>;
}

export interface LedgerDraft {
  id: string;
  title: string;
  titles?: string[];
  grain: "year" | "month" | "snapshot";
  scope: "branch" | "office" | "branch-or-office";
  columns: ColumnDraft[];
}

/** A new ledger with a free id (`ledger-2`), a yearly grain and one empty column. */
export function newLedger(taken: readonly string[], title: string): LedgerDraft {
  let n = 1;
  while (taken.includes(`ledger-${n}`)) n++;
  return { id: `ledger-${n}`, title, grain: "year", scope: "branch", columns: [newColumn()] };
}

export function newColumn(): ColumnDraft {
  return { name: "", type: "text" };
}

/**
 * A column moved to another type: bounds stay only on numeric types and values only on list
 * types, so the document never carries a setting its type ignores.
 */
export function retype(column: ColumnDraft, type: ColumnTypeName): ColumnDraft {
  const out: ColumnDraft = { ...column, type };
  if (!NUMERIC_TYPES.has(type)) {
    delete out.min;
    delete out.max;
  }
  if (!VALUE_TYPES.has(type)) {
    delete out.values;
    delete out.valueAliases;
  } else if (!out.values) out.values = [];
  return out;
}

/** The aliases of one value, from the column's alias → value map. */
export function aliasesOf(column: ColumnDraft, value: string): string[] {
  return Object.entries(column.valueAliases ?? {})
    .filter(([, v]) => v === value)
    .map(([a]) => a);
}

/** The column with one value's aliases replaced (and a renamed value's aliases following it). */
export function setValueAliases(column: ColumnDraft, value: string, aliases: readonly string[]): ColumnDraft {
  const rest = Object.entries(column.valueAliases ?? {}).filter(([, v]) => v !== value);
  const map = Object.fromEntries([...rest, ...aliases.map((a) => [a, value] as const)]);
  const out: ColumnDraft = { ...column, valueAliases: map };
  if (!Object.keys(map).length) delete out.valueAliases;
  return out;
}

/** The column with value i renamed, its aliases following it. */
export function renameValue(column: ColumnDraft, i: number, name: string): ColumnDraft {
  const values = column.values ?? [];
  const old = values[i];
  const renamed = { ...column, values: values.map((v, j) => (j === i ? name : v)) };
  return setValueAliases(setValueAliases(renamed, old, []), name, aliasesOf(column, old));
}

/**
 * The designed ledger as a kind, for the preview only (the engine builds its own from the
 * registry): the columns with their types, bounds and values; no rules, no figures.
 */
export function previewKind(ledger: LedgerDraft): KindDef {
  return {
    id: ledger.id,
    title: ledger.title,
    titles: ledger.titles ?? [],
    grain: ledger.grain,
    scope: ledger.scope,
    columns: ledger.columns.map((c) => ({
      name: c.name,
      aliases: c.aliases,
      required: c.required,
      unique: c.unique,
      type: columnType(c),
    })),
    figures: z.object({}).strict(),
    summary: () => ({}),
  };
}

function columnType(c: ColumnDraft): ColumnType {
  switch (c.type) {
    case "int":
    case "num":
      return { t: c.type, min: c.min, max: c.max };
    case "money":
      return { t: "money", unit: "元", min: c.min };
    case "enum":
      return { t: "enum", values: c.values ?? [], aliases: c.valueAliases };
    case "list":
      return { t: "list", values: c.values, aliases: c.valueAliases };
    default:
      return { t: c.type };
  }
}
