/**
 * The findings a clerk acts on: errors first, then warnings; a filter (全部 / 只看错误 / 按列);
 * a code repeated down a sheet folded into one line to expand; each finding with a cell a button
 * that selects it (in Excel) or shows the sheet around it (in the standalone page). Arrow keys move
 * between findings; focus lands on the list after a check.
 */
import { Suspense, lazy, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "../../shared/findings";
import type { SheetReport } from "../../shared/report";
import type { SheetInput, WorkbookInput } from "../../shared/workbook";
import { kindTitle } from "../../shared/kinds";
import { columnIndexAt } from "../../shared/read/cells";
import { FINDING_CODE_NAMES } from "../../shared/messages/codes";
import { findingText } from "../../shared/messages/engine";
import { useI18n, type Translate } from "./i18n";

// The standalone page's grid around a cell loads when a finding is first opened.
const CellPreview = lazy(() => import("./CellPreview").then((m) => ({ default: m.CellPreview })));

const PAGE = 100;

/** A finding's sheet as read, for the standalone page's preview around a cell. */
interface Source {
  sheet: SheetInput;
  date1904: boolean;
}

/** What every line of a sheet's findings needs: where a click goes, and the sheet to preview. */
interface Place {
  onSelect: (sheet: string, cell: string) => void;
  source: Source | null;
  headerRow: number | null;
  styles: Styles;
}
/** A code found this many times in one section is folded into one line ("党费欠缴：12 处，展开"). */
export const FOLD_AT = 3;

export type FindingsFilter = "all" | "errors" | "column";

const useStyles = makeStyles({
  sheet: { marginBottom: "12px" },
  sheetHeader: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "baseline", marginBottom: "4px" },
  section: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, padding: "4px 0" },
  sectionTitle: { fontWeight: 600 },
  list: { listStyle: "none", margin: 0, padding: 0 },
  nested: { listStyle: "none", margin: "0 0 0 16px", padding: 0 },
  item: { display: "flex", gap: "6px", alignItems: "flex-start", padding: "2px 0", flexWrap: "wrap" },
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
type Styles = ReturnType<typeof useStyles>;

/** Severity's words and colours; the text colours pass WCAG AA (≥ 4.5:1) on white. */
export const SEVERITY_STYLE: Record<
  Severity,
  { key: "severityError" | "severityWarning" | "severityInfo"; fg: string }
> = {
  error: { key: "severityError", fg: "#B10E1C" },
  warning: { key: "severityWarning", fg: "#7A4500" },
  info: { key: "severityInfo", fg: "#424242" },
};
const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "info"];

export interface Section {
  /** `error`/`warning`/`info`, or a column name (null: the sheet as a whole). */
  key: string | null;
  findings: Finding[];
}

const position = (f: Finding) => [f.row ?? 0, f.cell ? columnIndexAt(f.cell, 0, f.cell.length) : -1];
function byPosition(a: Finding, b: Finding): number {
  const [ra, ca] = position(a);
  const [rb, cb] = position(b);
  return ra - rb || ca - cb;
}

/**
 * A sheet's findings in sections: by severity (errors first; only errors for `errors`), or by
 * column (sheet-wide first, then columns left to right; errors first within each).
 */
export function sectionsOf(findings: readonly Finding[], filter: FindingsFilter): Section[] {
  if (filter !== "column") {
    const shown = filter === "errors" ? (["error"] as const) : SEVERITY_ORDER;
    return shown
      .map((s) => ({
        key: s as string | null,
        findings: findings.filter((f) => f.severity === s).sort(byPosition),
      }))
      .filter((s) => s.findings.length > 0);
  }
  const columns = new Map<string | null, Finding[]>();
  for (const f of findings) columns.set(f.column, [...(columns.get(f.column) ?? []), f]);
  const left = (list: Finding[]) => Math.min(...list.map((f) => position(f)[1]));
  return [...columns.entries()]
    .sort(([a, la], [b, lb]) => (a === null ? -1 : b === null ? 1 : left(la) - left(lb)))
    .map(([key, list]) => ({
      key,
      findings: list.sort(
        (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || byPosition(a, b),
      ),
    }));
}

export type Item =
  | { finding: Finding }
  | { code: Finding["code"]; severity: Severity; column: string | null; findings: Finding[] };

/**
 * A section's lines: a code seen FOLD_AT times or more in one column becomes one line, where it is
 * first found (the same code in another column is another mistake, folded apart).
 */
export function foldRepeats(findings: readonly Finding[]): Item[] {
  const counts = new Map<string, number>();
  const key = (f: Finding) => `${f.severity} ${f.code} ${f.column ?? ""}`;
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const folds = new Map<string, Finding[]>();
  const items: Item[] = [];
  for (const f of findings) {
    if ((counts.get(key(f)) ?? 0) < FOLD_AT) {
      items.push({ finding: f });
      continue;
    }
    const fold = folds.get(key(f));
    if (fold) fold.push(f);
    else {
      const list = [f];
      folds.set(key(f), list);
      items.push({ code: f.code, severity: f.severity, column: f.column, findings: list });
    }
  }
  return items;
}

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
  const styles = useStyles();
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

function ItemList({ items, place }: { items: readonly Item[]; place: Place }) {
  const { styles } = place;
  const { t } = useI18n();
  const [shown, setShown] = useState(PAGE);
  // A code folded in two columns names its column, so the two lines read apart.
  const folded = items.flatMap((i) => ("code" in i ? [i.code] : []));
  const twice = new Set(folded.filter((code, i) => folded.indexOf(code) !== i));
  return (
    <>
      <ul className={styles.list}>
        {items.slice(0, shown).map((item, i) =>
          "finding" in item ? (
            <li key={i} className={styles.item}>
              <FindingItem finding={item.finding} place={place} />
            </li>
          ) : (
            <li key={i}>
              <Fold item={item} named={twice.has(item.code)} place={place} />
            </li>
          ),
        )}
      </ul>
      {items.length > shown && (
        <Button appearance="subtle" onClick={() => setShown(shown + PAGE)}>
          {t("showMore", { count: Math.min(PAGE, items.length - shown) })}
        </Button>
      )}
    </>
  );
}

function Fold({
  item,
  named,
  place,
}: {
  item: Extract<Item, { code: string }>;
  /** Whether to name the column (the same code is folded in another column too). */
  named: boolean;
  place: Place;
}) {
  const { styles } = place;
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const code = FINDING_CODE_NAMES[locale][item.code] ?? item.code;
  const name = named && item.column ? t("foldColumn", { name: code, column: item.column }) : code;
  const count = item.findings.length;
  return (
    <>
      <Button
        appearance="subtle"
        size="small"
        aria-expanded={open}
        data-nav
        onClick={() => setOpen(!open)}
        style={{ color: SEVERITY_STYLE[item.severity].fg, fontWeight: 600 }}
      >
        {t(open ? "foldOpen" : "foldClosed", { name, count })}
      </Button>
      {open && (
        <ul className={styles.nested}>
          {item.findings.map((f, i) => (
            <li key={i} className={styles.item}>
              <FindingItem finding={f} place={place} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function FindingItem({ finding: f, place }: { finding: Finding; place: Place }) {
  const { onSelect, source, headerRow, styles } = place;
  const { t, locale } = useI18n();
  const [preview, setPreview] = useState(false);
  // The engine's key renders the finding in the pane's language; zh-CN is what it carries.
  const { message, hint } = findingText(f, locale);
  const style = SEVERITY_STYLE[f.severity];
  const badge = (
    <span
      style={{
        color: style.fg,
        border: `1px solid ${style.fg}`,
        borderRadius: 4,
        padding: "0 4px",
        fontSize: 12,
        whiteSpace: "nowrap",
      }}
    >
      {t(style.key)}
    </span>
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
  if (!cell)
    return (
      <>
        {badge}
        <span className={styles.finding}>{body}</span>
      </>
    );
  // In Excel the click selects the cell; in the standalone page it shows the sheet around it.
  const action = t("goToCell", { cell });
  return (
    <>
      {badge}
      <Button
        appearance="transparent"
        className={styles.finding}
        title={action}
        aria-label={`${action}：${message}`}
        aria-expanded={source ? preview : undefined}
        data-cell={cell}
        data-nav
        onClick={() => {
          onSelect(f.sheet, cell);
          if (source) setPreview(!preview);
        }}
      >
        {body}
      </Button>
      {source && preview && (
        <Suspense fallback={null}>
          <CellPreview {...source} cell={cell} headerRow={headerRow} onClose={() => setPreview(false)} />
        </Suspense>
      )}
    </>
  );
}
