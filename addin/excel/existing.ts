/**
 * What a sheet already holds where marks go: its notes (ExcelApi 1.18), threaded comments (1.10)
 * and conditional formats (1.6), read item by item from the counts the first sync gave, in
 * payload-sized batches — never one unbounded collection load. Items are later addressed by key
 * (cell, comment id, format id), since positions shift as items are added or deleted.
 */
import { stripSheet } from "./address";
import type { ReadTask } from "./batches";
import type { SheetPlan } from "./discover";
import { MARKER_FORMULA } from "./record";
import { CALL_BYTES } from "./writer";

export interface ExistingItem {
  /** Cell (A1, no sheet). */
  cell: string;
  content: string;
  /** Comment id (for comments only). */
  id?: string;
}

export interface Existing {
  notes: ExistingItem[];
  comments: ExistingItem[];
  /** Ids of our conditional formats (marker formula). */
  ourFormats: string[];
}

/** A note or comment: its cell and content (a clerk's longer note splits the batch it is in). */
export const ITEM_RESPONSE_BYTES = 400;
const FORMAT_RESPONSE_BYTES = 300;

export function emptyExisting(): Existing {
  return { notes: [], comments: [], ourFormats: [] };
}

/** One read task per item of the sheet's collections named in `what`. */
export function existingTasks(
  plan: SheetPlan,
  what: { notes: boolean; comments: boolean; formats: boolean },
  into: Existing,
): ReadTask[] {
  const tasks: ReadTask[] = [];
  const sheet = plan.sheet;
  const item = (
    count: number,
    get: (i: number) => Excel.Note | Excel.Comment,
    withId: boolean,
    list: ExistingItem[],
  ) => {
    for (let i = 0; i < count; i++)
      tasks.push({
        request: CALL_BYTES * 5,
        response: ITEM_RESPONSE_BYTES,
        queue: () => {
          const it = get(i);
          it.load(withId ? "content, id" : "content");
          const at = it.getLocation();
          at.load("address");
          return () => list.push(itemOf(it, at, withId));
        },
      });
  };
  if (what.notes) item(plan.counts.notes, (i) => sheet.notes.getItemAt(i), false, into.notes);
  if (what.comments) item(plan.counts.comments, (i) => sheet.comments.getItemAt(i), true, into.comments);
  if (what.formats) {
    const markers = new Set(Object.values(MARKER_FORMULA));
    for (let i = 0; i < plan.counts.formats; i++)
      tasks.push({
        request: CALL_BYTES * 7,
        response: FORMAT_RESPONSE_BYTES,
        queue: () => {
          const cf = sheet.getRange().conditionalFormats.getItemAt(i);
          cf.load("id, type, customOrNullObject/rule/formula");
          return () => {
            const id = ourFormat(cf, markers);
            if (id) into.ourFormats.push(id);
          };
        },
      });
  }
  return tasks;
}

/** After the sync: a note's or comment's cell and content (and a comment's id). */
function itemOf(it: Excel.Note | Excel.Comment, at: Excel.Range, withId: boolean): ExistingItem {
  const entry: ExistingItem = { cell: stripSheet(at.address), content: it.content };
  if (withId && "id" in it) entry.id = it.id;
  return entry;
}

/** After the sync: the format's id when it is ours (custom, with a marker formula). */
function ourFormat(cf: Excel.ConditionalFormat, markers: ReadonlySet<string>): string | null {
  // Only custom formats carry a rule.
  if (cf.type !== Excel.ConditionalFormatType.custom || cf.customOrNullObject.isNullObject) return null;
  return markers.has(cf.customOrNullObject.rule.formula) ? cf.id : null;
}
