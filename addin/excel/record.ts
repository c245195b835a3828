/**
 * What validate added to a sheet, kept in a worksheet custom property (ExcelApi 1.12) so
 * 清除标记 removes exactly that: the cells holding our notes and those holding our threaded
 * comments (written by earlier versions on ExcelApi 1.10–1.17), as compressed ranges. Our
 * conditional formats need no record: their marker formula names them.
 */
import { workbookText } from "../../shared/messages/workbook";
import { compressCells, expandRanges } from "./address";

/** The worksheet custom property that records what validate added. */
export const MARK_KEY = "ledgerline.marks";

/** Always-true formulas that identify our conditional formats among the clerk's own. */
export const MARKER_FORMULA: Record<"error" | "warning", string> = {
  error: '=N("ledgerline:error")=0',
  warning: '=N("ledgerline:warning")=0',
};
export const MARK_FILL: Record<"error" | "warning", string> = { error: "#FFC7CE", warning: "#FFEB9C" };

/** Every note (or comment) we write starts with this; one that no longer does is the clerk's. */
export const NOTE_PREFIX = workbookText("notePrefix");

export interface MarkRecord {
  notes: string[];
  comments: string[];
}

interface StoredRecord {
  v: 2;
  /** Cells (A1 ranges, no sheet) where validate added a note. */
  notes: string[];
  /** Cells where an earlier version added a threaded comment. */
  comments: string[];
}

/** The record as stored, or null; reads version 1 (`{v: 1, mode, notes}`) by the mode it names. */
export function parseRecord(json: string | null | undefined): MarkRecord | null {
  if (!json) return null;
  try {
    const raw = JSON.parse(json) as { v?: number; mode?: string; notes?: unknown; comments?: unknown };
    const list = (x: unknown) =>
      Array.isArray(x) ? expandRanges(x.filter((a): a is string => typeof a === "string")) : [];
    if (raw.v === 1) {
      const cells = list(raw.notes);
      return raw.mode === "comments" ? { notes: [], comments: cells } : { notes: cells, comments: [] };
    }
    if (raw.v === 2) return { notes: list(raw.notes), comments: list(raw.comments) };
    return null;
  } catch {
    return null;
  }
}

export function recordJson(record: MarkRecord): string {
  const stored: StoredRecord = {
    v: 2,
    notes: compressCells(record.notes),
    comments: compressCells(record.comments),
  };
  return JSON.stringify(stored);
}

export function isOurs(content: string | null | undefined): boolean {
  return typeof content === "string" && content.startsWith(NOTE_PREFIX);
}
