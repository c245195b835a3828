/**
 * 报送情况: the branch × kind × period matrix at a glance (a table when wide, a card per branch in
 * a task pane), a legend, and a reminder text per audience (the branches, the office itself).
 */
import { useState, useSyncExternalStore } from "react";
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
import { OFFICE_SCOPE } from "../../shared/registry";
import { kindTitle } from "../../shared/kinds";
import { useI18n } from "./i18n";
import { reminderText } from "./status-reminder";
import { KindCell, Legend, type Cell } from "./StatusMarks";
import { useYearly } from "./useYearly";
import { YearBar } from "./YearBar";

export { STATE_STYLE } from "./StatusMarks";
export { reminderText, type Audience } from "./status-reminder";

type Row = StatusResponse["rows"][number];

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
