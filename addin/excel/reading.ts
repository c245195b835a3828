/**
 * A sheet's cells in row blocks under Excel's limits (5 MB per response on the web, 5,000,000
 * cells per read), each block with its merged areas (ExcelApi 1.13) and formula cells (1.9).
 * Blocks are sized by the bytes per cell the sheet has shown so far, so a 10-row sheet is one
 * read and a 100,000-row one a handful. Merged areas are read per block; a block whose merges
 * Excel refuses (more than 512 areas in one read) is read again in tiles of at most 512 cells,
 * which can never hold more than 512 areas.
 */
import type { CellValue, SheetInput } from "../../shared/workbook";
import { areasOf } from "./address";
import type { ReadTask, TaskSource } from "./batches";
import type { SheetPlan, UsedArea } from "./discover";
import { CALL_BYTES, MAX_READ_CELLS, jsonBytes, rangeOf } from "./writer";

/** Bytes a cell takes in the response before the sheet has shown its own (a short Chinese text). */
const FIRST_GUESS_BYTES_PER_CELL = 24;
/** getMergedAreasOrNullObject fails above 512 merged areas; a tile of 512 cells cannot hold more. */
const MERGE_TILE_CELLS = 512;
/** What an area list costs in the response before it is seen. */
const AREAS_GUESS_BYTES = 400;

interface SheetState {
  plan: SheetPlan;
  used: UsedArea;
  /** Next row (relative to the used range) not yet queued. */
  next: number;
  bytesPerCell: number;
  blocks: Map<number, CellValue[][]>;
  merges: Set<string>;
  formulas: string[];
}

export interface ReadOptions {
  merges: boolean;
  formulas: boolean;
}

/** Readers for every sheet with a used range; `source` hands out value blocks as budget allows. */
export function sheetReader(plans: readonly SheetPlan[], options: ReadOptions) {
  const states: SheetState[] = plans.flatMap((plan) =>
    plan.used
      ? [
          {
            plan,
            used: plan.used,
            next: 0,
            bytesPerCell: FIRST_GUESS_BYTES_PER_CELL,
            blocks: new Map(),
            merges: new Set(),
            formulas: [],
          },
        ]
      : [],
  );

  const source: TaskSource = (left) => {
    const state = states.find((s) => s.next < s.used.rowCount);
    if (!state) return null;
    const cols = state.used.columnCount;
    const fitting = Math.floor((left.response - AREAS_GUESS_BYTES * 2) / (cols * state.bytesPerCell));
    const rows = Math.max(
      1,
      Math.min(state.used.rowCount - state.next, fitting, Math.floor(MAX_READ_CELLS / cols)),
    );
    const task = blockTask(state, state.next, rows, false, options);
    state.next += rows;
    return task;
  };

  const inputs = (): SheetInput[] =>
    plans.map((plan) => {
      const state = states.find((s) => s.plan === plan);
      const input: SheetInput = {
        name: plan.name,
        values: state ? assemble(state) : [],
        merges: state ? [...state.merges] : [],
        hidden: plan.hidden,
      };
      if (options.formulas) input.formulas = state?.formulas ?? [];
      return input;
    });

  return { source, inputs };
}

/** Rows from A1 as the engine expects, trailing empty cells dropped (a stray cell far below stays cheap). */
function assemble(state: SheetState): CellValue[][] {
  const { rowIndex, columnIndex } = state.used;
  const pad: CellValue[] = Array<CellValue>(columnIndex).fill(null);
  const out: CellValue[][] = Array.from({ length: rowIndex }, () => []);
  for (const start of [...state.blocks.keys()].sort((a, b) => a - b)) {
    for (const row of state.blocks.get(start) ?? []) {
      let end = row.length;
      while (end > 0 && (row[end - 1] === "" || row[end - 1] === null)) end--;
      out.push(end === 0 ? [] : columnIndex ? [...pad, ...row.slice(0, end)] : row.slice(0, end));
    }
  }
  return out;
}

function blockTask(
  state: SheetState,
  start: number,
  rows: number,
  tiled: boolean,
  options: ReadOptions,
): ReadTask {
  const { rowIndex, columnIndex, columnCount: cols } = state.used;
  const address = rangeOf(rowIndex + start, columnIndex, rows, cols);
  const tiles = options.merges ? mergeTiles(state.used, start, rows, tiled) : [];
  return {
    request: CALL_BYTES * (6 + tiles.length * 4),
    response: rows * cols * state.bytesPerCell + AREAS_GUESS_BYTES * (1 + tiles.length),
    queue: () => {
      const range = state.plan.sheet.getRange(address);
      range.load("values");
      const merged = tiles.map((tile) => {
        const areas = state.plan.sheet.getRange(tile).getMergedAreasOrNullObject();
        areas.load("address");
        return areas;
      });
      const formulas = options.formulas
        ? range.getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas)
        : null;
      formulas?.load("address");
      return () => collect(state, start, range, merged, formulas);
    },
    split: () => {
      if (rows === 1) return null;
      state.bytesPerCell *= 2;
      const half = Math.ceil(rows / 2);
      return [
        blockTask(state, start, half, tiled, options),
        blockTask(state, start + half, rows - half, tiled, options),
      ];
    },
    safer: () => (tiled || !options.merges ? null : blockTask(state, start, rows, true, options)),
  };
}

/** After the sync: a block's values, merged areas and formula cells into the sheet's state. */
function collect(
  state: SheetState,
  start: number,
  range: Excel.Range,
  merged: readonly Excel.RangeAreas[],
  formulas: Excel.RangeAreas | null,
): void {
  const values = range.values as CellValue[][];
  const cells = Math.max(1, values.length * state.used.columnCount);
  // Seen bytes per cell, with room for longer text further down.
  state.bytesPerCell = Math.max(4, Math.ceil((jsonBytes(values) / cells) * 1.25), state.bytesPerCell / 2);
  state.blocks.set(start, values);
  for (const m of merged) if (!m.isNullObject) for (const a of areasOf(m.address)) state.merges.add(a);
  if (formulas && !formulas.isNullObject) state.formulas.push(...areasOf(formulas.address));
}

/** The block itself, or (after a refusal) tiles of at most 512 cells covering it. */
function mergeTiles(used: UsedArea, start: number, rows: number, tiled: boolean): string[] {
  const top = used.rowIndex + start;
  if (!tiled) return [rangeOf(top, used.columnIndex, rows, used.columnCount)];
  const width = Math.min(used.columnCount, MERGE_TILE_CELLS);
  const height = Math.max(1, Math.floor(MERGE_TILE_CELLS / width));
  const tiles: string[] = [];
  for (let r = 0; r < rows; r += height)
    for (let c = 0; c < used.columnCount; c += width)
      tiles.push(
        rangeOf(
          top + r,
          used.columnIndex + c,
          Math.min(height, rows - r),
          Math.min(width, used.columnCount - c),
        ),
      );
  return tiles;
}
