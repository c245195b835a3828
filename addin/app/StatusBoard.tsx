/**
 * 报送情况: the branch × kind × period matrix at a glance (a table when wide, a card per branch in
 * a task pane), a legend, and a reminder text per audience (the branches, the office itself).
 */
import { useState, useSyncExternalStore, type CSSProperties } from "react";
import {
  Button,
  Field,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from "@fluentui/react-components";
import type { Api, StatusResponse } from "../api";
import type { CellState } from "../../shared/api";
import { OFFICE_SCOPE } from "../../shared/registry";
import { kindTitle } from "../../shared/kinds";
import { beijingTime } from "../../shared/read/dates";
import { paneText, type PaneMessageKey } from "../../shared/messages/pane";
import type { Translate } from "./i18n";
import { useI18n } from "./i18n";
import { useYearly } from "./useYearly";
import { YearBar } from "./YearBar";

type Cell = StatusResponse["rows"][number]["cells"][number];
type Row = StatusResponse["rows"][number];

/**
 * Each state's word, symbol and colours: five distinct hues, each text colour at least 6:1 on its
 * background (WCAG AA asks 4.5:1), and a symbol besides the colour for those who cannot tell them.
 */
export const STATE_STYLE: Record<
  CellState,
  { word: PaneMessageKey; symbol: string; fg: string; bg: string }
> = {
  submitted: { word: "statusSubmitted", symbol: "✓", fg: "#0B5A1A", bg: "#E7F5E9" },
  late: { word: "statusLate", symbol: "!", fg: "#7A4500", bg: "#FFF1D6" },
  returned: { word: "statusReturned", symbol: "↩", fg: "#6A1B9A", bg: "#F3E8FA" },
  missing: { word: "statusMissing", symbol: "✗", fg: "#B10E1C", bg: "#FDE7E9" },
  pending: { word: "statusPending", symbol: "…", fg: "#424242", bg: "#F3F3F3" },
};
const STATES = Object.keys(STATE_STYLE) as CellState[];
const MEANING: Record<CellState, PaneMessageKey> = {
  submitted: "legendSubmitted",
  late: "legendLate",
  returned: "legendReturned",
  missing: "legendMissing",
  pending: "legendPending",
};

/** Below this width (a task pane is 320–450 px) the matrix becomes a card per branch. */
const NARROW = "(max-width: 600px)";

function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = globalThis.matchMedia?.(NARROW);
      query?.addEventListener("change", changed);
      return () => query?.removeEventListener("change", changed);
    },
    () => globalThis.matchMedia?.(NARROW).matches ?? false,
  );
}

export type Audience = "branches" | "office";

/**
 * The reminder for one audience: to the branch secretaries (their own missing or returned ledgers,
 * for the village group chat) or to the office (its own ledgers). Always in Chinese: it is read in
 * a Chinese group chat whatever the pane's language.
 */
export function reminderText(status: StatusResponse, township: string, audience: Audience): string {
  const zh = (key: PaneMessageKey, vars?: Record<string, string | number>) => paneText("zh-CN", key, vars);
  const titles = new Map(status.kinds.map((k) => [k.id, k.title]));
  const lines = status.rows
    .filter((row) => (row.scope === OFFICE_SCOPE) === (audience === "office"))
    .map((row) => {
      const items = row.cells
        .filter((c) => c.state === "missing" || c.state === "returned")
        .map(
          (c) =>
            `${titles.get(c.kind) ?? c.kind}（${c.period}${c.state === "returned" ? `，${zh("statusReturned")}` : ""}）`,
        );
      return items.length ? zh("reminderLine", { branch: row.label, items: items.join("、") }) : null;
    })
    .filter((l): l is string => l !== null);
  const [text, none]: PaneMessageKey[] =
    audience === "office" ? ["reminderOfficeText", "reminderOfficeNone"] : ["reminderText", "reminderNone"];
  if (lines.length === 0) return zh(none, { date: status.asOf });
  return zh(text, { date: status.asOf, lines: lines.join("\n"), township });
}

const chip = (state: CellState): CSSProperties => ({
  color: STATE_STYLE[state].fg,
  background: STATE_STYLE[state].bg,
  border: `1px solid ${STATE_STYLE[state].fg}`,
  borderRadius: 4,
  padding: "0 4px",
  whiteSpace: "nowrap",
  font: "inherit",
  fontSize: 12,
  lineHeight: "18px",
  display: "inline-block",
});

function cellLabel(t: Translate, c: Cell): string {
  const state = t(STATE_STYLE[c.state].word);
  const parts = [`${c.period} ${state}`];
  if (c.version !== null) parts.push(t("statusVersion", { version: c.version }));
  if (c.submittedAt) parts.push(t("statusSubmittedAt", { time: beijingTime(c.submittedAt) }));
  if (c.state === "pending" || c.state === "missing") parts.push(t("statusDue", { due: c.due }));
  if (c.returnComment) parts.push(t("statusComment", { comment: c.returnComment }));
  return parts.join("，");
}

/** One period's state: a button that opens the submission when there is one to open. */
function StateMark({
  cell,
  text,
  style,
  onOpen,
}: {
  cell: Cell;
  text: string;
  style: CSSProperties;
  onOpen?: (submissionId: string) => void;
}) {
  const { t } = useI18n();
  const label = cellLabel(t, cell);
  const id = cell.submissionId;
  if (id && onOpen)
    return (
      <button
        type="button"
        style={{ ...style, cursor: "pointer" }}
        title={label}
        aria-label={label}
        data-state={cell.state}
        onClick={() => onOpen(id)}
      >
        {text}
      </button>
    );
  return (
    <span style={style} title={label} aria-label={label} role="img" data-state={cell.state}>
      {text}
    </span>
  );
}

/** A kind's periods for one unit: one word for a yearly kind, a 12-cell strip for a monthly one. */
function KindCell({
  cells,
  grain,
  wrap = false,
  onOpen,
}: {
  cells: readonly Cell[];
  grain: string;
  /** Whether the month strip may break into two lines (a card in a narrow pane). */
  wrap?: boolean;
  onOpen?: (id: string) => void;
}) {
  const { t } = useI18n();
  if (cells.length === 0) return <span aria-hidden>—</span>;
  if (grain !== "month" && cells.length === 1) {
    const c = cells[0];
    return (
      <StateMark
        cell={c}
        text={`${STATE_STYLE[c.state].symbol} ${t(STATE_STYLE[c.state].word)}`}
        style={chip(c.state)}
        onOpen={onOpen}
      />
    );
  }
  return (
    <span
      role="list"
      style={{ display: "inline-flex", flexWrap: wrap ? "wrap" : "nowrap", gap: 1 }}
      data-strip
    >
      {cells.map((c) => (
        <span role="listitem" key={c.period}>
          <StateMark
            cell={c}
            // The month number in its state's colours: twelve of them fit one line of a task pane.
            text={String(Number(c.period.slice(5)) || c.period)}
            style={{ ...chip(c.state), padding: 0, width: 18, textAlign: "center", fontSize: 11 }}
            onOpen={onOpen}
          />
        </span>
      ))}
    </span>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <div
      role="list"
      aria-label={t("statusLegend")}
      style={{ display: "flex", flexWrap: "wrap", gap: "4px 12px" }}
    >
      {STATES.map((s) => (
        <span role="listitem" key={s} style={{ display: "inline-flex", gap: 4, alignItems: "baseline" }}>
          <span style={chip(s)}>
            {STATE_STYLE[s].symbol} {t(STATE_STYLE[s].word)}
          </span>
          <Text size={200}>{t(MEANING[s])}</Text>
        </span>
      ))}
    </div>
  );
}

function cellsOf(row: Row, kind: string): Cell[] {
  return row.cells.filter((c) => c.kind === kind);
}

function Matrix({ status, onOpen }: { status: StatusResponse; onOpen?: (id: string) => void }) {
  const { t, locale } = useI18n();
  return (
    <div style={{ overflowX: "auto" }}>
      {/* Columns as wide as their content (a month strip on one line), scrolled sideways if need be. */}
      <Table size="extra-small" aria-label={t("statusTitle")} style={{ tableLayout: "auto", width: "auto" }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ minWidth: 96 }}>{t("statusBranch")}</TableHeaderCell>
            {status.kinds.map((k) => (
              <TableHeaderCell key={k.id} style={{ minWidth: k.grain === "month" ? 240 : 88 }}>
                {kindTitle(k.id, locale, k.title)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {status.rows.map((row) => (
            <TableRow key={row.scope}>
              <TableCell style={{ whiteSpace: "nowrap" }}>{row.label}</TableCell>
              {status.kinds.map((k) => (
                <TableCell key={k.id}>
                  <KindCell cells={cellsOf(row, k.id)} grain={k.grain} onOpen={onOpen} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** At task-pane width: one card per unit, listing only the kinds that unit reports. */
function Cards({ status, onOpen }: { status: StatusResponse; onOpen?: (id: string) => void }) {
  const { t, locale } = useI18n();
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {status.rows.map((row) => {
        const kinds = status.kinds.filter((k) => cellsOf(row, k.id).length > 0);
        return (
          <article
            key={row.scope}
            aria-label={row.label}
            data-card={row.scope}
            style={{ border: "1px solid #D1D1D1", borderRadius: 6, padding: 8 }}
          >
            <Text as="h3" weight="semibold" size={300} block>
              {row.label}
            </Text>
            <Text size={200} block>
              {t("statusCounts", {
                done: row.counts.submitted + row.counts.late,
                missing: row.counts.missing,
                returned: row.counts.returned,
              })}
            </Text>
            <Table size="extra-small" aria-label={row.label}>
              <TableBody>
                {kinds.map((k) => (
                  <TableRow key={k.id}>
                    <TableCell style={{ minWidth: "5em" }}>{kindTitle(k.id, locale, k.title)}</TableCell>
                    <TableCell style={{ minWidth: "5em" }}>
                      <KindCell cells={cellsOf(row, k.id)} grain={k.grain} wrap onOpen={onOpen} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </article>
        );
      })}
    </div>
  );
}

function Reminder({ text, title }: { text: string; title: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <>
      <Field label={title}>
        <Textarea value={text} readOnly resize="vertical" rows={5} />
      </Field>
      <Button
        aria-label={`${t("copy")}：${title}`}
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? t("copied") : t("copy")}
      </Button>
    </>
  );
}

/** Nothing submitted in a year: the view then opens on the year just ended. */
const nothingIn = (status: StatusResponse) =>
  status.counts.submitted + status.counts.late + status.counts.returned === 0;

export interface StatusViewProps {
  api: Api;
  township: string;
  defaultYear: string;
  /** Opens a submission from its cell (the office's 退回 view). */
  onOpenSubmission?: (submissionId: string) => void;
}

export function StatusBoard({ api, township, defaultYear, onOpenSubmission }: StatusViewProps) {
  const { t } = useI18n();
  const narrow = useNarrow();
  const {
    year,
    setYear,
    data: status,
    error,
    loading,
    load,
  } = useYearly((y) => api.status(y), defaultYear, nothingIn);
  const hasOffice = status?.rows.some((r) => r.scope === OFFICE_SCOPE) ?? false;
  const hasBranches = status?.rows.some((r) => r.scope !== OFFICE_SCOPE) ?? false;

  return (
    <section aria-label={t("statusTitle")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("statusTitle")}
      </Text>
      <YearBar
        label={t("statusYear")}
        loadLabel={t("statusTitle")}
        {...{ year, setYear, load, loading, error }}
      />
      {status && (
        <>
          <Legend />
          {narrow ? (
            <Cards status={status} onOpen={onOpenSubmission} />
          ) : (
            <Matrix status={status} onOpen={onOpenSubmission} />
          )}
          {hasBranches && (
            <Reminder text={reminderText(status, township, "branches")} title={t("reminderTitle")} />
          )}
          {hasOffice && (
            <Reminder text={reminderText(status, township, "office")} title={t("reminderOfficeTitle")} />
          )}
        </>
      )}
    </section>
  );
}
