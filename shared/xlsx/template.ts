/**
 * A blank ledger of one kind: title row, header row (required columns marked *), column widths,
 * dropdown lists for every enum column (and branch/staff columns from the registry), input hints
 * as data-validation prompts, frozen header, A4 page setup.
 */
import { Workbook, type DataValidation, type Worksheet } from "@cj-tech-master/excelts";
import type { ColumnDef, KindDef } from "../kinds/types";
import { DEFAULT_REGISTRY, type Registry } from "../registry";
import { columnLetter } from "../read/cells";
import { setA4, setText } from "./text";

export interface TemplateOptions {
  registry?: Registry;
  /** The ledger year written into the title (`2025年`), from which the period is inferred. */
  year?: number;
  /** Data rows prepared with dropdowns and hints. */
  rows?: number;
}

const HEADER_ROW = 2;
/** Excel's limit for a literal list in a data validation formula. */
const LIST_LITERAL_MAX = 255;

export function buildTemplate(kind: KindDef, options: TemplateOptions = {}): Workbook {
  const wb = new Workbook();
  wb.creator = "台账通 Ledgerline";
  addTemplateSheet(wb, kind, options);
  return wb;
}

export function addTemplateSheet(wb: Workbook, kind: KindDef, options: TemplateOptions = {}): Worksheet {
  const registry = options.registry ?? DEFAULT_REGISTRY;
  const rows = options.rows ?? 500;
  const ws = wb.addWorksheet(kind.title);
  const columns = kind.columns;
  const width = columns.length + 1;

  const yearText = options.year ? `（${options.year}年）` : "";
  setText(ws.getCell(1, 1), `${registry.township.name}${kind.title}${yearText}`);
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 30;

  const header = ["序号", ...columns.map((c) => (c.required ? `${c.name}*` : c.name))];
  header.forEach((text, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    setText(cell, text);
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    cell.border = {
      top: { style: "thin" },
      bottom: { style: "thin" },
      left: { style: "thin" },
      right: { style: "thin" },
    };
  });
  ws.getRow(HEADER_ROW).height = 32;

  ws.getColumn(1).width = 6;
  columns.forEach((def, i) => {
    const col = i + 2;
    ws.getColumn(col).width = columnWidth(def);
    if (def.type.t === "id18" || def.type.t === "mobile") ws.getColumn(col).numFmt = "@";
    const range = `${columnLetter(col - 1)}${HEADER_ROW + 1}:${columnLetter(col - 1)}${HEADER_ROW + rows}`;
    ws.dataValidations.add(range, validationFor(def, registry));
  });

  ws.views = [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 1 }];
  setA4(ws, columns.length > 7 ? "landscape" : "portrait", {
    printTitlesRow: `1:${HEADER_ROW}`,
    horizontalCentered: true,
  });
  Object.assign(ws.headerFooter, {
    oddFooter: "填表人：__________    审核人：__________    第 &P 页，共 &N 页",
  });
  return ws;
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

function validationFor(def: ColumnDef, registry: Registry): DataValidation {
  const prompt = `${def.required ? "必填。" : ""}${hintFor(def)}`.slice(0, 255);
  const promptTitle = def.name.slice(0, 32);
  const list = dropdownValues(def, registry);
  if (list && list.length) {
    const literal = `"${list.map((v) => v.replace(/[",]/g, "")).join(",")}"`;
    if (literal.length <= LIST_LITERAL_MAX) {
      return {
        type: "list",
        allowBlank: !def.required,
        formulae: [literal],
        showInputMessage: true,
        promptTitle,
        prompt,
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "不在可选范围内",
        error: `请从下拉列表中选择${def.name}。`,
      };
    }
  }
  return { type: "any", allowBlank: true, showInputMessage: true, promptTitle, prompt };
}

/** The input hint shown when the clerk selects a cell of the column. */
export function hintFor(def: ColumnDef): string {
  const t = def.type;
  switch (t.t) {
    case "date":
      return t.monthOk ? "请填写日期或年月，如 2025-09-12 或 1980.02。" : "请填写日期，如 2025-09-12。";
    case "month":
      return "请填写月份，如 2025-09。";
    case "int":
      return `请填写整数${t.unit ? `（单位：${t.unit}）` : ""}${t.min !== undefined ? `，不小于 ${t.min}` : ""}。`;
    case "num":
      return `请填写数字${t.unit ? `（单位：${t.unit}）` : ""}。`;
    case "money":
      return `请填写金额（单位：${t.unit}），最多两位小数。`;
    case "enum":
      return `请从下拉列表中选择：${t.values.join("、")}。`;
    case "list":
      return t.values?.length ? `可填多项，用顿号分隔：${t.values.join("、")}。` : "可填多项，用顿号分隔。";
    case "branch":
      return "请选择村党支部（可用村名）。";
    case "staff":
      return "请填写镇党建办工作人员姓名。";
    case "staffList":
      return "可填多名镇党建办工作人员，用顿号分隔。";
    case "mobile":
      return "请填写 11 位手机号码。";
    case "phone":
      return "请填写手机号码，或带区号的固定电话，如 0350-7123456。";
    case "payment":
      return "请填写当月实缴金额（元）；已按月应缴交纳可填 √，免交月份填“免”。";
    case "id18":
      return "请填写 18 位身份证号码（本列为文本格式）。";
    case "name":
      return "请填写姓名，中间不要加空格。";
    default:
      return `请填写${def.name}。`;
  }
}

function columnWidth(def: ColumnDef): number {
  const headerWidth = displayWidth(def.name) + 3;
  const t = def.type;
  const byType =
    t.t === "date" || t.t === "month"
      ? 12
      : t.t === "id18"
        ? 22
        : t.t === "mobile"
          ? 14
          : t.t === "name" || t.t === "staff"
            ? 10
            : t.t === "enum"
              ? Math.max(...t.values.map(displayWidth)) + 4
              : t.t === "text" || t.t === "list" || t.t === "staffList"
                ? 24
                : t.t === "branch"
                  ? 16
                  : 10;
  return Math.min(50, Math.max(headerWidth, byType));
}

/** Width in Excel character units: CJK characters count double. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}
