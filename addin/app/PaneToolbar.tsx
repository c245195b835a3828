/**
 * The actions on the open workbook, in the order a clerk uses them: in the standalone page 打开工作簿
 * · 校验全部 · 下载标记后的工作簿; in Excel 校验本表 · 校验全部 · 清除标记 · 生成汇总. The views
 * (提交, 报送情况 …) are tabs (PaneViews).
 */
import type { RefObject } from "react";
import { Button, Toolbar, makeStyles } from "@fluentui/react-components";
import type { PaneMessageKey } from "../../shared/messages/pane";
import type { Host, ValidateOutcome } from "../host";
import { useI18n } from "./i18n";
import type { Notice } from "./useChecks";

const useStyles = makeStyles({ toolbar: { display: "flex", flexWrap: "wrap", gap: "6px", padding: 0 } });

export function PaneToolbar({
  host,
  busy,
  fileName,
  outcome,
  asOf,
  fileInput,
  run,
  validate,
  openFile,
  say,
}: {
  host: Host;
  busy: boolean;
  fileName: string | null;
  outcome: ValidateOutcome | null;
  asOf: string;
  fileInput: RefObject<HTMLInputElement | null>;
  run: (label: PaneMessageKey, work: () => Promise<void>) => Promise<void>;
  validate: (scope: "sheet" | "all") => Promise<void>;
  openFile: (file: File) => Promise<void>;
  say: (notice: Notice) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const action = (key: PaneMessageKey, onClick: () => void, primary = false, disabled = false) => (
    <Button
      key={key}
      appearance={primary ? "primary" : "secondary"}
      onClick={onClick}
      disabled={busy || disabled}
    >
      {t(key)}
    </Button>
  );
  const results = outcome?.results ?? [];

  if (host.type === "file")
    return (
      <Toolbar className={styles.toolbar} aria-label={t("appTitle")}>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={t("chooseFile")}
          data-testid="file-input"
          style={{ display: "none" }}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void openFile(file);
          }}
        />
        {action("openWorkbook", () => fileInput.current?.click(), true)}
        {action("validateAll", () => void validate("all"), false, !fileName)}
        {action(
          "downloadAnnotated",
          () => void run("working", () => host.downloadAnnotated(results, `${fileName ?? ""} · ${asOf}`)),
          false,
          !outcome,
        )}
      </Toolbar>
    );

  // Below ExcelApi 1.13 the pane lists findings and selects cells only (docs/addin.md).
  const listOnly = host.reach.mode === "list";
  return (
    <Toolbar className={styles.toolbar} aria-label={t("appTitle")}>
      {action("validateSheet", () => void validate("sheet"), true)}
      {action("validateAll", () => void validate("all"))}
      {!listOnly &&
        action(
          "clearMarks",
          () =>
            void run("working", async () => {
              const cleared = await host.clearMarks();
              const lines = [
                cleared.cleared > 0 ? t("marksCleared") : t("noMarks"),
                cleared.protectedSheets.length
                  ? t("marksProtected", { sheets: cleared.protectedSheets.join("、") })
                  : "",
                cleared.notesKept ? t("notesKept", { count: cleared.notesKept }) : "",
              ].filter(Boolean);
              say({ intent: lines.length > 1 ? "warning" : "success", text: lines.join(" ") });
            }),
        )}
      {!listOnly &&
        action(
          "writeSummary",
          () =>
            void run("working", async () => {
              if (!outcome) return say({ intent: "info", text: t("submitNeedsValidate") });
              await host.writeSummary(outcome.results, {
                sheetName: "汇总",
                figure: t("figure"),
                value: t("value"),
              });
              say({ intent: "success", text: t("summaryWritten") });
            }),
        )}
    </Toolbar>
  );
}
