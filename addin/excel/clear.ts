/**
 * 清除标记: removes exactly what validate added, on every sheet, in the form it was added — our
 * conditional formats (by marker formula), the notes and threaded comments the record lists that
 * still carry our prefix — then the record. The clerk's fills, formats, notes and comments stay,
 * and so do notes a clerk has rewritten. Syncs: the sheet list · records and counts · the marks
 * themselves (payload-sized) · the deletes (payload-sized).
 */
import type { ClearOutcome } from "../host";
import { runReads, type ReadTask } from "./batches";
import { discover, type SheetPlan } from "./discover";
import { ITEM_RESPONSE_BYTES, emptyExisting, existingTasks } from "./existing";
import { MARK_KEY, isOurs, recordJson } from "./record";
import { excelReach, type ExcelReach } from "./requirements";
import { CALL_BYTES, callBytes, runOps, type Op } from "./writer";

interface Found {
  plan: SheetPlan;
  notes: string[];
  comments: string[];
  formats: string[];
}

export async function clearMarksInExcel(): Promise<ClearOutcome> {
  const reach = excelReach();
  const outcome: ClearOutcome = { cleared: 0, notesKept: 0, protectedSheets: [] };
  if (reach.mode === "list") return outcome;
  return Excel.run(async (context) => {
    const plans = await discover(context, "all", reach, false);
    const found: Found[] = [];
    const tasks: ReadTask[] = [];
    const finish: (() => void)[] = [];
    for (const plan of plans) {
      if (plan.protected) {
        if (plan.record) outcome.protectedSheets.push(plan.name);
        continue;
      }
      const f: Found = { plan, notes: [], comments: [], formats: [] };
      found.push(f);
      const read = markTasks(plan, reach, f);
      tasks.push(...read.tasks);
      finish.push(read.finish);
    }
    await runReads(context, tasks);
    for (const done of finish) done();

    const ops: Op[] = [];
    for (const f of found) {
      const sheet = f.plan.sheet;
      for (const id of f.formats)
        ops.push({
          size: callBytes(3, id),
          queue: () => sheet.getRange().conditionalFormats.getItem(id).delete(),
        });
      for (const id of f.comments)
        ops.push({ size: callBytes(2, id), queue: () => sheet.comments.getItem(id).delete() });
      for (const cell of f.notes)
        ops.push({ size: callBytes(2, cell), queue: () => sheet.notes.getItem(cell).delete() });
      outcome.cleared += f.formats.length + f.comments.length + f.notes.length;
      if (!f.plan.record) continue;
      // Notes made where notes have an API stay recorded until an Excel that can see them clears them.
      const kept = reach.mode === "notes" ? [] : f.plan.record.notes;
      outcome.notesKept += kept.length;
      const json = recordJson({ notes: kept, comments: [] });
      ops.push({
        size: callBytes(2, MARK_KEY, json),
        queue: () =>
          kept.length
            ? void sheet.customProperties.add(MARK_KEY, json)
            : sheet.customProperties.getItem(MARK_KEY).delete(),
      });
    }
    await runOps(context, ops);
    return outcome;
  });
}

/** Reads that find our marks on one sheet: its conditional formats, the recorded notes and comments. */
function markTasks(
  plan: SheetPlan,
  reach: ExcelReach,
  into: Found,
): { tasks: ReadTask[]; finish: () => void } {
  const existing = emptyExisting();
  const legacy = (plan.record?.comments.length ?? 0) > 0 && reach.comments;
  const tasks = existingTasks(plan, { notes: false, comments: legacy, formats: true }, existing);
  const recorded = new Set(plan.record?.comments ?? []);
  // Once every read is in: keep only what is ours.
  const finish = () => {
    into.formats.push(...existing.ourFormats);
    for (const c of existing.comments)
      if (c.id && recorded.has(c.cell) && isOurs(c.content)) into.comments.push(c.id);
  };
  const notes: ReadTask[] =
    reach.mode === "notes"
      ? (plan.record?.notes ?? []).map((cell) => ({
          request: CALL_BYTES * 3,
          response: ITEM_RESPONSE_BYTES,
          queue: () => {
            const note = plan.sheet.notes.getItemOrNullObject(cell);
            note.load("content");
            return () => {
              if (ourNote(note)) into.notes.push(cell);
            };
          },
        }))
      : [];
  return { tasks: [...tasks, ...notes], finish };
}

/** After the sync: the recorded note is there and still ours. */
function ourNote(note: Excel.Note): boolean {
  return !note.isNullObject && isOurs(note.content);
}
