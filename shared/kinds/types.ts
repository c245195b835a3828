/**
 * What a ledger kind is: data (its columns) plus a few functions (row rules, sheet rules,
 * summary). Adding a kind = one file in this folder and one line in ./index.ts. A kind is typed
 * by its column names (`KindDef<Column>`), so a misspelt column fails the type-check; a kind whose
 * columns are known only at run time (a township's own) is a `KindDef<string>`.
 */
import { z } from "zod";
import type { Finding, FindingCode, Severity } from "../findings";
import type { FigureValue, Summary } from "../figures";
import type { EngineText } from "../messages/engine";
import type { Registry } from "../registry";
import type { MoneyUnit } from "../read/numbers";

/** A parsed cell value. Dates are ISO `YYYY-MM-DD`, months `YYYY-MM`, money integer 分. */
export const ValueSchema = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);
export type Value = z.infer<typeof ValueSchema>;

/**
 * A data row's normalised values as the Worker stores and returns them: canonical column name →
 * value, a key for every column its sheet had.
 */
export const StoredRowSchema = z.object({
  row: z.number().int(),
  values: z.record(z.string(), ValueSchema),
});
export type StoredRow = z.infer<typeof StoredRowSchema>;

export type ColumnType =
  | { t: "text" }
  /** A person's name: trimmed, inner spaces between Chinese characters removed. */
  | { t: "name" }
  /**
   * Dates after the as-of date are `future-date` unless `allowFuture` (e.g. a planned start).
   * `monthOk`: a year and month alone (1980.02) is a valid value `YYYY-MM` (ledgers spec §1).
   */
  | { t: "date"; allowFuture?: boolean; monthOk?: boolean }
  | { t: "month" }
  | { t: "int"; min?: number; max?: number; unit?: "户" | "人" }
  | { t: "num"; min?: number; max?: number; exclusiveMin?: number; unit?: "小时" }
  /** Money, kept in 分 (integer). `unit` is the column's own unit; a header may name the other. */
  | { t: "money"; unit: MoneyUnit; min?: number; max?: number }
  | ({ t: "enum"; values: readonly string[] } & EnumOptions)
  | ({ t: "list"; values?: readonly string[] } & EnumOptions)
  /** A registry branch/village; the value is the branch's canonical name. */
  | { t: "branch" }
  /** An office staff member; the value is the staff member's name. */
  | { t: "staff" }
  /** A list of office staff members. */
  | { t: "staffList" }
  | { t: "mobile" }
  /** A mobile number, or a landline with or without its area code (0350-7123456, 7123456). */
  | { t: "phone" }
  /**
   * A month's 党费 (ledgers spec §3 dues): an amount in 元 (kept in 分), `√` (the month's 月应缴
   * was paid) or `免` (an exempted month); the value is the 分, or the marker "√" / "免".
   */
  | { t: "payment" }
  /** An 18-digit citizen ID number (GB 11643). Parsed value: the full number (engine only). */
  | { t: "id18" };

/** Listed aliases, and what the hints know of values that are not allowed (ledgers spec §1 "enums"). */
export interface EnumOptions {
  /** Other spellings accepted as the value. */
  aliases?: Readonly<Record<string, string>>;
  /** Words that are not allowed but mean an allowed value: the hint suggests it (供暖 → 其他). */
  synonyms?: Readonly<Record<string, string>>;
  /** Values that are not allowed for a reason the hint explains (先进基层党组织 on a person's row). */
  notes?: Readonly<Record<string, EngineText>>;
  /** A cell naming several allowed values (主题党日+党课) counts for each (value: the list). */
  combine?: boolean;
}

export interface ColumnDef<C extends string = string> {
  /** Canonical column name as the spec writes it, e.g. "收集日期" or "投资金额（万元）". */
  name: C;
  aliases?: readonly string[];
  type: ColumnType;
  required?: boolean;
  /** Values must be unique across the sheet (`duplicate-key` on each repeat). */
  unique?: boolean;
}

export type Grain = "year" | "month" | "snapshot";
export type Scope = "office" | "branch" | "branch-or-office";

/** The column names of a kind's column list, declared `as const`. */
export type ColumnName<Columns extends readonly { name: string }[]> = Columns[number]["name"];

/** One data row after parsing. Cells that failed their check are null in `values`. */
export interface ParsedRow<C extends string = string> {
  /** 1-based sheet row. */
  row: number;
  /** Canonical column name → parsed value (null when empty or invalid); no key for a column the sheet lacks. */
  values: { readonly [K in C]?: Value };
  /** Canonical column names whose cell failed a check (so row rules can skip them). */
  invalid: ReadonlySet<C>;
  /** Header text → raw cell value, for every non-empty cell including extra columns. */
  raw: Record<string, string | number | boolean>;
}

export interface FindingInput<C extends string = string> {
  code: FindingCode;
  /** Data-row number (1-based sheet row); with `column` gives the cell address. */
  row?: number | null;
  column?: C | null;
  /** The message and its hint, by key in the engine's catalogue (shared/messages/engine.ts). */
  text: EngineText;
  period?: string;
  subject?: string;
  /** Override the code's severity (a vacant post is an `inconsistent` warning). */
  severity?: Severity;
}

export interface RuleContext<C extends string = string> {
  sheet: string;
  /** As-of date, ISO. */
  asOf: string;
  registry: Registry;
  /** Office staff names to check against; null when neither registry nor workbook has any. */
  staff: ReadonlySet<string> | null;
  /** The ledger's year: the year of its period (`2025`, `2025-09`), else the as-of year. */
  ledgerYear: number;
  /**
   * The periods the rows belong to: the sheet's own (`2025`, or `2025-09` for a monthly sheet);
   * the Worker's figures pass every period they sum. Cadence and visit checks judge nothing
   * outside them (ledgers spec §2).
   */
  periods: readonly string[];
  /** Canonical column names present in the sheet: a rule needing an absent column is not run. */
  present: ReadonlySet<C>;
  /** Builds a finding with the cell address resolved from row + column. */
  finding(input: FindingInput<C>): Finding;
}

export interface KindDef<C extends string = string> {
  /** Stable id used in the CLI, the API and the database, e.g. "problems". */
  id: string;
  /** Chinese title, e.g. "民情问题台账"; `titles` lists every title the sheet may carry. */
  title: string;
  titles: readonly string[];
  grain: Grain;
  scope: Scope;
  columns: readonly ColumnDef<C>[];
  /** Row rules: cross-cell checks on one row. Column-level checks are done by the engine. */
  rowRules?(row: ParsedRow<C>, ctx: RuleContext<C>): Finding[];
  /** Sheet rules: uniqueness beyond `unique`, cadence, coverage, quotas. */
  sheetRules?(rows: readonly ParsedRow<C>[], ctx: RuleContext<C>): Finding[];
  /**
   * The summary's schema (`summaryOf`): each figure's type, and beside it its label in Chinese
   * and English and its unit (shared/figures.ts).
   */
  figures: SummaryObject;
  /** Summary figures; names are part of the contract (ledgers spec §3). */
  summary(rows: readonly ParsedRow<C>[], ctx: RuleContext<C>): Summary;
}

/** A kind's summary schema: a strict zod object of figures. */
export type SummaryObject = z.ZodObject<Record<string, z.ZodType<FigureValue>>, z.core.$strict>;

/**
 * A kind typed by its own columns: its rules and summary take rows of those columns only, and
 * its summary returns exactly the figures its schema declares.
 */
export function defineKind<C extends string, F extends SummaryObject>(
  def: Omit<KindDef<C>, "figures" | "summary"> & {
    figures: F;
    summary(rows: readonly ParsedRow<C>[], ctx: RuleContext<C>): z.infer<F>;
  },
): KindDef<C> {
  return def;
}
