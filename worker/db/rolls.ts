/** The cross-branch check of 党员花名册: numbers on other rolls, and each branch's daily count of checks. */
import type { D1Database } from "@cloudflare/workers-types";

/** ID numbers already in another branch's current roll of the same period (a member moves between years). */
export async function idConflicts(
  db: D1Database,
  kind: string,
  scope: string,
  period: string,
  hmacs: readonly string[],
) {
  const { results } = await db
    .prepare(
      `SELECT r.id_hmac AS hmac, s.scope AS scope FROM records r JOIN submissions s ON s.id = r.submission_id
       WHERE s.kind = ? AND s.current = 1 AND s.status = 'submitted' AND s.scope <> ? AND s.period = ?
         AND r.id_hmac IN (SELECT value FROM json_each(?))`,
    )
    .bind(kind, scope, period, JSON.stringify(hmacs))
    .all<{ hmac: string; scope: string }>();
  return results;
}

/** Today's count of a branch's rolls checked against the other branches', and of those refused. */
export async function rollChecks(db: D1Database, scope: string, day: string) {
  const row = await db
    .prepare("SELECT checked, refused FROM roll_checks WHERE scope = ? AND day = ?")
    .bind(scope, day)
    .first<{ checked: number; refused: number }>();
  return row ?? { checked: 0, refused: 0 };
}

/** Adds to a branch's count of rolls checked and refused today. */
export function countRollCheck(db: D1Database, scope: string, day: string, checked: 0 | 1, refused: 0 | 1) {
  return db
    .prepare(
      `INSERT INTO roll_checks (scope, day, checked, refused) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (scope, day) DO UPDATE SET checked = checked + ?3, refused = refused + ?4`,
    )
    .bind(scope, day, checked, refused);
}
