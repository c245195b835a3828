/** Submissions as stored: the row, its API forms (item, receipt) and the queries that read them. */
import type { D1Database } from "@cloudflare/workers-types";
import type { Receipt, SubmissionItem } from "../../shared/api";
import type { Finding } from "../../shared/findings";

export type Outcome = Receipt["outcome"];

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
  registry_version: number | null;
  /** The township's sequence number of the submission (migration 0004). */
  receipt_no: number;
  /** The version current now for the same (scope, kind, period), or null. */
  current_version: number | null;
}

export const SELECT_SUBMISSION = `SELECT s.*, u.name AS submitted_by_name,
    (SELECT c.version FROM submissions c WHERE c.scope = s.scope AND c.kind = s.kind AND c.period = s.period
      AND c.current = 1) AS current_version
  FROM submissions s LEFT JOIN users u ON u.id = s.submitted_by`;

export function toItem(r: SubmissionRow): SubmissionItem {
  return {
    id: r.id,
    kind: r.kind,
    scope: r.scope,
    period: r.period,
    receiptNo: r.receipt_no,
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
    registryVersion: r.registry_version,
  };
}

export function toReceipt(r: SubmissionRow, outcome: Outcome): Receipt {
  return {
    id: r.id,
    kind: r.kind,
    scope: r.scope,
    period: r.period,
    receiptNo: r.receipt_no,
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

/** A year's current, not returned submission as a re-judge reads it: its stored conclusion and the size of its sheet. */
export interface RejudgeCandidate {
  id: string;
  kind: string;
  scope: string;
  period: string;
  finding_counts: string;
  warnings: number;
  registry_version: number | null;
  sheet_name: string;
  /** Characters of the stored raw sheet (all parts); 0 when none is stored. */
  sheet_chars: number;
}

/** Every current, not returned submission of a year, in a stable order, in one query. */
export async function rejudgeCandidates(db: D1Database, year: string): Promise<RejudgeCandidate[]> {
  const { results } = await db
    .prepare(
      `SELECT s.id, s.kind, s.scope, s.period, s.finding_counts, s.warnings, s.registry_version, s.sheet_name,
         (SELECT COALESCE(SUM(length(p.body)), 0) FROM submission_sheets p WHERE p.submission_id = s.id) AS sheet_chars
       FROM submissions s
       WHERE s.current = 1 AND s.status = 'submitted' AND substr(s.period, 1, 4) = ?
       ORDER BY s.kind, s.scope, s.period`,
    )
    .bind(year)
    .all<RejudgeCandidate>();
  return results;
}

/** The stored raw sheets of these submissions (at most MAX_BOUND_PARAMS ids), in one query. */
export async function sheetsOf(db: D1Database, ids: readonly string[]): Promise<Map<string, string>> {
  const { results } = await db
    .prepare(
      `SELECT submission_id, body FROM submission_sheets WHERE submission_id IN (${ids.map(() => "?").join(", ")})
       ORDER BY submission_id, part`,
    )
    .bind(...ids)
    .all<{ submission_id: string; body: string }>();
  const parts = new Map<string, string[]>();
  for (const r of results) {
    const list = parts.get(r.submission_id) ?? [];
    list.push(r.body);
    parts.set(r.submission_id, list);
  }
  return new Map([...parts].map(([id, list]) => [id, list.join("")]));
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

export async function currentSubmissionsOfYear(db: D1Database, year: string) {
  const { results } = await db
    .prepare(
      `SELECT id, kind, scope, period, version, receipt_no, status, return_comment, created_at FROM submissions
       WHERE current = 1 AND substr(period, 1, 4) = ?`,
    )
    .bind(year)
    .all<{
      id: string;
      kind: string;
      scope: string;
      period: string;
      version: number;
      receipt_no: number | null;
      status: "submitted" | "returned";
      return_comment: string | null;
      created_at: string;
    }>();
  return results;
}
