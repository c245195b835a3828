import type { D1Database } from "@cloudflare/workers-types";
import { DEFAULT_REGISTRY, RegistrySchema, type Registry } from "../../shared/registry";

export interface StoredRegistry {
  version: number;
  updatedAt: string | null;
  registry: Registry;
}

/** The registry held in D1; the embedded default (version 0) until an admin or `npm start` stores one. */
export async function loadRegistry(db: D1Database): Promise<StoredRegistry> {
  const row = await db
    .prepare("SELECT version, body, updated_at FROM registry WHERE id = 1")
    .first<{ version: number; body: string; updated_at: string }>();
  if (!row) return { version: 0, updatedAt: null, registry: DEFAULT_REGISTRY };
  const parsed = RegistrySchema.safeParse(JSON.parse(row.body));
  return {
    version: row.version,
    updatedAt: row.updated_at,
    registry: parsed.success ? parsed.data : DEFAULT_REGISTRY,
  };
}

export function saveRegistryStatement(db: D1Database, registry: Registry, at: string, by: string) {
  return db
    .prepare(
      `INSERT INTO registry (id, version, body, updated_at, updated_by) VALUES (1, 1, ?1, ?2, ?3)
       ON CONFLICT (id) DO UPDATE SET version = version + 1, body = ?1, updated_at = ?2, updated_by = ?3`,
    )
    .bind(JSON.stringify(registry), at, by);
}
