/**
 * The scheduled 催报 run (wrangler.toml [triggers]; docs/reminders.md): at the as-of date, the
 * rounds that fall on it (shared/reminders.ts), one message per unit that owes a ledger due that
 * round, posted to every enabled robot whose group that unit's reminders go to; and the failed
 * reminders of earlier runs retried while they are still owed.
 */
import {
  reminderMessages,
  roundsOn,
  yearDueOn,
  type ReminderMessage,
  type ReminderRound,
} from "../../shared/reminders";
import { dueDay } from "../../shared/settings";
import type { Bindings } from "../env";
import { auditStatement } from "../db/audit";
import { loadRegistry } from "../db/registry";
import {
  claimReminder,
  listRobots,
  reclaimReminder,
  remindersToRetry,
  settleReminderStatement,
  type ReminderKey,
} from "../db/robots";
import { nowIso, todayShanghai } from "../lib/dates";
import { statusMatrix } from "../lib/status";
import { deliver, openRobot, RETRY_WINDOW_MS, robotsKey, type OpenRobot } from "./deliver";

/** Reminders go out from 09:00 to before 21:00 Beijing time only (UTC+8 all year). */
export const SEND_HOURS = { from: 9, until: 21 } as const;

export interface RunOutcome {
  asOf: string;
  sent: number;
  failed: number;
}

const beijingHour = (ms: number) => (new Date(ms).getUTCHours() + 8) % 24;

/** One scheduled run at `runAt` (the trigger's scheduledTime). */
export async function runReminders(env: Bindings, runAt: number): Promise<RunOutcome> {
  const asOf = env.AS_OF || todayShanghai(new Date(runAt));
  const outcome: RunOutcome = { asOf, sent: 0, failed: 0 };
  const hour = beijingHour(runAt);
  if (hour < SEND_HOURS.from || hour >= SEND_HOURS.until) return outcome;
  const db = env.DB;
  const rows = (await listRobots(db)).filter((r) => r.enabled === 1);
  if (rows.length === 0) return outcome;
  if (!env.ROBOTS_KEY) {
    console.warn("ledgerline: group robots are configured but ROBOTS_KEY is not set; no reminder sent");
    return outcome;
  }
  const key = await robotsKey(env);
  const robots: OpenRobot[] = [];
  for (const row of rows) {
    const robot = await openRobot(key, row);
    if (robot) robots.push(robot);
    else await auditStatement(db, null, "robot.unreadable", row.id, { robot: row.name }, nowIso()).run();
  }

  const { registry } = await loadRegistry(db);
  const township = registry.township.name;
  const rounds = new Map<string, Promise<ReminderMessage[]>>();
  const messagesOf = (round: ReminderRound) => {
    const id = `${round.due}|${round.step}`;
    let messages = rounds.get(id);
    if (!messages) {
      messages = statusMatrix(db, registry, yearDueOn(round.due), asOf, null).then((status) =>
        reminderMessages(status, round, township),
      );
      rounds.set(id, messages);
    }
    return messages;
  };
  const send = async (robot: OpenRobot, reminder: ReminderKey, text: string, attempts: number) => {
    if (await deliver(env, robot, reminder, text, attempts, runAt)) outcome.sent += 1;
    else outcome.failed += 1;
  };

  // Earlier runs' failures first, with today's text: a unit that has submitted since is not reminded.
  for (const row of await remindersToRetry(db, new Date(runAt).toISOString())) {
    const reminder: ReminderKey = {
      robotId: row.robot_id,
      audience: row.audience,
      due: row.due,
      step: row.step,
    };
    const robot = robots.find((r) => r.row.id === row.robot_id);
    const message = robot
      ? (await messagesOf({ due: row.due, step: row.step as ReminderRound["step"] })).find(
          (m) => m.audience === row.audience,
        )
      : undefined;
    const end = new Date(runAt).toISOString() >= row.expires_at ? "expired" : !message ? "cancelled" : null;
    if (end) {
      await settleReminderStatement(
        db,
        reminder,
        { state: end, attempts: row.attempts, error: row.last_error, nextAt: null },
        nowIso(),
      ).run();
      continue;
    }
    if (robot && message && (await reclaimReminder(db, reminder, row.attempts, nowIso())))
      await send(robot, reminder, message.text, row.attempts);
  }

  const expiresAt = new Date(runAt + RETRY_WINDOW_MS).toISOString();
  for (const round of roundsOn(asOf, dueDay(registry))) {
    for (const message of await messagesOf(round)) {
      for (const robot of robots) {
        if (robot.row.audience !== "all" && robot.row.audience !== message.audience) continue;
        const reminder: ReminderKey = { robotId: robot.row.id, audience: message.audience, ...round };
        if (await claimReminder(db, reminder, nowIso(), expiresAt))
          await send(robot, reminder, message.text, 0);
      }
    }
  }
  return outcome;
}
