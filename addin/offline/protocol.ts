/**
 * What the standalone page and its service worker (service-worker.ts) share: the script's name,
 * the caches' names and the one message the page sends.
 */

/** The service worker script, at the site's root so its scope covers the page. */
export const SW_FILE = "sw.js";

/** One cache per build (`ledgerline-build-<id>`), so two deployments never share an entry. */
export const CACHE_PREFIX = "ledgerline-build-";

/** Which build is active, so the next one keeps it for pages still open on it. */
export const META_CACHE = "ledgerline-meta";

/** The page asks a new build's worker, already downloaded and waiting, to take over now. */
export const ACTIVATE_NOW = "ledgerline:activate-now";
