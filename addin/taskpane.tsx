/**
 * The Excel task pane (taskpane.html): loads Office.js (Microsoft's CDN, else this server's copy),
 * waits for Office, then runs the app on the Excel adapter.
 */
import { installPolyfills } from "./polyfills";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { createExcelHost } from "./excel/host";
import { loadOfficeJs } from "./excel/load-office";

async function start(): Promise<void> {
  const root = document.getElementById("root");
  if (!root) return;
  const [source] = await Promise.all([loadOfficeJs(), installPolyfills()]);
  root.dataset.office = source;
  // Outside Office (a plain browser) onReady still resolves; the pane then says it has no Excel.
  if (source !== "none") await Office.onReady();
  createRoot(root).render(
    <StrictMode>
      <App host={createExcelHost()} />
    </StrictMode>,
  );
}

void start();
