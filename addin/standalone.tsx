/**
 * The standalone page (index.html): the same pane on an .xlsx opened in the browser; no Office.js.
 * Its service worker keeps the page usable with the network gone (addin/offline).
 */
import { installPolyfills } from "./polyfills";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { createFileHost } from "./file/host";
import { registerServiceWorker } from "./offline/register";

async function start(): Promise<void> {
  const root = document.getElementById("root");
  if (!root) return;
  const update = registerServiceWorker();
  await installPolyfills();
  createRoot(root).render(
    <StrictMode>
      <App host={createFileHost()} update={update} />
    </StrictMode>,
  );
}

void start();
