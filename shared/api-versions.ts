/**
 * The schemas of 版本记录 (docs/registry.md, "Versions and re-judging"): the version list, one stored
 * version's body (恢复为此版) and the version number PUT /api/registry?restoredFrom= takes. Apart
 * from api.ts because
 * zod schemas are not tree-shaken: kept there, every one rides in the pane's first screen, while
 * only the lazily loaded 版本记录 view uses these.
 */
import { z } from "zod";

/** GET /api/registry/versions: every stored version, newest first, with what it changed. */
export const RegistryVersionsResponseSchema = z.object({
  current: z.number().int(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
      /** What changed from the version before (version 1: from the embedded default), one line each. */
      changes: z.array(z.string()),
    }),
  ),
});
export type RegistryVersionsResponse = z.infer<typeof RegistryVersionsResponseSchema>;

/**
 * GET /api/registry/versions/:version: one stored version's body, exactly as it was saved (masked
 * then). Not checked against today's RegistrySchema: an old body a newer schema refuses is still
 * shown, and restoring it is refused by PUT /api/registry on its fields.
 */
export const RegistryVersionResponseSchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  registry: z.record(z.string(), z.unknown()),
});
export type RegistryVersionResponse = z.infer<typeof RegistryVersionResponseSchema>;

/**
 * A version number in a path or query: a positive integer, no leading zero. PUT
 * /api/registry?restoredFrom=3 says the body is version 3's, sent back by 恢复为此版; the audit entry
 * records it and the version list says “恢复为第 3 版”. Optional: a plain save sends none.
 */
export const RESTORED_FROM_PATTERN = /^[1-9]\d{0,8}$/;
