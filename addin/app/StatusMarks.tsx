/**
 * How one submission state looks in 报送情况: its word, symbol and colours, a period's mark (a button
 * that opens the submission), a kind's periods as one word or a 12-month strip, and the legend.
 */
import type { CSSProperties } from "react";
import { Text } from "@fluentui/react-components";
import type { StatusResponse } from "../api";
import type { CellState } from "../../shared/api";
import { beijingTime } from "../../shared/read/dates";
import type { PaneMessageKey } from "../../shared/messages/pane";
import type { Translate } from "./i18n";
import { useI18n } from "./i18n";

export type Cell = StatusResponse["rows"][number]["cells"][number];

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
export function KindCell({
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

export function Legend() {
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
