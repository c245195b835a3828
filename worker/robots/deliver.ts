/**
 * Posting to a group robot: the sealed webhook opened, the platform's request made, each attempt
 * audited with its outcome; a reminder is claimed in D1 before its first attempt, so it is never
 * sent twice, and a failed one is retried with backoff within the run and on the next runs.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { maskIdsInText } from "../../shared/privacy";
import type { Bindings } from "../env";
import { auditStatement } from "../db/audit";
import { settleReminderStatement, type ReminderKey, type RobotRow } from "../db/robots";
import { ApiError } from "../errors";
import { sealingKey, unseal } from "../lib/crypto";
import { nowIso } from "../lib/dates";
import { robotRefusal, robotRequest, webhookRefusal } from "./platforms";

/** Pauses between the attempts of one run (three attempts in all). */
export const RETRY_PAUSES_MS = [500, 1500];
/** A reminder still failing after a run waits this long, doubled after each further run. */
export const RETRY_AFTER_MS = 30 * 60_000;
/** A reminder is given up this long after its first attempt: a late "due tomorrow" is wrong. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const TIMEOUT_MS = 10_000;

/** A robot with its webhook and secret opened. */
export interface OpenRobot {
  row: RobotRow;
  webhook: string;
  secret: string | null;
}

/** The key robots are sealed with; a Worker without ROBOTS_KEY cannot keep robots. */
export async function robotsKey(env: Bindings): Promise<CryptoKey> {
  if (!env.ROBOTS_KEY)
    throw new ApiError("not-configured", "服务器尚未配置群机器人密钥（ROBOTS_KEY），暂不能使用群机器人。");
  return sealingKey(env.ROBOTS_KEY, "robots");
}

/** What a sealed field of a robot is bound to: its row and field. */
export const sealContext = (id: string, field: "webhook" | "secret") => `robot:${id}:${field}`;

/** The robot opened, or null when its fields do not open with this key (ROBOTS_KEY changed). */
export async function openRobot(key: CryptoKey, row: RobotRow): Promise<OpenRobot | null> {
  const webhook = await unseal(key, row.webhook, sealContext(row.id, "webhook"));
  const secret = row.secret === null ? null : await unseal(key, row.secret, sealContext(row.id, "secret"));
  if (webhook === null || (row.secret !== null && secret === null)) return null;
  return { row, webhook, secret };
}

/** One POST of `text`: null when the platform took it, else why not (never the address itself). */
export async function postText(env: Bindings, robot: OpenRobot, text: string): Promise<string | null> {
  const refused = webhookRefusal(robot.webhook, env.LOCAL_DEV === "1");
  if (refused) return refused;
  const { url, body } = await robotRequest(robot.row.kind, robot.webhook, robot.secret, text, Date.now());
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer: unknown = await res.json().catch(() => null);
    const refusal = robotRefusal(robot.row.kind, res.status, answer);
    return refusal === null ? null : maskIdsInText(refusal);
  } catch (e) {
    return e instanceof Error && e.name === "TimeoutError" ? `${TIMEOUT_MS / 1000} 秒内无应答` : "无法连接";
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The attempts of one run for a claimed reminder (`attempts` made by earlier runs), each audited;
 * the reminder settled as sent, or failed with the time of its next try. `runAt` is the run's clock.
 */
export async function deliver(
  env: Bindings,
  robot: OpenRobot,
  key: ReminderKey,
  text: string,
  attempts: number,
  runAt: number,
): Promise<boolean> {
  const db: D1Database = env.DB;
  const runs = Math.floor(attempts / (RETRY_PAUSES_MS.length + 1));
  for (let i = 0; i <= RETRY_PAUSES_MS.length; i++) {
    if (i > 0) await pause(RETRY_PAUSES_MS[i - 1]);
    attempts += 1;
    const error = await postText(env, robot, text);
    const at = nowIso();
    const last = error === null || i === RETRY_PAUSES_MS.length;
    const detail = { ...key, robot: robot.row.name, kind: robot.row.kind, attempt: attempts, error };
    await db.batch([
      auditStatement(
        db,
        null,
        error === null ? "reminder.sent" : "reminder.failed",
        robot.row.id,
        detail,
        at,
      ),
      ...(last
        ? [
            settleReminderStatement(
              db,
              key,
              error === null
                ? { state: "sent", attempts, error: null, nextAt: null }
                : {
                    state: "failed",
                    attempts,
                    error,
                    nextAt: new Date(runAt + RETRY_AFTER_MS * 2 ** runs).toISOString(),
                  },
              at,
            ),
          ]
        : []),
    ]);
    if (error === null) return true;
  }
  return false;
}
