/**
 * 提交: every checked sheet without errors in one action (each with its period as read), or one
 * chosen sheet with its period confirmed (and, for office/admin, the branch), like the CLI's submit.
 * Each click is one attempt with its own idempotency key, kept in the outbox (outbox.ts) until the
 * server answers: sent at once when the browser is online, else when the network is back and the
 * clerk confirms (OfflineNotices, which also resends an attempt a network failure kept, with the
 * same key, to the same server and user only). The answer is shown for what it is: a new version, the same as
 * the current one, or a version that is no longer current; several answers come with a summary.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Text,
} from "@fluentui/react-components";
import type { SheetResult } from "../../shared/report";
import type { WorkbookInput } from "../../shared/workbook";
import type { Registry } from "../../shared/registry";
import { LEDGER_PERIOD_PATTERN } from "../../shared/period";
import { kindById } from "../../shared/kinds";
import type { Api, Me } from "../api";
import { useI18n } from "./i18n";
import type { SubmitTarget } from "./MySubmissions";
import { sheetBody, type Outbox, type OutboxBinding, type SendOutcome } from "./outbox";
import { SendResult } from "./SendResult";

export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function SubmitPanel({
  api,
  binding,
  online,
  outbox,
  me,
  registry,
  results,
  workbook,
  target = null,
  onSubmitted,
}: {
  api: Api | null;
  /** The server, token and user an attempt made here is bound to (null without a server). */
  binding: OutboxBinding | null;
  online: boolean;
  outbox: Outbox;
  me: Me | null;
  registry: Registry;
  results: readonly SheetResult[];
  workbook: WorkbookInput | null;
  /** The ledger 我的报送 led back to: its sheet is chosen and its period filled. */
  target?: SubmitTarget | null;
  /** After an attempt the server took. */
  onSubmitted?: () => void;
}) {
  const { t } = useI18n();
  const candidates = results.filter((r) => r.kind);
  const clean = candidates.filter((r) => r.errors === 0);
  const [sheet, setSheet] = useState(
    () => candidates.find((r) => r.kind === target?.kind)?.sheet ?? candidates[0]?.sheet ?? "",
  );
  // The sheet chosen, else (Excel: checked after 我的报送 led here) the ledger it asked for.
  const chosen =
    candidates.find((r) => r.sheet === sheet) ??
    candidates.find((r) => r.kind === target?.kind) ??
    candidates[0];
  const targetPeriod = target && chosen?.kind === target.kind ? target.period : null;
  const [period, setPeriod] = useState(targetPeriod ?? chosen?.period ?? "");
  const [branch, setBranch] = useState("");
  const queued = useSyncExternalStore(outbox.subscribe, outbox.list);
  /** This panel's last attempt, while the outbox still holds it. */
  const [attempt, setAttempt] = useState<string | null>(null);
  const mine = queued.find((item) => item.id === attempt) ?? null;
  const [outcomes, setOutcomes] = useState<SendOutcome[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  /** Sheets the last 提交 of every clean sheet left out, and why. */
  const [skipped, setSkipped] = useState<string[]>([]);
  const [sendingAll, setSendingAll] = useState(false);

  useEffect(() => {
    setPeriod(targetPeriod ?? chosen?.period ?? "");
  }, [chosen?.sheet, chosen?.period, targetPeriod]);

  if (!api || !binding)
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t("submitNeedsServer")}</MessageBarBody>
      </MessageBar>
    );

  /** One attempt per sheet, each with its own key; offline, it waits for the network (OfflineNotices). */
  const queue = async (result: SheetResult, sheetPeriod: string): Promise<SendOutcome | null> => {
    const input = workbook?.sheets.find((s) => s.name === result.sheet);
    if (!input || !workbook) return null;
    const { item, sent } = await outbox.queue(
      binding,
      {
        kind: result.kind ?? "",
        period: sheetPeriod,
        ...(branch ? { branch } : {}),
        sheetName: result.sheet,
        sheet: sheetBody(input, workbook.date1904),
        idempotencyKey: newIdempotencyKey(),
      },
      online ? api : undefined,
    );
    setAttempt(item.id);
    const outcome = sent ? await sent : null;
    if (outcome?.ok) onSubmitted?.();
    return outcome;
  };

  const submit = async () => {
    setProblem(null);
    setOutcomes([]);
    setSkipped([]);
    if (!chosen || !workbook) return setProblem(t("submitNeedsValidate"));
    if (chosen.errors > 0)
      return setProblem(t("submitBlocked", { sheet: chosen.sheet, errors: chosen.errors }));
    if (!LEDGER_PERIOD_PATTERN.test(period.trim()))
      return setProblem(t("submitNeedsPeriod", { sheet: chosen.sheet }));
    const outcome = await queue(chosen, period.trim());
    if (outcome) setOutcomes([outcome]);
  };

  /** Every sheet without errors, one after another, each with the period read from it (the CLI's submit). */
  const submitAll = async () => {
    setProblem(null);
    setOutcomes([]);
    if (!workbook) return setProblem(t("submitNeedsValidate"));
    const left = [
      ...candidates
        .filter((r) => r.errors > 0)
        .map((r) => t("submitSkippedErrors", { sheet: r.sheet, errors: r.errors })),
      ...clean.filter((r) => !r.period).map((r) => t("submitNeedsPeriod", { sheet: r.sheet })),
    ];
    setSkipped(left);
    setSendingAll(true);
    const done: SendOutcome[] = [];
    for (const r of clean) {
      if (!r.period) continue;
      const outcome = await queue(r, r.period);
      if (outcome) done.push(outcome);
      setOutcomes([...done]);
    }
    setSendingAll(false);
  };

  const sending = mine?.state === "sending";
  const waiting = mine?.state === "ready" && outcomes.length === 0;
  const canChooseBranch = me?.role === "admin" || me?.role === "office";
  return (
    <section aria-label={t("submitTitle")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("submitTitle")}
      </Text>
      {candidates.length === 0 ? (
        <Text>{t("submitNeedsValidate")}</Text>
      ) : (
        <>
          <Field label={t("submitSheet")}>
            <Select value={chosen?.sheet} onChange={(_, d) => setSheet(d.value)}>
              {candidates.map((r) => (
                <option key={r.sheet} value={r.sheet}>
                  {r.sheet}（{kindById(r.kind ?? "")?.title ?? r.kind}）
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("submitPeriod")} hint={t("submitPeriodHint")}>
            <Input value={period} onChange={(_, d) => setPeriod(d.value)} />
          </Field>
          {canChooseBranch && (
            <Field label={t("submitBranch")}>
              <Select value={branch} onChange={(_, d) => setBranch(d.value)}>
                <option value="">{t("submitBranchNone")}</option>
                {registry.branches.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </>
      )}
      {target && <Text>{t("submitFor", { kind: target.title, period: target.period })}</Text>}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button
          appearance="primary"
          disabled={sending || sendingAll || candidates.length === 0}
          onClick={() => void submit()}
        >
          {t("submit")}
        </Button>
        {clean.length > 1 && (
          <Button disabled={sending || sendingAll} onClick={() => void submitAll()}>
            {t("submitAllButton", { count: clean.length })}
          </Button>
        )}
      </div>
      {sending && mine && (
        <Field validationMessage={t("submitting", { sheet: mine.sheetName })} validationState="none">
          <ProgressBar />
        </Field>
      )}
      {waiting && !online && mine && (
        <MessageBar intent="info">
          <MessageBarBody>{t("submitQueued", { sheet: mine.sheetName, period: mine.period })}</MessageBarBody>
        </MessageBar>
      )}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {skipped.map((line) => (
        <MessageBar key={line} intent="warning">
          <MessageBarBody>{line}</MessageBarBody>
        </MessageBar>
      ))}
      {outcomes.length > 1 && !sendingAll && (
        <Text role="status" weight="semibold">
          {t("submitAllSummary", {
            ok: outcomes.filter((o) => o.ok).length,
            failed: outcomes.filter((o) => !o.ok).length + skipped.length,
          })}
        </Text>
      )}
      {outcomes.map((o, i) => (
        <SendResult key={o.item?.id ?? i} outcome={o} keptKey="outboxKept" />
      ))}
    </section>
  );
}
