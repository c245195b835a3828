/**
 * The findings a clerk acts on: errors first, then warnings; a filter (全部 / 只看错误 / 按列);
 * a code repeated down a sheet folded into one line to expand; each finding with a cell a button
 * that selects it (in Excel) or shows the sheet around it (in the standalone page). Arrow keys move
 * between findings; focus lands on the list after a check.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Button, Text } from "@fluentui/react-components";
import type { Severity } from "../../shared/findings";
import type { SheetReport } from "../../shared/report";
import type { WorkbookInput } from "../../shared/workbook";
import { kindTitle } from "../../shared/kinds";
import { ItemList, SEVERITY_STYLE, useFindingStyles, type Styles } from "./FindingItems";
import { foldRepeats, sectionsOf, type FindingsFilter } from "./findings-order";
import { useI18n, type Translate } from "./i18n";

export { SEVERITY_STYLE } from "./FindingItems";
export {
  FOLD_AT,
  foldRepeats,
  sectionsOf,
  type FindingsFilter,
  type Item,
  type Section,
} from "./findings-order";

/** Arrow keys move between the findings' buttons (Tab still walks them too). */
function arrowKeys(e: KeyboardEvent<HTMLElement>): void {
  const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  const step = keys[e.key];
  if (step === undefined) return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLElement>("[data-nav]")];
  if (!buttons.length) return;
  const at = buttons.indexOf(document.activeElement as HTMLElement);
  const next =
    step === -Infinity
      ? 0
      : step === Infinity
        ? buttons.length - 1
        : Math.min(buttons.length - 1, Math.max(0, at + step));
  e.preventDefault();
  buttons[next].focus();
}

export function FindingsList({
  results,
  onSelect,
  workbook = null,
}: {
  results: readonly SheetReport[];
  onSelect: (sheet: string, cell: string) => void;
  /** The workbook in memory (standalone page): a finding then shows the sheet around its cell. */
  workbook?: WorkbookInput | null;
}) {
  const { t } = useI18n();
  const styles = useFindingStyles();
  const [filter, setFilter] = useState<FindingsFilter>("all");
  const region = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a check (new results), focus moves to the findings so the keyboard starts there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (results.length) region.current?.focus();
  }, [results]);
  if (results.length === 0) return <Text>{t("noResults")}</Text>;
  return (
    <section aria-label={t("resultsTitle")} ref={region} tabIndex={-1} onKeyDown={arrowKeys}>
      <FilterChoice value={filter} onChange={setFilter} />
      {results.map((r) => (
        <SheetFindings
          key={r.sheet}
          report={r}
          filter={filter}
          onSelect={onSelect}
          workbook={workbook}
          styles={styles}
        />
      ))}
    </section>
  );
}

const FILTERS: readonly [FindingsFilter, "filterAll" | "filterErrors" | "filterByColumn"][] = [
  ["all", "filterAll"],
  ["errors", "filterErrors"],
  ["column", "filterByColumn"],
];

/**
 * 全部 · 只看错误 · 按列 as a radio group: one Tab stop, ← → move the choice (the WAI-ARIA radio
 * group pattern), without a tab list's focus machinery around the findings.
 */
function FilterChoice({ value, onChange }: { value: FindingsFilter; onChange: (f: FindingsFilter) => void }) {
  const { t } = useI18n();
  const move = (e: KeyboardEvent<HTMLElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const at = FILTERS.findIndex(([f]) => f === value);
    const [next] = FILTERS[(at + step + FILTERS.length) % FILTERS.length];
    onChange(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-filter=${next}]`)?.focus();
  };
  return (
    <div
      role="radiogroup"
      aria-label={t("findingsFilter")}
      onKeyDown={move}
      style={{ display: "flex", gap: 4 }}
    >
      {FILTERS.map(([f, key]) => (
        <Button
          key={f}
          role="radio"
          aria-checked={f === value}
          tabIndex={f === value ? 0 : -1}
          data-filter={f}
          size="small"
          appearance={f === value ? "primary" : "subtle"}
          onClick={() => onChange(f)}
        >
          {t(key)}
        </Button>
      ))}
    </div>
  );
}

function sectionTitle(t: Translate, key: string | null, filter: FindingsFilter, count: number): string {
  if (filter === "column") return t("columnSection", { column: key ?? t("sheetWide"), count });
  const word = t(SEVERITY_STYLE[key as Severity].key);
  return t("severitySection", { severity: word, count });
}

function SheetFindings({
  report,
  filter,
  onSelect,
  workbook,
  styles,
}: {
  report: SheetReport;
  filter: FindingsFilter;
  onSelect: (sheet: string, cell: string) => void;
  workbook: WorkbookInput | null;
  styles: Styles;
}) {
  const { t, locale } = useI18n();
  const title = report.kind ? kindTitle(report.kind, locale) : t("unknownKind");
  const sections = sectionsOf(report.findings, filter);
  const found = workbook?.sheets.find((s) => s.name === report.sheet);
  const source = found && workbook ? { sheet: found, date1904: workbook.date1904 } : null;
  return (
    <div className={styles.sheet} data-sheet={report.sheet}>
      <div className={styles.sheetHeader}>
        <Text as="h3" weight="semibold" size={400}>
          {t("sheetLine", { sheet: report.sheet, kind: title, rows: report.rows })}
        </Text>
        {report.kind && (
          <Text>
            {report.errors + report.warnings === 0
              ? t("allClear")
              : t("countsLine", { errors: report.errors, warnings: report.warnings })}
          </Text>
        )}
      </div>
      {filter === "errors" && report.findings.length > 0 && sections.length === 0 && (
        <Text>{t("noErrors")}</Text>
      )}
      {sections.map((s) => {
        const title = sectionTitle(t, s.key, filter, s.findings.length);
        return (
          <div key={s.key ?? ""} className={styles.section} role="group" aria-label={title}>
            <Text
              className={styles.sectionTitle}
              style={filter === "column" ? undefined : { color: SEVERITY_STYLE[s.key as Severity].fg }}
            >
              {title}
            </Text>
            <ItemList
              items={foldRepeats(s.findings)}
              place={{ onSelect, source, headerRow: report.headerRow, styles }}
            />
          </div>
        );
      })}
    </div>
  );
}
