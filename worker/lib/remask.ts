/**
 * The one-off re-mask of schema v3 (migration 0003 sets meta 'remask' to 'pending'). It runs on
 * the first authenticated requests after the migration, in steps that resume where the last one
 * stopped, and every route waits for it (503) so nothing stored before it is served unmasked:
 *  - revision 1's masks (first 6 + last 4, `140932********123X`) are cut to the first 6;
 *  - ID numbers the old scanner missed (typed with spaces, full-width digits, invisible
 *    characters) are masked wherever text is stored: records, raw sheets, sheet names, keys,
 *    comments, findings, summaries, audit details, user names, the registry;
 *  - the plain SHA-256 body hashes (which a masked copy of a small roll could be brute-forced
 *    against) are keyed with ID_HMAC_KEY, so the retries of attempts made before still replay.
 * None of it has an SQL form (NFKC, the ID scanner, HMAC), hence a step in the Worker.
 */
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { createMiddleware } from "hono/factory";
import { maskIds, maskIdsInText } from "../../shared/privacy";
import type { AppEnv, Bindings } from "../env";
import { ApiError } from "../errors";
import { textParts } from "../db/store";
import { hmacKey, keyedHash, keyFingerprint } from "./crypto";
import { claimKey } from "./keys";

/** Revision 1's masks of an 18- or a 15-digit number. */
const OLD_MASK = /(?<![0-9])([0-9]{6})(\*{8}|\*{5})[0-9X]{4}(?![0-9X*])/g;

/** A stored text as schema v3 stores it. */
export function remaskText(text: string): string {
  return maskIdsInText(text.replace(OLD_MASK, (_, head: string, stars: string) => `${head}${stars}****`));
}

function remaskJson(json: string): string {
  return JSON.stringify(maskIds(JSON.parse(json) as unknown, remaskText));
}

type Transform = (value: string, row: Record<string, unknown>) => string | Promise<string>;

interface Step {
  table: string;
  /** Text columns and how each is re-masked. */
  columns: Record<string, Transform>;
  /** Rows per read. */
  chunk: number;
}

/** An idempotency key whose masked form changed gets its row's id, so two keys can never collide. */
const keyOf =
  (idColumn: string): Transform =>
  (key, row) => {
    const masked = remaskText(key);
    return masked === key ? key : `${masked}~${String(row[idColumn])}`;
  };

function steps(key: CryptoKey | null): Step[] {
  const text: Transform = (v) => remaskText(v);
  const json: Transform = (v) => remaskJson(v);
  return [
    { table: "records", columns: { data: json }, chunk: 500 },
    {
      table: "submissions",
      chunk: 200,
      columns: {
        sheet_name: text,
        idempotency_key: keyOf("id"),
        return_comment: text,
        findings: json,
        summary: json,
        body_hash: async (hash) =>
          hash.startsWith("h1:") ? hash : key ? keyedHash(key, hash) : "h0:unknown",
      },
    },
    { table: "attempts", columns: { idempotency_key: keyOf("submission_id") }, chunk: 500 },
    { table: "audit", columns: { user_name: text, target: text, detail: json }, chunk: 500 },
    { table: "users", columns: { name: text }, chunk: 500 },
    { table: "registry", columns: { body: json }, chunk: 10 },
  ];
}

interface Cursor {
  /** Index into steps(), then the raw sheets as the last step. */
  step: number;
  after: number;
}

async function readCursor(db: D1Database): Promise<Cursor | "done"> {
  const row = await db.prepare("SELECT value FROM meta WHERE key = 'remask'").first<{ value: string }>();
  if (!row || row.value === "done") return "done";
  if (row.value === "pending") return { step: 0, after: 0 };
  return JSON.parse(row.value) as Cursor;
}

const saveCursor = (db: D1Database, value: Cursor | "done") =>
  db
    .prepare("UPDATE meta SET value = ? WHERE key = 'remask'")
    .bind(value === "done" ? "done" : JSON.stringify(value));

/** One chunk of a table: the changed rows rewritten. Returns the last rowid read, or null at the end. */
async function remaskRows(db: D1Database, step: Step, after: number): Promise<number | null> {
  const names = Object.keys(step.columns);
  const extra = step.table === "attempts" ? ", submission_id" : step.table === "submissions" ? ", id" : "";
  const { results } = await db
    .prepare(
      `SELECT rowid AS k, ${names.join(", ")}${extra} FROM ${step.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
    )
    .bind(after, step.chunk)
    .all<Record<string, unknown>>();
  const updates: D1PreparedStatement[] = [];
  for (const row of results) {
    const values: (string | null)[] = [];
    let changed = false;
    for (const name of names) {
      const before = row[name];
      const after = typeof before === "string" ? await step.columns[name](before, row) : null;
      values.push(after ?? (before as string | null));
      changed ||= after !== null && after !== before;
    }
    if (changed) {
      updates.push(
        db
          .prepare(`UPDATE ${step.table} SET ${names.map((n) => `${n} = ?`).join(", ")} WHERE rowid = ?`)
          .bind(...values, row.k),
      );
    }
  }
  if (updates.length) await db.batch(updates);
  return results.length < step.chunk ? null : Number(results[results.length - 1].k);
}

/** One submission's raw sheet: its parts joined (an ID may straddle two), re-masked, split again. */
async function remaskSheet(db: D1Database, after: number): Promise<number | null> {
  const sub = await db
    .prepare("SELECT rowid AS k, id FROM submissions WHERE rowid > ? ORDER BY rowid LIMIT 1")
    .bind(after)
    .first<{ k: number; id: string }>();
  if (!sub) return null;
  const { results } = await db
    .prepare("SELECT body FROM submission_sheets WHERE submission_id = ? ORDER BY part")
    .bind(sub.id)
    .all<{ body: string }>();
  if (results.length) {
    const before = results.map((r) => r.body).join("");
    const masked = remaskJson(before);
    if (masked !== before) {
      await db.batch([
        db.prepare("DELETE FROM submission_sheets WHERE submission_id = ?").bind(sub.id),
        ...textParts(masked).map((part, i) =>
          db
            .prepare("INSERT INTO submission_sheets (submission_id, part, body) VALUES (?, ?, ?)")
            .bind(sub.id, i, part),
        ),
      ]);
    }
  }
  return sub.k;
}

/**
 * Runs the re-mask for about `budgetMs` (wall time, which advances across D1 calls); true when it
 * has finished. Running it twice at once is harmless: re-masking masked text changes nothing.
 */
export async function remask(env: Bindings, budgetMs: number): Promise<boolean> {
  const db = env.DB;
  const started = Date.now();
  const key = env.ID_HMAC_KEY ? await hmacKey(env.ID_HMAC_KEY) : null;
  const plan = steps(key);
  let cursor = await readCursor(db);
  while (cursor !== "done") {
    const { step, after } = cursor;
    const last = step < plan.length ? await remaskRows(db, plan[step], after) : await remaskSheet(db, after);
    cursor =
      last !== null ? { step, after: last } : step < plan.length ? { step: step + 1, after: 0 } : "done";
    if (cursor === "done" && key) await claimKey(db, await keyFingerprint(key));
    await saveCursor(db, cursor).run();
    if (cursor !== "done" && Date.now() - started > budgetMs) return false;
  }
  return true;
}

/** How long one request may spend on the re-mask before it answers 503 and leaves the rest to the next. */
const BUDGET_MS = 2_000;

/** Before anything stored is read or written: the re-mask, when the migration left it pending. */
export const remasked = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("remaskPending") && !(await remask(c.env, BUDGET_MS))) {
    throw new ApiError("maintenance", "服务器正在升级已存数据（身份证号重新脱敏），请稍后再试。");
  }
  await next();
});
