import type { D1Database } from "@cloudflare/workers-types";
import { DEFAULT_REGISTRY, RegistrySchema, type Registry } from "../../shared/registry";
import type { AuthUser } from "../env";

export interface StoredRegistry {
  version: number;
  updatedAt: string | null;
  registry: Registry;
}

/** A stored body read back; a body a later schema refuses falls back to the default, as before. */
function parsed(body: string): Registry | null {
  const result = RegistrySchema.safeParse(JSON.parse(body));
  return result.success ? result.data : null;
}

/** The registry held in D1; the embedded default (version 0) until an admin or `npm start` stores one. */
export async function loadRegistry(db: D1Database): Promise<StoredRegistry> {
  const row = await db
    .prepare("SELECT version, body, updated_at FROM registry WHERE id = 1")
    .first<{ version: number; body: string; updated_at: string }>();
  if (!row) return { version: 0, updatedAt: null, registry: DEFAULT_REGISTRY };
  return {
    version: row.version,
    updatedAt: row.updated_at,
    registry: parsed(row.body) ?? DEFAULT_REGISTRY,
  };
}

/**
 * A new version of the registry, for one batch: the current row replaced (its version numbered
 * inside the transaction) and the same body kept as that version with who and when.
 */
export function saveRegistryStatements(db: D1Database, registry: Registry, at: string, by: AuthUser) {
  return [
    db
      .prepare(
        `INSERT INTO registry (id, version, body, updated_at, updated_by) VALUES (1, 1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET version = version + 1, body = ?1, updated_at = ?2, updated_by = ?3`,
      )
      .bind(JSON.stringify(registry), at, by.id),
    db
      .prepare(
        `INSERT INTO registry_versions (version, body, created_at, created_by, created_by_name)
         SELECT version, body, updated_at, updated_by, ?1 FROM registry WHERE id = 1`,
      )
      .bind(by.name),
  ];
}

export interface RegistryVersionRow {
  version: number;
  registry: Registry;
  createdAt: string;
  createdBy: string | null;
}

/** Every stored version, oldest first. */
export async function registryVersions(db: D1Database): Promise<RegistryVersionRow[]> {
  const { results } = await db
    .prepare("SELECT version, body, created_at, created_by_name FROM registry_versions ORDER BY version")
    .all<{ version: number; body: string; created_at: string; created_by_name: string | null }>();
  return results.map((r) => ({
    version: r.version,
    registry: parsed(r.body) ?? DEFAULT_REGISTRY,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
  }));
}

export interface StoredVersion {
  version: number;
  /** The body as it was saved, not read with today's schema. */
  body: Record<string, unknown>;
  createdAt: string;
  createdBy: string | null;
}

/** One stored version as saved; null when there is no such version. */
export async function registryVersion(db: D1Database, version: number): Promise<StoredVersion | null> {
  const row = await db
    .prepare("SELECT version, body, created_at, created_by_name FROM registry_versions WHERE version = ?1")
    .bind(version)
    .first<{ version: number; body: string; created_at: string; created_by_name: string | null }>();
  if (!row) return null;
  return {
    version: row.version,
    body: JSON.parse(row.body) as Record<string, unknown>,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
  };
}

/** Versions that were an earlier one restored (恢复为此版): version → the version restored, from the audit. */
export async function restoredVersions(db: D1Database): Promise<Map<number, number>> {
  const { results } = await db
    .prepare(
      `SELECT json_extract(detail, '$.version') AS version, json_extract(detail, '$.restoredFrom') AS restored
       FROM audit WHERE action = 'registry.put' AND json_extract(detail, '$.restoredFrom') IS NOT NULL`,
    )
    .all<{ version: number; restored: number }>();
  return new Map(results.map((r) => [r.version, r.restored]));
}
