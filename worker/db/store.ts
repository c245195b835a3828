/** Writing one submission: its statements for one `db.batch()` (one transaction), within D1's limits. */
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { SELECT_SUBMISSION, type Outcome } from "./submissions";

/** One statement's JSON parameter stays well under D1's 2 MB per value and 100 KB per statement text. */
const JSON_PARAM_BYTES = 900_000;
/** Raw-sheet parts in characters: ≤ 1.2 MB even if every character took 4 bytes in UTF-8. */
const SHEET_PART_CHARS = 300_000;

export interface NewSubmission {
  id: string;
  kind: string;
  scope: string;
  period: string;
  submittedBy: string;
  onBehalf: boolean;
  createdAt: string;
  idempotencyKey: string;
  bodyHash: string;
  sheetName: string;
  findingsJson: string;
  findingCountsJson: string;
  summaryJson: string;
  rows: number;
  warnings: number;
  /** The registry version the sheet was judged with. */
  registryVersion: number;
}

export interface StoredRecord {
  row: number;
  /** JSON of the normalised values, ID numbers already masked. */
  data: string;
  idHmac: string | null;
  /** Fingerprint of the key `idHmac` was made with. */
  idKey?: string | null;
}

const encoder = new TextEncoder();

/** Splits records into JSON arrays for `json_each(?)`, each under JSON_PARAM_BYTES of UTF-8. */
export function recordChunks(records: readonly StoredRecord[], maxBytes = JSON_PARAM_BYTES): string[] {
  const chunks: string[] = [];
  let items: string[] = [];
  let bytes = 2;
  for (const r of records) {
    const item = JSON.stringify({ r: r.row, d: r.data, h: r.idHmac, k: r.idKey ?? null });
    const size = encoder.encode(item).length + 1;
    if (items.length && bytes + size > maxBytes) {
      chunks.push(`[${items.join(",")}]`);
      items = [];
      bytes = 2;
    }
    items.push(item);
    bytes += size;
  }
  if (items.length) chunks.push(`[${items.join(",")}]`);
  return chunks;
}

/** Splits a long text into parts without cutting a surrogate pair. */
export function textParts(text: string, size = SHEET_PART_CHARS): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(i, end));
    i = end;
  }
  return parts.length ? parts : [""];
}

export const INSERT_RECORDS_SQL = `INSERT INTO records (submission_id, row_no, data, id_hmac, id_key)
  SELECT ?1, json_extract(value, '$.r'), json_extract(value, '$.d'), json_extract(value, '$.h'), json_extract(value, '$.k')
  FROM json_each(?2)`;

/**
 * The statements of one submission, for one `db.batch()` (one transaction): the new version
 * (its version and the township's receipt number taken inside the transaction), the switch of the current flag, the records, the raw
 * sheet, the attempt, the audit entry; the last statement reads the stored submission back
 * (its receipt). `guards` run first and roll the whole batch back when one fails.
 */
export function submitStatements(
  db: D1Database,
  s: NewSubmission,
  records: readonly StoredRecord[],
  sheetJson: string,
  audit: D1PreparedStatement,
  guards: readonly D1PreparedStatement[] = [],
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [
    ...guards,
    db
      .prepare(
        `INSERT INTO submissions (id, kind, scope, period, version, current, status, submitted_by, on_behalf, created_at,
           idempotency_key, body_hash, sheet_name, findings, finding_counts, summary, rows, warnings, registry_version, receipt_no)
         SELECT ?1, ?2, ?3, ?4, COALESCE(MAX(version), 0) + 1, 0, 'submitted', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
           (SELECT COALESCE(MAX(receipt_no), 0) + 1 FROM submissions)
         FROM submissions WHERE scope = ?3 AND kind = ?2 AND period = ?4`,
      )
      .bind(
        s.id,
        s.kind,
        s.scope,
        s.period,
        s.submittedBy,
        s.onBehalf ? 1 : 0,
        s.createdAt,
        s.idempotencyKey,
        s.bodyHash,
        s.sheetName,
        s.findingsJson,
        s.findingCountsJson,
        s.summaryJson,
        s.rows,
        s.warnings,
        s.registryVersion,
      ),
    db
      .prepare(
        "UPDATE submissions SET current = 0 WHERE scope = ? AND kind = ? AND period = ? AND current = 1",
      )
      .bind(s.scope, s.kind, s.period),
    db.prepare("UPDATE submissions SET current = 1 WHERE id = ?").bind(s.id),
  ];
  for (const chunk of recordChunks(records))
    statements.push(db.prepare(INSERT_RECORDS_SQL).bind(s.id, chunk));
  textParts(sheetJson).forEach((part, i) =>
    statements.push(
      db
        .prepare("INSERT INTO submission_sheets (submission_id, part, body) VALUES (?, ?, ?)")
        .bind(s.id, i, part),
    ),
  );
  statements.push(attemptStatement(db, s.submittedBy, s.idempotencyKey, s.id, "created", s.createdAt));
  statements.push(audit);
  statements.push(db.prepare(`${SELECT_SUBMISSION} WHERE s.id = ?`).bind(s.id));
  return statements;
}

/** Records what an attempt's key answered, so the attempt's retries get the same answer. */
export function attemptStatement(
  db: D1Database,
  userId: string,
  key: string,
  submissionId: string,
  outcome: Outcome,
  at: string,
) {
  return db
    .prepare(
      "INSERT INTO attempts (user_id, idempotency_key, submission_id, outcome, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(userId, key, submissionId, outcome, at);
}
