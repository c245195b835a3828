import type { D1Database } from "@cloudflare/workers-types";
import type { AuthUser } from "../env";

/** An audit insert to run in the same batch as the change it records. */
export function auditStatement(
  db: D1Database,
  user: AuthUser | null,
  action: string,
  target: string | null,
  detail: unknown,
  at: string,
) {
  return db
    .prepare("INSERT INTO audit (ts, user_id, user_name, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(
      at,
      user?.id ?? null,
      user?.name ?? null,
      action,
      target,
      detail === undefined ? null : JSON.stringify(detail),
    );
}

interface AuditRow {
  id: number;
  ts: string;
  user_id: string | null;
  user_name: string | null;
  action: string;
  target: string | null;
  detail: string | null;
}

export async function listAudit(db: D1Database, from: string, to: string, limit: number) {
  const { results } = await db
    .prepare(
      "SELECT id, ts, user_id, user_name, action, target, detail FROM audit WHERE ts >= ? AND ts < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(from, to, limit)
    .all<AuditRow>();
  return results.map((r) => ({
    id: r.id,
    ts: r.ts,
    userId: r.user_id,
    userName: r.user_name,
    action: r.action,
    target: r.target,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
  }));
}
