/**
 * The key of the HMACs kept for ID numbers (and of body hashes), and whether it changed.
 * meta 'id_key' holds the fingerprint of the key the stored HMACs were made with. A new
 * ID_HMAC_KEY is used at once for new rows; while rows made with the old one remain, the
 * duplicate check also needs ID_HMAC_KEY_OLD (docs/privacy.md, "Changing the key"), and without
 * it rolls are refused: the check is never silently lost.
 */
import type { D1Database } from "@cloudflare/workers-types";
import type { Bindings } from "../env";
import { ApiError } from "../errors";
import { hmacHex, hmacKey, keyedHash, keyFingerprint, sha256Hex } from "./crypto";

export interface Key {
  key: CryptoKey;
  fingerprint: string;
}

export interface IdKeys extends Key {
  /** The key the stored HMACs were made with, while a change of key is carried over. */
  old: Key | null;
  /** False when the key changed and the old one is not given: the duplicate check cannot run. */
  checkable: boolean;
}

async function keyOf(secret: string): Promise<Key> {
  const key = await hmacKey(secret);
  return { key, fingerprint: await keyFingerprint(key) };
}

const storedFingerprint = async (db: D1Database) =>
  (await db.prepare("SELECT value FROM meta WHERE key = 'id_key'").first<{ value: string }>())?.value ?? null;

/** Claims the key for every stored HMAC not yet attributed to one (rows stored before schema v3). */
export async function claimKey(db: D1Database, fingerprint: string): Promise<void> {
  await db.batch([
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('id_key', ?)").bind(fingerprint),
    db
      .prepare("UPDATE records SET id_key = ? WHERE id_hmac IS NOT NULL AND id_key IS NULL")
      .bind(fingerprint),
  ]);
}

export async function idKeys(env: Bindings, db: D1Database): Promise<IdKeys> {
  if (!env.ID_HMAC_KEY) {
    throw new ApiError("not-configured", "服务器尚未配置身份证号加密密钥（ID_HMAC_KEY），暂不能接收报送。");
  }
  const current = await keyOf(env.ID_HMAC_KEY);
  let stored = await storedFingerprint(db);
  if (stored === null) {
    await claimKey(db, current.fingerprint);
    stored = await storedFingerprint(db);
  }
  if (stored === current.fingerprint) return { ...current, old: null, checkable: true };
  if (env.ID_HMAC_KEY_OLD) {
    const old = await keyOf(env.ID_HMAC_KEY_OLD);
    if (old.fingerprint === stored) return { ...current, old, checkable: true };
  }
  // A changed key with nothing hashed under the old one loses nothing: it simply becomes the key.
  const held = await db.prepare("SELECT 1 AS x FROM records WHERE id_key = ? LIMIT 1").bind(stored).first();
  if (!held) {
    await db.prepare("UPDATE meta SET value = ? WHERE key = 'id_key'").bind(current.fingerprint).run();
    return { ...current, old: null, checkable: true };
  }
  return { ...current, old: null, checkable: false };
}

/** The HMAC of a normalised ID number under each key in use (the current key first). */
export async function idHmacs(keys: IdKeys, id: string): Promise<string[]> {
  const out = [await hmacHex(keys.key, id)];
  if (keys.old) out.push(await hmacHex(keys.old.key, id));
  return out;
}

/** A body's keyed hash under each key in use: a sheet is "the same" under either while the key changes. */
export async function bodyHashes(keys: IdKeys, canonical: string): Promise<string[]> {
  const sha = await sha256Hex(canonical);
  const out = [await keyedHash(keys.key, sha)];
  if (keys.old) out.push(await keyedHash(keys.old.key, sha));
  return out;
}
