/**
 * The ledger designer's pure half: the column types' names, new ledgers and columns with
 * sensible defaults, and the edits that keep a column's settings consistent with its type.
 */
import type { PaneMessageKey } from "../../../shared/messages/pane";
import {
  NUMERIC_TYPES,
  VALUE_TYPES,
  type Ledger,
  type LedgerColumn,
  type LedgerColumnType,
} from "../../../shared/registry";

export type ColumnDraft = LedgerColumn;
export type LedgerDraft = Ledger;

/** Each column type's name in the dropdown. */
export const TYPE_LABEL: Readonly<Record<LedgerColumnType, PaneMessageKey>> = {
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
export function retype(column: ColumnDraft, type: LedgerColumnType): ColumnDraft {
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
