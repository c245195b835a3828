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
    container.addEventListener("controllerchange", () => reload());
    worker.postMessage(ACTIVATE_NOW);
  };

  container
    .register(`./${SW_FILE}`)
    .then((registration) => {
      // A build fetched on an earlier visit: switch before anything is opened.
      if (registration.waiting && container.controller) return takeOver(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          // The first install takes the page over by itself (clients.claim); only updates are offered.
          if (worker.state !== "installed" || !container.controller) return;
          waiting = worker;
          for (const listener of listeners) listener();
        });
      });
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
