/**
 * The marks of one checked sheet: a conditional format per severity over the findings' cells
 * (recognised later by its marker formula, so the clerk's own fills and formats are never
 * touched) and, on ExcelApi 1.18, a note with the messages on each cell that has neither a note
 * nor a threaded comment of the clerk's. The record of our notes goes first, listing every cell
 * that may hold one of ours when a batch fails half-way, and is narrowed last.
 */
import type { Finding } from "../../shared/findings";
import { workbookText } from "../../shared/messages/workbook";
import type { SheetResult } from "../../shared/report";
import { chunkAddresses, compressCells } from "./address";
import type { SheetPlan } from "./discover";
import type { Existing } from "./existing";
import {
  MARKER_FORMULA,
  MARK_FILL,
  MARK_KEY,
  NOTE_PREFIX,
  isOurs,
  recordJson,
  type MarkRecord,
} from "./record";
import type { ExcelReach } from "./requirements";
import { callBytes, type Op } from "./writer";

export interface SheetMarks {
  ops: Op[];
  cellsMarked: number;
  notesWritten: number;
  /** Notes of ours this Excel cannot see (made on ExcelApi 1.18, now opened on an older one). */
  notesKept: number;
}

function noteText(findings: readonly Finding[]): string {
  const lines = findings.map((f) =>
    f.hint ? `${f.message}\n${workbookText("noteHint", { hint: f.hint })}` : f.message,
  );
  return NOTE_PREFIX + lines.join("\n");
}

/** The cells to mark, with their findings, and the worse severity of each. */
function byCell(result: SheetResult | undefined): Map<string, Finding[]> {
  const cells = new Map<string, Finding[]>();
  for (const f of result?.findings ?? []) {
    if (!f.cell || f.severity === "info") continue;
    const list = cells.get(f.cell);
    if (list) list.push(f);
    else cells.set(f.cell, [f]);
  }
  return cells;
}

export function sheetMarks(
  plan: SheetPlan,
  result: SheetResult | undefined,
  existing: Existing,
  reach: ExcelReach,
): SheetMarks {
  const sheet = plan.sheet;
  const marks = byCell(result);
  const before: MarkRecord = plan.record ?? { notes: [], comments: [] };
  const notes = reach.mode === "notes";
  // Where a note of ours may be now; notes this Excel cannot see stay recorded.
  const oursNow = new Map(existing.notes.filter((n) => isOurs(n.content)).map((n) => [n.cell, n]));
  const kept = notes ? [] : before.notes;
  const clerks = new Set([
    ...existing.notes.filter((n) => !isOurs(n.content)).map((n) => n.cell),
    ...existing.comments.filter((c) => !isOurs(c.content)).map((c) => c.cell),
  ]);
  const texts = new Map<string, string>();
  if (notes) for (const [cell, list] of marks) if (!clerks.has(cell)) texts.set(cell, noteText(list));

  const ops: Op[] = [];
  const record = (r: MarkRecord) => {
    const json = recordJson(r);
    ops.push({
      size: callBytes(2, MARK_KEY, json),
      queue: () => void sheet.customProperties.add(MARK_KEY, json),
    });
  };
  const after: MarkRecord = { notes: [...kept, ...texts.keys()], comments: [] };
  record({
    notes: [...new Set([...before.notes, ...oursNow.keys(), ...after.notes])],
    comments: [...new Set([...before.comments])],
  });

  for (const id of existing.ourFormats)
    ops.push({
      size: callBytes(3, id),
      queue: () => sheet.getRange().conditionalFormats.getItem(id).delete(),
    });
  for (const severity of ["error", "warning"] as const) {
    const cells = [...marks]
      .filter(([, list]) => (list.some((f) => f.severity === "error") ? "error" : "warning") === severity)
      .map(([cell]) => cell);
    for (const chunk of chunkAddresses(compressCells(cells)))
      ops.push({
        size: callBytes(6, chunk, MARKER_FORMULA[severity], MARK_FILL[severity]),
        queue: () => {
          const cf = sheet.getRanges(chunk).conditionalFormats.add(Excel.ConditionalFormatType.custom);
          cf.custom.rule.formula = MARKER_FORMULA[severity];
          cf.custom.format.fill.color = MARK_FILL[severity];
        },
      });
  }

  // Earlier comments of ours go (this version never writes comments).
  for (const c of existing.comments)
    if (isOurs(c.content) && c.id) {
      const id = c.id;
      ops.push({ size: callBytes(2, id), queue: () => sheet.comments.getItem(id).delete() });
    }
  for (const [cell, note] of oursNow) {
    const text = texts.get(cell);
    if (text === undefined)
      ops.push({ size: callBytes(2, cell), queue: () => sheet.notes.getItem(cell).delete() });
    else if (text !== note.content)
      ops.push({
        size: callBytes(2, cell, text),
        queue: () => void (sheet.notes.getItem(cell).content = text),
      });
  }
  let notesWritten = 0;
  for (const [cell, text] of texts) {
    notesWritten += 1;
    if (!oursNow.has(cell))
      ops.push({ size: callBytes(2, cell, text), queue: () => void sheet.notes.add(cell, text) });
  }
  record(after);
  return { ops, cellsMarked: marks.size, notesWritten, notesKept: kept.length };
}
