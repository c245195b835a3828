/** Stored rows (normalised records): one submission's, a year's current ones, the office's staff. */
import type { D1Database } from "@cloudflare/workers-types";
import type { StoredRow } from "../../shared/kinds/types";
import { registryStaff, type Registry } from "../../shared/registry";
import type { TownshipRecord } from "../../shared/township";

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

/**
 * A year's current rows as `townshipSummary` takes them, and the staff list they were checked
 * against: the registry's, else the office's current 人员岗位表.
 */
export async function townshipRecords(
  db: D1Database,
  year: string,
  registry: Registry,
): Promise<{ records: TownshipRecord[]; staff: ReadonlySet<string> }> {
  const [rows, staff] = await Promise.all([
    currentRecordsOfYear(db, year),
    registryStaff(registry) ?? officeStaffNames(db).then((names) => new Set(names)),
  ]);
  const records = rows.map((r) => ({
    kind: r.kind,
    scope: r.scope,
    period: r.period,
    row: r.row_no,
    values: JSON.parse(r.data) as StoredRow["values"],
  }));
  return { records, staff };
}
