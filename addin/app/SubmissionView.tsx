/**
 * One submission as the office sees it (opened from 报送情况 or 汇总全镇): what it is, its rows and
 * warnings, and 退回 with a comment the branch reads in 我的报送. Only the current version can be
 * returned; the Worker's 409 is said in plain words.
 */
import { useEffect, useEffectEvent, useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { OFFICE_LABEL, OFFICE_SCOPE } from "../../shared/api";
import { kindById } from "../../shared/kinds";
import type { ColumnDef } from "../../shared/kinds/types";
import type { Value } from "../../shared/kinds/types";
import { fromFen } from "../../shared/read/numbers";
import { beijingTime } from "../../shared/read/dates";
import { findingText } from "../../shared/messages/engine";
import type { Api, SubmissionDetail } from "../api";
import { failureText } from "./failure";
import { useI18n } from "./i18n";
import { StateBadge } from "./StateBadge";
import { ConfirmDialog } from "./ConfirmDialog";

/** Rows shown before the table is cut: enough to judge a ledger, few enough for a task pane. */
const SHOWN_ROWS = 50;

export const scopeLabel = (scope: string) => (scope === OFFICE_SCOPE ? OFFICE_LABEL : scope);

/** A stored value as the clerk wrote it: money back in its unit, lists joined. */
function valueText(def: ColumnDef | undefined, value: Value | undefined): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("、");
  if (def?.type.t === "money" && typeof value === "number") return fromFen(value, def.type.unit).toFixed(2);
  return String(value);
}

export function SubmissionView({ api, id, onBack }: { api: Api; id: string; onBack: () => void }) {
  const { t, locale } = useI18n();
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useEffectEvent(async () => {
    const answer = await api.submission(id);
    if (answer.ok) setDetail(answer.value);
    else setError(failureText(t, answer.failure));
  });
  useEffect(() => void load(), [id]);

  const kind = detail ? kindById(detail.kind) : undefined;
  const vars: Record<string, string | number> = detail
    ? {
        kind: kind?.title ?? detail.kind,
        branch: scopeLabel(detail.scope),
        period: detail.period,
        version: detail.version,
      }
    : {};

  const doReturn = async () => {
    if (!detail) return;
    setConfirming(false);
    setBusy(true);
    setError(null);
    const answer = await api.returnSubmission(detail.id, comment.trim());
    setBusy(false);
    if (answer.ok) {
      setDetail({ ...detail, ...answer.value });
      setDone(t("returnDone", vars));
      return;
    }
    const f = answer.failure;
    setError(f.type === "http" && f.code === "not-current" ? t("returnNotCurrent") : failureText(t, f));
  };

  const askReturn = () => {
    if (!comment.trim()) return setCommentError(t("returnCommentRequired"));
    setCommentError(null);
    setConfirming(true);
  };

  const columns = kind?.columns.filter((c) => detail?.records.some((r) => c.name in r.values)) ?? [];
  const rows = detail?.records.slice(0, SHOWN_ROWS) ?? [];
  return (
    <section
      aria-label={detail ? t("submissionTitle", vars) : t("loading")}
      style={{ display: "flex", flexDirection: "column", gap: 8 }}
    >
      <div>
        <Button onClick={onBack}>{t("backToList")}</Button>
      </div>
      {!detail && !error && <Spinner size="tiny" label={t("loading")} />}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {detail && (
        <>
          <Text as="h2" weight="semibold" size={500}>
            {t("submissionTitle", vars)}
          </Text>
          <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "2px 12px", margin: 0 }}>
            <dt>{t("fieldVersion")}</dt>
            <dd style={{ margin: 0 }}>
              {t(detail.current ? "versionLabel" : "versionNotCurrent", { version: detail.version })}
            </dd>
            <dt>{t("fieldReceiptNo")}</dt>
            <dd style={{ margin: 0 }}>{detail.receiptNo}</dd>
            <dt>{t("fieldSubmittedAt")}</dt>
            <dd style={{ margin: 0 }}>{beijingTime(detail.createdAt)}</dd>
            <dt>{t("fieldSubmittedBy")}</dt>
            <dd style={{ margin: 0 }}>
              {detail.onBehalf ? t("onBehalfBy", { name: detail.submittedBy }) : detail.submittedBy}
            </dd>
            <dt>{t("fieldRows")}</dt>
            <dd style={{ margin: 0 }}>{detail.rows}</dd>
            <dt>{t("fieldState")}</dt>
            <dd style={{ margin: 0 }}>
              <StateBadge state={detail.status} />
            </dd>
          </dl>
          {detail.status === "returned" && detail.returnComment && (
            <MessageBar intent="warning">
              <MessageBarBody>
                {t("returnedComment", { comment: detail.returnComment })}
                {detail.returnedAt ? `（${t("returnedAt", { date: beijingTime(detail.returnedAt) })}）` : ""}
              </MessageBarBody>
            </MessageBar>
          )}
          {done && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{done}</MessageBarBody>
            </MessageBar>
          )}
          {detail.current && detail.status !== "returned" && (
            <>
              <Field
                label={t("returnCommentLabel")}
                hint={t("returnCommentHint")}
                required
                validationMessage={commentError}
              >
                <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={1000} />
              </Field>
              <div>
                <Button appearance="primary" disabled={busy} onClick={askReturn}>
                  {t("returnAction")}
                </Button>
              </div>
            </>
          )}
          <Text as="h3" weight="semibold">
            {t("submissionFindings", { count: detail.warnings })}
          </Text>
          {detail.findings.length === 0 ? (
            <Text>{t("submissionNoFindings")}</Text>
          ) : (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {detail.findings.map((f, i) => (
                <li key={i}>
                  {f.cell ? `${f.cell}：` : ""}
                  {findingText(f, locale).message}
                </li>
              ))}
            </ul>
          )}
          <Text as="h3" weight="semibold">
            {t("submissionRows", { count: detail.rows })}
          </Text>
          <div style={{ overflowX: "auto" }}>
            <Table
              size="extra-small"
              aria-label={t("submissionRows", { count: detail.rows })}
              // Columns as wide as their text, scrolled sideways in a narrow pane: never a character per line.
              style={{ tableLayout: "auto", width: "max-content", minWidth: "100%", whiteSpace: "nowrap" }}
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>#</TableHeaderCell>
                  {columns.map((c) => (
                    <TableHeaderCell key={c.name}>{c.name}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.row}>
                    <TableCell>{r.row}</TableCell>
                    {columns.map((c) => (
                      <TableCell key={c.name}>{valueText(c, r.values[c.name])}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {detail.records.length > SHOWN_ROWS && (
            <Text>{t("submissionRowsCut", { shown: SHOWN_ROWS, count: detail.records.length })}</Text>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t("returnConfirmTitle")}
        text={t("returnConfirmText", vars)}
        action={t("returnAction")}
        onConfirm={() => void doReturn()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
