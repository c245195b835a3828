/**
 * Scheduled 催报 (issue 15): which reminder rounds fall on a day, and the text for each unit
 * that still owes a ledger, composed from the status matrix (`GET /api/status`'s answer), so the
 * reminders and the 报送情况 view never disagree. Pure: the Worker decides when and where to post.
 */
import type { CellState, StatusResponse } from "./api";
import { reminderMessage } from "./messages/reminders";
import type { Locale } from "./messages/pane";
import { addDays } from "./read/dates";

/**
 * The steps of one due date D (the registry's `dueDay` of each month), in Beijing calendar days:
 * three days before, on the day, the day after and a week after.
 */
export const REMINDER_STEPS = [
  { step: "before-3", offset: -3, template: "before" },
  { step: "due", offset: 0, template: "due" },
  { step: "after-1", offset: 1, template: "after" },
  { step: "after-7", offset: 7, template: "after" },
] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number]["step"];
export const REMINDER_STEP_IDS = REMINDER_STEPS.map((s) => s.step) as [ReminderStep, ...ReminderStep[]];

/** One step of one due date. */
export interface ReminderRound {
  due: string;
  step: ReminderStep;
}

/** The rounds whose step falls on `date` (YYYY-MM-DD): step s of due date D falls on D + offset. */
export function roundsOn(date: string, dueDay: number): ReminderRound[] {
  return REMINDER_STEPS.flatMap((s) => {
    const due = addDays(date, -s.offset);
    return Number(due.slice(8, 10)) === dueDay ? [{ due, step: s.step }] : [];
  });
}

/** The year whose status matrix holds the ledgers due on `due`: that of the month before it. */
export function yearDueOn(due: string): string {
  return due.slice(5, 7) === "01" ? String(Number(due.slice(0, 4)) - 1) : due.slice(0, 4);
}

/** What a unit still owes: not submitted yet (before or after the due day), or returned (退回). */
const OWED: ReadonlySet<CellState> = new Set<CellState>(["pending", "missing", "returned"]);

/** Items listed in one message; the rest are counted (a 企业微信 text holds at most 2,048 bytes). */
export const MAX_REMINDER_ITEMS = 15;

export interface ReminderMessage {
  /** A branch's canonical name, or "office". */
  audience: string;
  /** Ledgers owed. */
  count: number;
  text: string;
}

/**
 * One message per unit that owes a ledger due on `round.due` (its own items only), none for a
 * unit that owes nothing. No comment of a 退回 is quoted: it may name a person.
 */
export function reminderMessages(
  status: StatusResponse,
  round: ReminderRound,
  township: string,
  locale: Locale = "zh-CN",
): ReminderMessage[] {
  const titles = new Map(status.kinds.map((k) => [k.id, k.title]));
  const template = REMINDER_STEPS.find((s) => s.step === round.step)?.template ?? "before";
  return status.rows.flatMap((row) => {
    const owed = row.cells.filter((c) => c.due === round.due && OWED.has(c.state));
    if (owed.length === 0) return [];
    const lines = owed.slice(0, MAX_REMINDER_ITEMS).map(
      (c, i) =>
        `${i + 1}. ${reminderMessage(locale, c.state === "returned" ? "itemReturned" : "item", {
          title: titles.get(c.kind) ?? c.kind,
          period: c.period,
        })}`,
    );
    if (owed.length > MAX_REMINDER_ITEMS)
      lines.push(reminderMessage(locale, "more", { count: owed.length - MAX_REMINDER_ITEMS }));
    const text = reminderMessage(locale, template, {
      unit: row.label,
      count: owed.length,
      due: round.due,
      items: lines.join("\n"),
      township,
    });
    return [{ audience: row.scope, count: owed.length, text }];
  });
}
