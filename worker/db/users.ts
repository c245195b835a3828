import type { D1Database } from "@cloudflare/workers-types";
import type { Role, User } from "../../shared/api";
import type { AuthUser } from "../env";

interface UserRow {
  id: string;
  name: string;
  role: Role;
  branch: string | null;
}

const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, branch: r.branch });

/** The user behind a live (not revoked) token hash, or null. */
export async function userByTokenHash(db: D1Database, hash: string): Promise<AuthUser | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.name, u.role, u.branch, t.id AS token_id FROM tokens t JOIN users u ON u.id = t.user_id
       WHERE t.hash = ? AND t.revoked_at IS NULL`,
    )
    .bind(hash)
    .first<UserRow & { token_id: string }>();
  return row ? { ...toUser(row), tokenId: row.token_id } : null;
}

export async function userById(db: D1Database, id: string): Promise<User | null> {
  const row = await db
    .prepare("SELECT id, name, role, branch FROM users WHERE id = ?")
    .bind(id)
    .first<UserRow>();
  return row ? toUser(row) : null;
}

export function insertUserStatement(db: D1Database, user: User, at: string) {
  return db
    .prepare("INSERT INTO users (id, name, role, branch, created_at) VALUES (?, ?, ?, ?, ?)")
    .bind(user.id, user.name, user.role, user.branch, at);
}

export function insertTokenStatement(db: D1Database, id: string, userId: string, hash: string, at: string) {
  return db
    .prepare("INSERT INTO tokens (id, user_id, hash, created_at) VALUES (?, ?, ?, ?)")
    .bind(id, userId, hash, at);
}

export async function tokenById(db: D1Database, id: string) {
  return db
    .prepare("SELECT id, user_id, revoked_at FROM tokens WHERE id = ?")
    .bind(id)
    .first<{ id: string; user_id: string; revoked_at: string | null }>();
}

export function revokeTokenStatement(db: D1Database, id: string, at: string) {
  return db.prepare("UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?").bind(at, id);
}

export async function listUsers(db: D1Database) {
  const [users, tokens] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT id, name, role, branch FROM users ORDER BY created_at, id"),
    db.prepare("SELECT id, user_id, created_at, revoked_at FROM tokens ORDER BY created_at, id"),
  ]);
  const byUser = new Map<string, { id: string; createdAt: string; revokedAt: string | null }[]>();
  for (const t of tokens.results as unknown as {
    id: string;
    user_id: string;
    created_at: string;
    revoked_at: string | null;
  }[]) {
    const list = byUser.get(t.user_id) ?? [];
    list.push({ id: t.id, createdAt: t.created_at, revokedAt: t.revoked_at });
    byUser.set(t.user_id, list);
  }
  return (users.results as unknown as UserRow[]).map((u) => ({
    ...toUser(u),
    tokens: byUser.get(u.id) ?? [],
  }));
}
