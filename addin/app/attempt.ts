/**
 * An attempt's body as the outbox handles it: the sheet as submitted, the copy kept without its ID
 * cells (docs/privacy.md), and whether two bodies are the same attempt at the same sheet.
 */
import type { SubmissionRequest } from "../../shared/api";
import { maskIds } from "../../shared/privacy";
import type { SheetInput } from "../../shared/workbook";

/** The sheet as submitted: what the engine read (the Worker re-runs the engine on it). */
export function sheetBody(input: SheetInput, date1904: boolean): SubmissionRequest["sheet"] {
  return {
    values: input.values,
    merges: input.merges,
    ...(input.formulas ? { formulas: input.formulas } : {}),
    date1904,
  };
}

/**
 * The body with every cell that holds an ID number (however typed: `maskIds` finds it) emptied;
 * `storable` is false when an ID hides anywhere else (a sheet name, say): then it stays in memory.
 */
export function withoutIdCells(body: SubmissionRequest): {
  body: SubmissionRequest;
  idCells: number;
  storable: boolean;
} {
  let idCells = 0;
  const values = body.sheet.values.map((row) =>
    row.map((cell) => {
      if (cell === null || typeof cell === "boolean" || maskIds(cell) === cell) return cell;
      idCells++;
      return null;
    }),
  );
  const rest = { ...body, sheet: { ...body.sheet, values: [] } };
  const storable = JSON.stringify(maskIds(rest)) === JSON.stringify(rest);
  return { body: { ...body, sheet: { ...body.sheet, values } }, idCells, storable };
}

/** Whether two bodies name the same sheet with the same cells (key order aside). */
export function sameAttempt(a: SubmissionRequest, b: SubmissionRequest): boolean {
  const facts = (r: SubmissionRequest) =>
    JSON.stringify([
      r.kind,
      r.period,
      r.branch ?? null,
      r.sheetName,
      r.sheet.values,
      r.sheet.merges,
      r.sheet.formulas ?? null,
      r.sheet.date1904,
    ]);
  return facts(a) === facts(b);
}
