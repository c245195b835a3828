import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import type { Receipt, SubmissionItem } from "../../shared/api";
import type { Finding } from "../../shared/findings";
import type { StoredRow } from "../../shared/kinds/types";

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
 * (numbered inside the transaction), the switch of the current flag, the records, the raw
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
           idempotency_key, body_hash, sheet_name, findings, finding_counts, summary, rows, warnings)
         SELECT ?1, ?2, ?3, ?4, COALESCE(MAX(version), 0) + 1, 0, 'submitted', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15
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

export type Outcome = Receipt["outcome"];

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

export interface SubmissionRow {
  id: string;
  kind: string;
  scope: string;
  period: string;
  version: number;
  current: number;
  status: "submitted" | "returned";
  return_comment: string | null;
  returned_at: string | null;
  submitted_by: string;
  submitted_by_name: string | null;
  on_behalf: number;
  created_at: string;
  idempotency_key: string;
  body_hash: string;
  sheet_name: string;
  findings: string;
  finding_counts: string;
  summary: string;
  rows: number;
  warnings: number;
  /** The version current now for the same (scope, kind, period), or null. */
  current_version: number | null;
}

const SELECT_SUBMISSION = `SELECT s.*, u.name AS submitted_by_name,
    (SELECT c.version FROM submissions c WHERE c.scope = s.scope AND c.kind = s.kind AND c.period = s.period
      AND c.current = 1) AS current_version
  FROM submissions s LEFT JOIN users u ON u.id = s.submitted_by`;

export function toItem(r: SubmissionRow): SubmissionItem {
  return {
    id: r.id,
    kind: r.kind,
    scope: r.scope,
    period: r.period,
    version: r.version,
    current: r.current === 1,
    status: r.status,
    returnComment: r.return_comment,
    returnedAt: r.returned_at,
    submittedBy: r.submitted_by_name ?? r.submitted_by,
    onBehalf: r.on_behalf === 1,
    createdAt: r.created_at,
    sheetName: r.sheet_name,
    rows: r.rows,
    warnings: r.warnings,
  };
}

export function toReceipt(r: SubmissionRow, outcome: Outcome): Receipt {
  return {
    id: r.id,
    kind: r.kind,
    scope: r.scope,
    period: r.period,
    version: r.version,
    rows: r.rows,
    warnings: r.warnings,
    onBehalf: r.on_behalf === 1,
    createdAt: r.created_at,
    findings: JSON.parse(r.findings) as Finding[],
    findingCounts: JSON.parse(r.finding_counts) as Record<string, number>,
    outcome,
    current: r.current === 1,
    currentVersion: r.current_version,
    status: r.status,
    returnComment: r.return_comment,
  };
}

export async function submissionById(db: D1Database, id: string): Promise<SubmissionRow | null> {
  return db.prepare(`${SELECT_SUBMISSION} WHERE s.id = ?`).bind(id).first<SubmissionRow>();
}

/** The submission an earlier attempt with this key answered with, and how. */
export async function attemptOf(
  db: D1Database,
  userId: string,
  key: string,
): Promise<(SubmissionRow & { outcome: Outcome }) | null> {
  return db
    .prepare(
      `SELECT a.outcome, q.* FROM attempts a JOIN (${SELECT_SUBMISSION}) q ON q.id = a.submission_id
       WHERE a.user_id = ? AND a.idempotency_key = ?`,
    )
    .bind(userId, key)
    .first<SubmissionRow & { outcome: Outcome }>();
}

/** The current version of a ledger when it holds exactly this sheet (one of its keyed body hashes). */
export async function currentWithBody(
  db: D1Database,
  scope: string,
  kind: string,
  period: string,
  bodyHashes: readonly string[],
): Promise<SubmissionRow | null> {
  return db
    .prepare(
      `${SELECT_SUBMISSION} WHERE s.scope = ? AND s.kind = ? AND s.period = ? AND s.current = 1
         AND s.body_hash IN (SELECT value FROM json_each(?))`,
    )
    .bind(scope, kind, period, JSON.stringify(bodyHashes))
    .first<SubmissionRow>();
}

export interface ListFilter {
  year?: string;
  kind?: string;
  scope?: string;
  /** Every version, not only the current ones. */
  all?: boolean;
}

export async function listSubmissions(db: D1Database, f: ListFilter): Promise<SubmissionItem[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (!f.all) where.push("s.current = 1");
  if (f.year) {
    where.push("substr(s.period, 1, 4) = ?");
    params.push(f.year);
  }
  if (f.kind) {
    where.push("s.kind = ?");
    params.push(f.kind);
  }
  if (f.scope) {
    where.push("s.scope = ?");
    params.push(f.scope);
  }
  const sql = `${SELECT_SUBMISSION}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY s.created_at DESC, s.version DESC LIMIT 5000`;
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<SubmissionRow>();
  return results.map(toItem);
}

export async function recordsOf(db: D1Database, submissionId: string) {
  const { results } = await db
    .prepare("SELECT row_no, data FROM records WHERE submission_id = ? ORDER BY row_no")
    .bind(submissionId)
    .all<{ row_no: number; data: string }>();
  return results.map((r) => ({
    row: r.row_no,
    values: JSON.parse(r.data) as StoredRow["values"],
  }));
}

export async function sheetOf(db: D1Database, submissionId: string): Promise<string | null> {
  const { results } = await db
    .prepare("SELECT body FROM submission_sheets WHERE submission_id = ? ORDER BY part")
    .bind(submissionId)
    .all<{ body: string }>();
  return results.length ? results.map((r) => r.body).join("") : null;
}

/** 退回 applies to the current version only: the statement changes nothing for any other. */
export function returnStatement(db: D1Database, id: string, comment: string, by: string, at: string) {
  return db
    .prepare(
      "UPDATE submissions SET status = 'returned', return_comment = ?, returned_by = ?, returned_at = ? WHERE id = ? AND current = 1",
    )
    .bind(comment, by, at, id);
}

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

/** 姓名 of the office's current 人员岗位表 (the latest period), for staff checks when the registry lists none. */
export async function officeStaffNames(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT json_extract(r.data, '$."姓名"') AS name FROM records r
       WHERE r.submission_id = (SELECT id FROM submissions WHERE kind = 'staff' AND scope = 'office' AND current = 1
         AND status = 'submitted' ORDER BY period DESC LIMIT 1)`,
    )
    .all<{ name: string | null }>();
  return results.map((r) => r.name).filter((n): n is string => typeof n === "string" && n.length > 0);
}

export interface YearRecord {
  kind: string;
  scope: string;
  period: string;
  submission_id: string;
  row_no: number;
  data: string;
}

/** The rows of the current, not returned submissions of a year (optionally of one kind). */
export async function currentRecordsOfYear(
  db: D1Database,
  year: string,
  kind?: string,
): Promise<YearRecord[]> {
  const sql = `SELECT s.kind, s.scope, s.period, r.submission_id, r.row_no, r.data FROM submissions s
    JOIN records r ON r.submission_id = s.id
    WHERE s.current = 1 AND s.status = 'submitted' AND substr(s.period, 1, 4) = ?${kind ? " AND s.kind = ?" : ""}
    ORDER BY s.kind, s.scope, s.period, r.row_no`;
  const stmt = kind ? db.prepare(sql).bind(year, kind) : db.prepare(sql).bind(year);
  const { results } = await stmt.all<YearRecord>();
  return results;
}

export async function currentSubmissionsOfYear(db: D1Database, year: string) {
  const { results } = await db
    .prepare(
      `SELECT id, kind, scope, period, version, status, return_comment, created_at FROM submissions
       WHERE current = 1 AND substr(period, 1, 4) = ?`,
    )
    .bind(year)
    .all<{
      id: string;
      kind: string;
      scope: string;
      period: string;
      version: number;
      status: "submitted" | "returned";
      return_comment: string | null;
      created_at: string;
    }>();
  return results;
}
