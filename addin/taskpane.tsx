/** The Excel task pane (taskpane.html): waits for Office.js, then runs the app on the Excel adapter. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { createExcelHost } from "./excel/host";

function render() {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App host={createExcelHost()} />
    </StrictMode>,
  );
}

if (typeof Office !== "undefined") void Office.onReady(() => render());
else render();
