/**
 * The lines of a section of findings: one finding (a button to its cell, with the sheet around it in
 * the standalone page), or a fold of one code repeated down a column, shown 100 at a time.
 */
import { Suspense, lazy, useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "../../shared/findings";
import type { SheetInput } from "../../shared/workbook";
import { FINDING_CODE_NAMES } from "../../shared/messages/codes";
import { findingText } from "../../shared/messages/engine";
import type { Item } from "./findings-order";
import { useI18n } from "./i18n";

// The standalone page's grid around a cell loads when a finding is first opened.
const CellPreview = lazy(() => import("./CellPreview").then((m) => ({ default: m.CellPreview })));

const PAGE = 100;

/** A finding's sheet as read, for the standalone page's preview around a cell. */
export interface Source {
  sheet: SheetInput;
  date1904: boolean;
}

/** What every line of a sheet's findings needs: where a click goes, and the sheet to preview. */
export interface Place {
  onSelect: (sheet: string, cell: string) => void;
  source: Source | null;
  headerRow: number | null;
  styles: Styles;
}
export const useFindingStyles = makeStyles({
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
export type Styles = ReturnType<typeof useFindingStyles>;

/** Severity's words and colours; the text colours pass WCAG AA (≥ 4.5:1) on white. */
export const SEVERITY_STYLE: Record<
  Severity,
  { key: "severityError" | "severityWarning" | "severityInfo"; fg: string }
> = {
  error: { key: "severityError", fg: "#B10E1C" },
  warning: { key: "severityWarning", fg: "#7A4500" },
  info: { key: "severityInfo", fg: "#424242" },
};

export function ItemList({ items, place }: { items: readonly Item[]; place: Place }) {
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
