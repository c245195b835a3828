/**
 * A blank ledger of one kind as an .xlsx sheet, drawn from the shared layout
 * (../template-layout.ts): title row, header row (required columns marked *), column widths,
 * dropdown lists (long ones on a hidden list sheet), input hints as data-validation prompts,
 * frozen header, A4 page setup.
 */
import { Workbook, type DataValidation, type Worksheet } from "@cj-tech-master/excelts";
import type { KindDef } from "../kinds/types";
import { DEFAULT_REGISTRY, type Registry } from "../registry";
import { columnLetter } from "../read/cells";
import { LIST_SHEET, templateLayout, type ColumnLayout } from "../template-layout";
import { setA4, setText } from "./text";

export { dropdownValues, hintFor, displayWidth } from "../template-layout";

export interface TemplateOptions {
  registry?: Registry;
  /** The ledger year written into the title (`2025年`), from which the period is inferred. */
  year?: number;
  /** Data rows prepared with dropdowns and hints. */
  rows?: number;
}

export function buildTemplate(kind: KindDef, options: TemplateOptions = {}): Workbook {
  const wb = new Workbook();
  wb.creator = "台账通 Ledgerline";
  addTemplateSheet(wb, kind, options);
  return wb;
}

export function addTemplateSheet(wb: Workbook, kind: KindDef, options: TemplateOptions = {}): Worksheet {
  const layout = templateLayout(kind, options.registry ?? DEFAULT_REGISTRY, options);
  const ws = wb.addWorksheet(layout.sheetName);
  const width = layout.columns.length + 1;
  const headerRow = layout.header.row;
  const listColumn = addLists(wb, layout.lists);

  setText(ws.getCell(1, 1), layout.title.text);
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).font = { bold: true, size: layout.title.size };
  ws.getCell(1, 1).alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = layout.title.height;

  [layout.serial.header, ...layout.columns.map((c) => c.header)].forEach((text, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    setText(cell, text);
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${layout.header.fill}` } };
    cell.border = {
      top: { style: "thin" },
      bottom: { style: "thin" },
      left: { style: "thin" },
      right: { style: "thin" },
    };
  });
  ws.getRow(headerRow).height = layout.header.height;

  ws.getColumn(1).width = layout.serial.width;
  layout.columns.forEach((column, i) => {
    const col = i + 2;
    ws.getColumn(col).width = column.width;
    if (column.text) ws.getColumn(col).numFmt = "@";
    const range = `${columnLetter(col - 1)}${headerRow + 1}:${columnLetter(col - 1)}${headerRow + layout.rows}`;
    ws.dataValidations.add(range, validationFor(column, listColumn));
  });

  ws.views = [{ state: "frozen", ySplit: layout.freeze.rows, xSplit: layout.freeze.columns }];
  setA4(ws, layout.page.orientation, {
    printTitlesRow: layout.page.printTitleRows,
    horizontalCentered: true,
  });
  Object.assign(ws.headerFooter, { oddFooter: layout.page.footer });
  return ws;
}

/** Writes long lists on the hidden list sheet; returns each list's column offset (0-based). */
function addLists(wb: Workbook, lists: readonly string[][]): (list: number) => number {
  if (lists.length === 0) return (list) => list;
  const sheet = wb.getWorksheet(LIST_SHEET) ?? wb.addWorksheet(LIST_SHEET, { state: "hidden" });
  const offset = sheet.actualColumnCount;
  lists.forEach((values, i) => values.forEach((v, r) => setText(sheet.getCell(r + 1, offset + i + 1), v)));
  return (list) => offset + list;
}

function validationFor(column: ColumnLayout, listColumn: (list: number) => number): DataValidation {
  const { prompt, dropdown, error } = column;
  const input = { showInputMessage: true, promptTitle: prompt.title, prompt: prompt.message };
  if (!dropdown || !error) return { type: "any", allowBlank: true, ...input };
  const letter = dropdown.kind === "sheet" ? columnLetter(listColumn(dropdown.list)) : "";
  const formula =
    dropdown.kind === "inline"
      ? `"${dropdown.source}"`
      : `'${LIST_SHEET}'!$${letter}$1:$${letter}$${dropdown.values.length}`;
  return {
    type: "list",
    allowBlank: !column.def.required,
    formulae: [formula],
    ...input,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: error.title,
    error: error.message,
  };
}
