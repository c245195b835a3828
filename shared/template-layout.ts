/**
 * The one layout of a blank ledger (插入模板, `template`): pure data derived from the kind's
 * columns and the registry, drawn by both writers — the Excel adapter (addin/excel/template.ts)
 * and the .xlsx writer (shared/xlsx/template.ts) — so the two never drift. A column a kind adds
 * appears in both templates with no more work.
 */
import type { ColumnDef, KindDef } from "./kinds/types";
import type { Registry } from "./registry";
import { workbookText, type WorkbookMessageKey } from "./messages/workbook";

/** Title on row 1, headers on row 2, data from row 3. */
export const HEADER_ROW = 2;
/** Data rows prepared with dropdowns, hints and text formats. */
export const TEMPLATE_ROWS = 500;
/**
 * Excel refuses a typed (comma-separated) list source longer than 255 characters; longer lists
 * live on a hidden sheet and the validation points at that range instead.
 * https://github.com/jmcnamara/XlsxWriter/issues/562 (Excel's limit, not a library's)
 */
export const LIST_LITERAL_MAX = 255;
/** The hidden sheet that holds dropdown lists too long to type: one list per column from A. */
export const LIST_SHEET = "台账通下拉列表";
/** Column types written as text: ID and phone numbers keep every digit and a landline's leading 0. */
const TEXT_TYPES: ReadonlySet<string> = new Set(["id18", "mobile", "phone"]);
/** Hints of column types that carry no settings of their own. */
const PLAIN_HINTS: Readonly<Record<string, WorkbookMessageKey>> = {
  phone: "hintPhone",
  payment: "hintPayment",
};
/** Excel caps a data-validation prompt title at 32 characters and its message at 255. */
const PROMPT_TITLE_MAX = 32;
const PROMPT_MESSAGE_MAX = 255;

export type Dropdown =
  /** A typed list: the validation formula `"a,b,c"` (commas in values removed). */
  | { kind: "inline"; values: readonly string[]; source: string }
  /** Index into `TemplateLayout.lists`; the writer places it on LIST_SHEET. */
  | { kind: "sheet"; values: readonly string[]; list: number };

export interface ColumnLayout {
  def: ColumnDef;
  /** The header cell: the column's name, `*` when required. */
  header: string;
  /** Width in Excel character units. */
  width: number;
  /** Data cells formatted as text ("@"), for ID and phone numbers that must keep every digit. */
  text: boolean;
  dropdown: Dropdown | null;
  prompt: { title: string; message: string };
  /** Shown when a typed value is not in the dropdown. */
  error: { title: string; message: string } | null;
}

export interface TemplateLayout {
  sheetName: string;
  title: { text: string; size: number; height: number };
  header: { row: number; height: number; fill: string };
  /** Column A: 序号, not validated. */
  serial: { header: string; width: number };
  /** Columns B, C, … in the kind's order. */
  columns: ColumnLayout[];
  /** Data rows prepared: HEADER_ROW + 1 … HEADER_ROW + rows. */
  rows: number;
  freeze: { rows: number; columns: number };
  page: { orientation: "portrait" | "landscape"; printTitleRows: string; footer: string };
  /** Lists too long to type, for LIST_SHEET (each one column, from row 1). */
  lists: string[][];
}

export interface LayoutOptions {
  /** The ledger year in the title (`2025年`), from which the period is inferred. */
  year?: number;
  rows?: number;
}

export function templateLayout(
  kind: KindDef,
  registry: Registry,
  options: LayoutOptions = {},
): TemplateLayout {
  const township = registry.township.name;
  const lists: string[][] = [];
  const columns = kind.columns.map((def): ColumnLayout => {
    const values = dropdownValues(def, registry);
    const dropdown = values && values.length ? placeDropdown(values, lists) : null;
    return {
      def,
      header: def.required ? `${def.name}*` : def.name,
      width: columnWidth(def),
      text: TEXT_TYPES.has(def.type.t),
      dropdown,
      prompt: {
        title: def.name.slice(0, PROMPT_TITLE_MAX),
        message: `${def.required ? workbookText("requiredPrefix") : ""}${hintFor(def)}`.slice(
          0,
          PROMPT_MESSAGE_MAX,
        ),
      },
      error: dropdown
        ? {
            title: workbookText("listErrorTitle"),
            message: workbookText("listErrorMessage", { name: def.name }).slice(0, PROMPT_MESSAGE_MAX),
          }
        : null,
    };
  });
  return {
    sheetName: kind.title.slice(0, 31),
    title: {
      text: options.year
        ? workbookText("templateTitleYear", { township, title: kind.title, year: options.year })
        : workbookText("templateTitle", { township, title: kind.title }),
      size: 16,
      height: 30,
    },
    header: { row: HEADER_ROW, height: 32, fill: "D9E1F2" },
    serial: { header: workbookText("serialHeader"), width: 6 },
    columns,
    rows: options.rows ?? TEMPLATE_ROWS,
    freeze: { rows: HEADER_ROW, columns: 1 },
    page: {
      orientation: kind.columns.length > 7 ? "landscape" : "portrait",
      printTitleRows: `1:${HEADER_ROW}`,
      footer: workbookText("templateFooter"),
    },
    lists,
  };
}

/** Inline when the typed list fits Excel's 255 characters, else a column of the list sheet. */
function placeDropdown(values: readonly string[], lists: string[][]): Dropdown {
  const source = values.map((v) => v.replace(/[",]/g, "")).join(",");
  if (source.length + 2 <= LIST_LITERAL_MAX) return { kind: "inline", values, source };
  lists.push([...values]);
  return { kind: "sheet", values, list: lists.length - 1 };
}

/** The dropdown values of a column, or null when it has none. */
export function dropdownValues(def: ColumnDef, registry: Registry): readonly string[] | null {
  switch (def.type.t) {
    case "enum":
      return def.type.values;
    case "branch":
      return registry.branches.map((b) => b.name);
    case "staff": {
      const staff = (registry.staff ?? []).map((s) => s.name);
      return staff.length ? staff : null;
    }
    default:
      return null;
  }
}

/** The input hint shown when the clerk selects a cell of the column. */
export function hintFor(def: ColumnDef): string {
  const t = def.type;
  const unit = (u: string | undefined) => (u ? workbookText("hintUnit", { unit: u }) : "");
  const joined = (values: readonly string[]) => values.join(workbookText("listSeparator"));
  const plain = PLAIN_HINTS[t.t];
  if (plain) return workbookText(plain);
  switch (t.t) {
    case "date":
      // Columns that take a year and month alone (members' dates) say so.
      return workbookText("monthOk" in t && t.monthOk ? "hintDateOrMonth" : "hintDate");
    case "month":
      return workbookText("hintMonth");
    case "int":
      return workbookText("hintInt", {
        unit: unit(t.unit),
        min: t.min !== undefined ? workbookText("hintMin", { min: t.min }) : "",
      });
    case "num":
      return workbookText("hintNum", { unit: unit(t.unit) });
    case "money":
      return workbookText("hintMoney", { unit: t.unit });
    case "enum":
      return workbookText("hintEnum", { values: joined(t.values) });
    case "list":
      return t.values?.length
        ? workbookText("hintList", { values: joined(t.values) })
        : workbookText("hintListFree");
    case "branch":
      return workbookText("hintBranch");
    case "staff":
      return workbookText("hintStaff");
    case "staffList":
      return workbookText("hintStaffList");
    case "mobile":
      return workbookText("hintMobile");
    case "id18":
      return workbookText("hintId18");
    case "name":
      return workbookText("hintName");
    default:
      return workbookText("hintText", { name: def.name });
  }
}

/** Width by the header and by what the column holds, 10–50 character units. */
function columnWidth(def: ColumnDef): number {
  const t = def.type;
  const byType: Readonly<Record<string, number>> = {
    date: 12,
    month: 12,
    id18: 22,
    mobile: 14,
    phone: 14,
    name: 10,
    staff: 10,
    text: 24,
    list: 24,
    staffList: 24,
    branch: 16,
  };
  const content = t.t === "enum" ? Math.max(...t.values.map(displayWidth)) + 4 : (byType[t.t] ?? 10);
  return Math.min(50, Math.max(displayWidth(def.name) + 3, content));
}

/** Width in Excel character units: CJK characters count double. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Excel character units → points, as Office.js `columnWidth` takes them (7 px a character + 5 px, 96 dpi). */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}
