/**
 * The calls of 版本记录 and its 恢复为此版, made through the typed client so that their schemas load
 * with the view rather than on the pane's first screen (shared/api-versions.ts).
 */
import { answer } from "../../../shared/client";
import { RegistryResponseSchema } from "../../../shared/api";
import { RegistryVersionResponseSchema, RegistryVersionsResponseSchema } from "../../../shared/api-versions";
import type { Registry } from "../../../shared/registry";
import type { Api } from "../../api";

/** Every saved registry version, newest first, with what it changed (admin, office). */
export const registryVersions = (api: Api) =>
  answer(() => api.client.registry.versions.$get(), RegistryVersionsResponseSchema);

/** One saved version's body as it was stored (admin, office). */
export const registryVersion = (api: Api, version: number) =>
  answer(
    () => api.client.registry.versions[":version"].$get({ param: { version: String(version) } }),
    RegistryVersionResponseSchema,
  );

/**
 * Saves an earlier version's body again through the ordinary PUT /api/registry, sent exactly as
 * stored (the server checks it like any save); `restoredFrom` is recorded in the audit.
 */
export const restoreRegistry = (api: Api, body: Record<string, unknown>, restoredFrom: number) =>
  answer(() => {
    // Typed as a registry for the client only: the server refuses it on its fields if it no longer
    // is one. `query` is read by the route by hand, so the typed client does not list it.
    const args = { json: body as Registry, query: { restoredFrom: String(restoredFrom) } };
    return api.client.registry.$put(args);
  }, RegistryResponseSchema);
