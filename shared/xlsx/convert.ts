/** An excelts Workbook → the engine's WorkbookInput (every sheet, hidden ones too). */
import { columnLetter } from "../read/cells";
import { ValueType, type Workbook, type Worksheet } from "@cj-tech-master/excelts";
import type { CellValue, SheetInput, WorkbookInput } from "../workbook";
import { toCellValue } from "./values";

export function workbookToInput(wb: Workbook): WorkbookInput {
  const date1904 = Boolean(wb.properties?.date1904);
  return { date1904, sheets: wb.worksheets.map((ws) => worksheetToInput(ws, date1904)) };
}

export function worksheetToInput(ws: Worksheet, date1904: boolean): SheetInput {
  const values: CellValue[][] = [];
  const formulas = new FormulaCells();
  // Only cells that exist are visited: a used range that claims row 1,048,576 allocates nothing.
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    let cells: CellValue[] | null = null;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged (non-anchor) cells are empty, as in Office.js; the engine fills them from `merges`.
      if (cell.type === ValueType.Merge || cell.type === ValueType.Null) return;
      formulas.note(rowNumber, colNumber, cell.value);
      const v = toCellValue(cell.value, date1904);
      if (v === null) return;
      cells ??= [];
      while (cells.length < colNumber - 1) cells.push(null);
      cells[colNumber - 1] = v;
    });
    if (cells) values[rowNumber - 1] = cells;
  });
  const input: SheetInput = {
    name: ws.name,
    values: fillRows(values),
    merges: mergesOf(ws),
    hidden: ws.state !== "visible" && ws.state !== undefined,
  };
  const ranges = formulas.ranges();
  if (ranges.length) input.formulas = ranges;
  return input;
}

/** Formula cells (1-based, row by row), kept as one A1 range per run of rows in a column. */
export class FormulaCells {
  readonly #runs = new Map<number, [number, number][]>();
  /** Records the cell when its value is a formula (`{ formula | sharedFormula, result }`). */
  note(row: number, col: number, value: unknown): void {
    if (typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value))
      this.add(row, col);
  }
  add(row: number, col: number): void {
    const runs = this.#runs.get(col) ?? [];
    this.#runs.set(col, runs);
    const last = runs[runs.length - 1];
    if (last && last[1] === row - 1) last[1] = row;
    else runs.push([row, row]);
  }
  ranges(): string[] {
    const out: string[] = [];
    for (const [col, runs] of this.#runs) {
      const letter = columnLetter(col - 1);
      for (const [a, b] of runs) out.push(a === b ? `${letter}${a}` : `${letter}${a}:${letter}${b}`);
    }
    return out;
  }
}

/** Replaces holes left by blank rows with empty rows (the array ends at the last row with a value). */
export function fillRows(values: CellValue[][]): CellValue[][] {
  for (let r = 0; r < values.length; r++) if (!values[r]) values[r] = [];
  return values;
}

export function mergesOf(ws: Worksheet): string[] {
  return ws.mergedRegions.map(
    (m) => `${columnLetter(m.left - 1)}${m.top}:${columnLetter(m.right - 1)}${m.bottom}`,
  );
}
