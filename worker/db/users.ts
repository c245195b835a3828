import type { D1Database } from "@cloudflare/workers-types";
import type { Role, User, UserList } from "../../shared/api";
import type { AuthUser } from "../env";

interface UserRow {
  id: string;
  name: string;
  role: Role;
  branch: string | null;
}

const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, branch: r.branch });

/** Why a known token does not let its holder in, or null when it does. */
export type TokenRefusal = "unknown" | "revoked" | "expired" | "disabled";

/** The user behind a token hash, or why the token is refused (revoked, expired, user disabled). */
export async function userByTokenHash(
  db: D1Database,
  hash: string,
  now: string,
): Promise<{ user: AuthUser; remaskPending: boolean } | { refused: TokenRefusal }> {
  // The re-mask flag rides along, so the check before any stored text is served costs no query.
  const row = await db
    .prepare(
      `SELECT u.id, u.name, u.role, u.branch, u.disabled_at, t.id AS token_id, t.revoked_at, t.expires_at,
         (SELECT value FROM meta WHERE key = 'remask') AS remask
       FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?`,
    )
    .bind(hash)
    .first<
      UserRow & {
        token_id: string;
        revoked_at: string | null;
        expires_at: string | null;
        disabled_at: string | null;
        remask: string | null;
      }
    >();
  if (!row) return { refused: "unknown" };
  if (row.revoked_at !== null) return { refused: "revoked" };
  if (row.disabled_at !== null) return { refused: "disabled" };
  if (row.expires_at !== null && row.expires_at <= now) return { refused: "expired" };
  return {
    user: { ...toUser(row), tokenId: row.token_id },
    remaskPending: row.remask !== null && row.remask !== "done",
  };
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

export function insertTokenStatement(
  db: D1Database,
  id: string,
  userId: string,
  hash: string,
  at: string,
  expiresAt: string | null,
) {
  return db
    .prepare("INSERT INTO tokens (id, user_id, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
    .bind(id, userId, hash, at, expiresAt);
}

/** Disables a user (every token stops at once) or lets them work again. */
export function disableUserStatement(db: D1Database, id: string, at: string | null) {
  return db.prepare("UPDATE users SET disabled_at = ? WHERE id = ?").bind(at, id);
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

export async function listUsers(db: D1Database): Promise<UserList["users"]> {
  const [users, tokens] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT id, name, role, branch, disabled_at FROM users ORDER BY created_at, id"),
    db.prepare("SELECT id, user_id, created_at, revoked_at, expires_at FROM tokens ORDER BY created_at, id"),
  ]);
  const byUser = new Map<string, UserList["users"][number]["tokens"]>();
  for (const t of tokens.results as unknown as {
    id: string;
    user_id: string;
    created_at: string;
    revoked_at: string | null;
    expires_at: string | null;
  }[]) {
    const list = byUser.get(t.user_id) ?? [];
    list.push({ id: t.id, createdAt: t.created_at, revokedAt: t.revoked_at, expiresAt: t.expires_at });
    byUser.set(t.user_id, list);
  }
  return (users.results as unknown as (UserRow & { disabled_at: string | null })[]).map((u) => ({
    ...toUser(u),
    disabledAt: u.disabled_at,
    tokens: byUser.get(u.id) ?? [],
  }));
}
