/**
 * Step 2: an attempt answered before. Its key names one attempt (one click, one run): a retry gets
 * the first answer; a new attempt with the very sheet of the current version makes no version.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { ApiError } from "../errors";
import { attemptStatement } from "../db/store";
import { attemptOf, currentWithBody, type Outcome, type SubmissionRow } from "../db/submissions";
import { nowIso } from "../lib/dates";
import type { Attempt } from "./admit";

/** An attempt's answer: the submission its receipt names, and 201 only when this request made it. */
export interface Answer {
  row: SubmissionRow;
  outcome: Outcome;
  status: 200 | 201;
}

/** The same attempt again (a retry): its first answer, unless the key now carries another sheet. */
async function replayed(db: D1Database, a: Attempt): Promise<Answer | null> {
  const first = await attemptOf(db, a.user.id, a.idempotencyKey);
  if (!first) return null;
  if (!a.hashes.includes(first.body_hash)) {
    throw new ApiError("idempotency-conflict", "该幂等键已用于另一份不同的报送，请使用新的幂等键。");
  }
  return { row: first, outcome: first.outcome, status: 200 };
}

/** A new attempt with the very sheet of the current version: no new version, the answer says so. */
async function unchanged(db: D1Database, a: Attempt): Promise<Answer | null> {
  const current = await currentWithBody(db, a.scope, a.kind.id, a.period, a.hashes);
  if (!current) return null;
  try {
    await attemptStatement(db, a.user.id, a.idempotencyKey, current.id, "unchanged", nowIso()).run();
  } catch {
    // A concurrent retry of this attempt recorded it first.
    return replayed(db, a);
  }
  return { row: current, outcome: "unchanged", status: 200 };
}

/** The answer this attempt already has, if any. */
export async function answeredBefore(db: D1Database, a: Attempt): Promise<Answer | null> {
  return (await replayed(db, a)) ?? (await unchanged(db, a));
}
