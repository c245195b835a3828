/** Findings grouped by sheet and row; each finding with a cell is a button that selects it. */
import { useState } from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../shared/findings";
import type { SheetReport } from "../../shared/report";
import { kindById } from "../../shared/kinds";
import { useI18n } from "./i18n";
import { findingText } from "../../shared/messages/engine";

const PAGE = 100;

const useStyles = makeStyles({
  sheet: { marginBottom: "12px" },
  sheetHeader: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "baseline", marginBottom: "4px" },
  group: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, padding: "4px 0" },
  rowLabel: { fontWeight: 600, color: tokens.colorNeutralForeground2 },
  list: { listStyle: "none", margin: 0, padding: 0 },
  item: { display: "flex", gap: "6px", alignItems: "flex-start", padding: "2px 0" },
  finding: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    textAlign: "left",
    minWidth: 0,
    height: "auto",
    padding: "2px 4px",
    fontWeight: "normal",
  },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: 600 },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface RowGroup {
  row: number | null;
  findings: Finding[];
}

/** Sheet-wide findings first, then rows in order; within a row, the engine's order (errors first). */
export function groupByRow(findings: readonly Finding[]): RowGroup[] {
  const groups = new Map<number | null, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.row);
    if (list) list.push(f);
    else groups.set(f.row, [f]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([row, list]) => ({ row, findings: list }));
}

export function FindingsList({
  results,
  onSelect,
}: {
  results: readonly SheetReport[];
  onSelect: (sheet: string, cell: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  if (results.length === 0) return <Text>{t("noResults")}</Text>;
  return (
    <section aria-label={t("resultsTitle")}>
      {results.map((r) => (
        <SheetFindings key={r.sheet} report={r} onSelect={onSelect} styles={styles} />
      ))}
    </section>
  );
}

function SheetFindings({
  report,
  onSelect,
  styles,
}: {
  report: SheetReport;
  onSelect: (sheet: string, cell: string) => void;
  styles: ReturnType<typeof useStyles>;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const groups = groupByRow(report.findings);
  const kindTitle = report.kind ? (kindById(report.kind)?.title ?? report.kind) : t("unknownKind");
  return (
    <div className={styles.sheet} data-sheet={report.sheet}>
      <div className={styles.sheetHeader}>
        <Text as="h3" weight="semibold" size={400}>
          {t("sheetLine", { sheet: report.sheet, kind: kindTitle, rows: report.rows })}
        </Text>
        {report.kind && (
          <Text>
            {report.errors + report.warnings === 0
              ? t("allClear")
              : t("countsLine", { errors: report.errors, warnings: report.warnings })}
          </Text>
        )}
      </div>
      {groups.slice(0, shown).map((g) => (
        <div
          key={g.row ?? "sheet"}
          className={styles.group}
          role="group"
          aria-label={g.row === null ? t("sheetWide") : t("rowLabel", { row: g.row })}
        >
          <Text className={styles.rowLabel}>
            {g.row === null ? t("sheetWide") : t("rowLabel", { row: g.row })}
          </Text>
          <ul className={styles.list}>
            {g.findings.map((f, i) => (
              <li key={i} className={styles.item}>
                <FindingItem finding={f} onSelect={onSelect} styles={styles} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      {groups.length > shown && (
        <Button appearance="subtle" onClick={() => setShown(shown + PAGE)}>
          {t("showMore", { count: Math.min(PAGE, groups.length - shown) })}
        </Button>
      )}
    </div>
  );
}

function FindingItem({
  finding: f,
  onSelect,
  styles,
}: {
  finding: Finding;
  onSelect: (sheet: string, cell: string) => void;
  styles: ReturnType<typeof useStyles>;
}) {
  const { t, locale } = useI18n();
  // The engine's key renders the finding in the pane's language; zh-CN is what it carries.
  const { message, hint } = findingText(f, locale);
  const severity =
    f.severity === "error"
      ? t("severityError")
      : f.severity === "warning"
        ? t("severityWarning")
        : t("severityInfo");
  const badge = (
    <Badge
      appearance="tint"
      color={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "informative"}
      size="small"
    >
      {severity}
    </Badge>
  );
  const body = (
    <>
      <span>
        {f.cell && <span className={styles.cell}>{f.cell} </span>}
        <span>{message}</span>
      </span>
      {hint && (
        <span className={styles.hint}>
          {t("hintLabel")}
          {hint}
        </span>
      )}
    </>
  );
  const cell = f.cell;
  return (
    <>
      {badge}
      {cell ? (
        <Button
          appearance="transparent"
          className={styles.finding}
          title={t("goToCell", { cell })}
          aria-label={`${t("goToCell", { cell })}：${message}`}
          data-cell={cell}
          onClick={() => onSelect(f.sheet, cell)}
        >
          {body}
        </Button>
      ) : (
        <span className={styles.finding}>{body}</span>
      )}
    </>
  );
}
