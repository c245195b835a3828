/** Group robots (their webhook and secret sealed) and the reminders sent through them. */
import type { D1Database } from "@cloudflare/workers-types";
import type { RobotKind } from "../../shared/api";

export interface RobotRow {
  id: string;
  name: string;
  kind: RobotKind;
  audience: string;
  webhook: string;
  secret: string | null;
  webhook_hint: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export async function listRobots(db: D1Database): Promise<RobotRow[]> {
  const { results } = await db.prepare("SELECT * FROM robots ORDER BY created_at, id").all<RobotRow>();
  return results;
}

export async function robotById(db: D1Database, id: string): Promise<RobotRow | null> {
  return db.prepare("SELECT * FROM robots WHERE id = ?").bind(id).first<RobotRow>();
}

export function putRobotStatement(db: D1Database, r: RobotRow) {
  return db
    .prepare(
      `INSERT INTO robots (id, name, kind, audience, webhook, secret, webhook_hint, enabled, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
       ON CONFLICT (id) DO UPDATE SET name = ?2, kind = ?3, audience = ?4, webhook = ?5, secret = ?6,
         webhook_hint = ?7, enabled = ?8, updated_at = ?10`,
    )
    .bind(
      r.id,
      r.name,
      r.kind,
      r.audience,
      r.webhook,
      r.secret,
      r.webhook_hint,
      r.enabled,
      r.created_at,
      r.updated_at,
    );
}

export function deleteRobotStatements(db: D1Database, id: string) {
  return [
    db.prepare("DELETE FROM reminder_sends WHERE robot_id = ?").bind(id),
    db.prepare("DELETE FROM robots WHERE id = ?").bind(id),
  ];
}

/** One reminder: robot × audience × due date × step. */
export interface ReminderKey {
  robotId: string;
  audience: string;
  due: string;
  step: string;
}

export interface SendRow {
  robot_id: string;
  audience: string;
  due: string;
  step: string;
  state: "sending" | "sent" | "failed" | "cancelled" | "expired";
  attempts: number;
  last_error: string | null;
  next_at: string | null;
  expires_at: string;
  updated_at: string;
}

const KEY_WHERE = "robot_id = ? AND audience = ? AND due = ? AND step = ?";
const keyValues = (k: ReminderKey) => [k.robotId, k.audience, k.due, k.step];

/** Claims a reminder before its first attempt: false when any run has claimed it already. */
export async function claimReminder(db: D1Database, k: ReminderKey, at: string, expiresAt: string) {
  const res = await db
    .prepare(
      `INSERT INTO reminder_sends (robot_id, audience, due, step, state, attempts, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'sending', 0, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .bind(...keyValues(k), expiresAt, at, at)
    .run();
  return res.meta.changes === 1;
}

/** Claims a failed reminder for a retry: false when another run took it first. */
export async function reclaimReminder(db: D1Database, k: ReminderKey, attempts: number, at: string) {
  const res = await db
    .prepare(
      `UPDATE reminder_sends SET state = 'sending', updated_at = ? WHERE ${KEY_WHERE} AND state = 'failed' AND attempts = ?`,
    )
    .bind(at, ...keyValues(k), attempts)
    .run();
  return res.meta.changes === 1;
}

/** Records how a claimed reminder ended: sent, failed (with when to retry), cancelled or expired. */
export function settleReminderStatement(
  db: D1Database,
  k: ReminderKey,
  outcome: { state: SendRow["state"]; attempts: number; error: string | null; nextAt: string | null },
  at: string,
) {
  return db
    .prepare(
      `UPDATE reminder_sends SET state = ?, attempts = ?, last_error = ?, next_at = ?, updated_at = ? WHERE ${KEY_WHERE}`,
    )
    .bind(outcome.state, outcome.attempts, outcome.error, outcome.nextAt, at, ...keyValues(k));
}

/** Failed reminders whose next attempt is due at `now`. */
export async function remindersToRetry(db: D1Database, now: string): Promise<SendRow[]> {
  const { results } = await db
    .prepare(
      "SELECT * FROM reminder_sends WHERE state = 'failed' AND next_at <= ? ORDER BY next_at LIMIT 200",
    )
    .bind(now)
    .all<SendRow>();
  return results;
}

export async function latestReminders(db: D1Database, limit: number): Promise<SendRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM reminder_sends ORDER BY updated_at DESC, due DESC LIMIT ?")
    .bind(limit)
    .all<SendRow>();
  return results;
}
