/** Writing text into cells safely: formula-like text stays text (number format "@"). */
import type { Cell } from "@cj-tech-master/excelts";

const FORMULA_LIKE = /^[=+\-@]/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_LIKE.test(text);
}

/** Sets a plain string value; text starting with =, +, - or @ is marked as text, never a formula. */
export function setText(cell: Cell, text: string): void {
  cell.value = text;
  if (isFormulaLike(text)) cell.numFmt = "@";
}

export function setValue(cell: Cell, value: string | number | boolean | null | undefined): void {
  if (typeof value === "string") setText(cell, value);
  else cell.value = value ?? null;
}

/** A4 page setup, fitted to one page wide. */
export function setA4(
  ws: { pageSetup: object },
  orientation: "portrait" | "landscape",
  extra: { printTitlesRow?: string; horizontalCentered?: boolean } = {},
): void {
  Object.assign(ws.pageSetup, {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...extra,
  });
}
