/** The standalone page (index.html): the same pane on an .xlsx opened in the browser; no Office.js. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { createFileHost } from "./file/host";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App host={createFileHost()} />
    </StrictMode>,
  );
}
