/**
 * The standalone page's service worker (built to dist/addin/sw.js by vite.config.ts): the page,
 * the engine and the .xlsx reader and writers are cached on the first visit, so a workbook can be
 * opened, checked, marked, summarised and templated with the network gone. The API is never
 * cached, and taskpane.html is left to Excel and the network (docs/addin.md says why).
 *
 * Versions never mix. Each build has its own cache (`ledgerline-build-<id>`) holding every file
 * of that build; index.html always comes from the active build's cache, and a hashed asset
 * (`assets/App-<hash>.js`) names one content whichever cache holds it. A new build installs
 * beside the old one and waits until no page runs the old one, or until the page asks
 * (register.ts). It keeps the build it replaces, so a page still open on that build loads its
 * own lazily imported chunks; older builds are deleted. (Workbox's precache deletes whatever the
 * new manifest lacks as it activates, which breaks such a page: GoogleChrome/workbox#3126.)
 */
import { ACTIVATE_NOW, CACHE_PREFIX, META_CACHE } from "./protocol";

declare const self: ServiceWorkerGlobalScope;
/** Set by vite.config.ts: the build's id, and every file the page may load, relative to this script. */
declare const __LEDGERLINE_BUILD__: string;
declare const __LEDGERLINE_FILES__: readonly string[];

const CACHE = CACHE_PREFIX + __LEDGERLINE_BUILD__;
const here = (path: string) => new URL(path, self.location.href).href;
const PAGE = here("index.html");
const ACTIVE_KEY = here("__ledgerline/active-build");

self.addEventListener("install", (event) => {
  // All of the build or nothing: a failed install leaves the old build in charge and is retried.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(__LEDGERLINE_FILES__.map((f) => new Request(here(f), { cache: "reload" }))),
      ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const meta = await caches.open(META_CACHE);
      const previous = await (await meta.match(ACTIVE_KEY))?.text();
      await meta.put(ACTIVE_KEY, new Response(__LEDGERLINE_BUILD__));
      const keep = new Set([CACHE, `${CACHE_PREFIX}${previous ?? ""}`]);
      const stale = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && !keep.has(name));
      await Promise.all(stale.map((name) => caches.delete(name)));
      // On the first visit the page is this build's own: take it over, so its chunks are served from here.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === ACTIVATE_NOW) void self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (request.mode === "navigate") {
    if (path === "" || path === "index.html") event.respondWith(cached(PAGE, request, false));
    return;
  }
  if (path.startsWith("assets/")) event.respondWith(cached(request, request, true));
});

/** This build's copy; for hashed assets, the kept previous build's too; else the network. */
async function cached(key: RequestInfo, request: Request, anyBuild: boolean): Promise<Response> {
  const own = await (await caches.open(CACHE)).match(key);
  const hit = own ?? (anyBuild ? await caches.match(key) : undefined);
  return hit ?? fetch(request);
}
