/** The 季总结 / 年盘点 print view (report.html): the draft from the server, A4, 打印 / 另存为 PDF. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ReportPage } from "./report/ReportPage";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ReportPage />
    </StrictMode>,
  );
}
