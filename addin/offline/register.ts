/**
 * Registers the standalone page's service worker (service-worker.ts) and brings in a new build
 * without ever mixing two: a build downloaded on an earlier visit takes over as the page starts
 * (one reload, before the clerk has opened anything); one that arrives while the page is in use
 * waits, and the page offers to switch now (a reload) — else the next visit switches.
 *
 * Only index.html calls this: the Excel pane stays with the network (docs/addin.md says why).
 */
import { ACTIVATE_NOW, SW_FILE } from "./protocol";

/** A new build, downloaded and waiting to take over. */
export interface AppUpdate {
  ready(): boolean;
  subscribe(listener: () => void): () => void;
  /** The waiting build takes over and this page reloads on it. */
  apply(): void;
}

export function registerServiceWorker(
  container: ServiceWorkerContainer | undefined = navigator.serviceWorker,
  reload: () => void = () => window.location.reload(),
): AppUpdate | null {
  // Service workers need a secure context: https, or http on localhost / 127.0.0.1.
  if (!container || !window.isSecureContext) return null;
  let waiting: ServiceWorker | null = null;
  let switching = false;
  const listeners = new Set<() => void>();

  const takeOver = (worker: ServiceWorker) => {
    if (switching) return;
    switching = true;
    // Another tab may have switched already: this page then only needs to load the new build.
    if (worker.state === "activated") return reload();
    container.addEventListener("controllerchange", () => reload());
    worker.postMessage(ACTIVATE_NOW);
  };

  /** A worker installing a new build: offered once installed (the first install needs no offer). */
  const track = (worker: ServiceWorker | null) => {
    const installed = () => {
      if (worker?.state === "redundant" && waiting === worker) waiting = null;
      else if (worker?.state !== "installed" || !container.controller || waiting === worker) return;
      else waiting = worker;
      for (const listener of listeners) listener();
    };
    worker?.addEventListener("statechange", installed);
    installed();
  };

  container
    .register(`./${SW_FILE}`)
    .then((registration) => {
      // A build fetched on an earlier visit: switch before anything is opened.
      if (registration.waiting && container.controller) return takeOver(registration.waiting);
      track(registration.installing);
      registration.addEventListener("updatefound", () => track(registration.installing));
      // A page left open for days still learns of a deployment once the network is back.
      window.addEventListener("online", () => void registration.update().catch(() => undefined));
    })
    // No service worker (a browser policy, a private window): the page works as before, online only.
    .catch(() => undefined);

  return {
    ready: () => waiting !== null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply() {
      if (waiting) takeOver(waiting);
    },
  };
}
