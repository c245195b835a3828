/**
 * POST /api/submissions, as named steps: admit the attempt, answer it again if it was answered
 * before, judge the sheet with the engine, check its ID numbers against the other branches' rolls,
 * store the new version. Each step refuses by throwing an ApiError.
 */
import type { D1Database } from "@cloudflare/workers-types";
import type { Context } from "hono";
import type { SubmissionRequest } from "../../shared/api";
import type { AppEnv } from "../env";
import { toReceipt } from "../db/submissions";
import { admit, type Attempt } from "./admit";
import { answeredBefore, type Answer } from "./earlier";
import { judge } from "./judge";
import { checkRoll, rollOf } from "./roll";
import { store } from "./store";

export { submissionBodyLimit } from "./admit";

export async function submit(c: Context<AppEnv>, request: SubmissionRequest) {
  const db = c.env.DB;
  const attempt = await admit(c, request);
  const answer = (await answeredBefore(db, attempt)) ?? (await judgeAndStore(db, attempt));
  // The receipt comes from the stored row, as a replay's does, so the two are always the same.
  return c.json(toReceipt(answer.row, answer.outcome), answer.status);
}

async function judgeAndStore(db: D1Database, attempt: Attempt): Promise<Answer> {
  const judgment = await judge(db, attempt);
  const roll = rollOf(attempt, judgment.result);
  await checkRoll(db, attempt, roll);
  return store(db, attempt, judgment, roll);
}
