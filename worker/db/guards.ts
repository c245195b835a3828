/** Guards: checks made before a batch, made again inside its transaction. */
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";

/**
 * A statement for a batch that fails (the CHECK on id_guard) when `condition` holds, rolling the
 * whole batch back: how a check made before the batch is made again inside its transaction.
 */
function guardStatement(db: D1Database, condition: string, ...params: unknown[]): D1PreparedStatement {
  return db.prepare(`INSERT INTO id_guard (conflict) SELECT 1 WHERE ${condition}`).bind(...params);
}

/**
 * Fails when the current version of the ledger already holds this very sheet: two identical
 * attempts at the same moment make one version, and the other is answered "unchanged".
 */
export function unchangedGuardStatement(
  db: D1Database,
  scope: string,
  kind: string,
  period: string,
  bodyHashes: readonly string[],
): D1PreparedStatement {
  return guardStatement(
    db,
    `EXISTS (SELECT 1 FROM submissions WHERE scope = ?1 AND kind = ?2 AND period = ?3 AND current = 1
       AND body_hash IN (SELECT value FROM json_each(?4)))`,
    scope,
    kind,
    period,
    JSON.stringify(bodyHashes),
  );
}

/** Fails unless the submission is still the current version. */
export function currentGuardStatement(db: D1Database, id: string): D1PreparedStatement {
  return guardStatement(db, "NOT EXISTS (SELECT 1 FROM submissions WHERE id = ? AND current = 1)", id);
}

/** Fails when another branch's current roll of the same period holds one of these ID numbers. */
export function idGuardStatement(
  db: D1Database,
  kind: string,
  scope: string,
  period: string,
  hmacs: readonly string[],
): D1PreparedStatement {
  return guardStatement(
    db,
    `EXISTS (SELECT 1 FROM records r JOIN submissions s ON s.id = r.submission_id
       WHERE s.kind = ?1 AND s.current = 1 AND s.status = 'submitted' AND s.scope <> ?2 AND s.period = ?3
         AND r.id_hmac IN (SELECT value FROM json_each(?4)))`,
    kind,
    scope,
    period,
    JSON.stringify(hmacs),
  );
}

/** Fails when the stored registry is no longer `version` (0: none stored, the embedded default). */
export function registryGuardStatement(db: D1Database, version: number): D1PreparedStatement {
  return guardStatement(db, "COALESCE((SELECT version FROM registry WHERE id = 1), 0) <> ?", version);
}
