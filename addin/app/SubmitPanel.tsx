/**
 * 提交: choose a checked sheet, confirm its period (and, for office/admin, the branch), send it.
 * Each click is one attempt with its own idempotency key, kept in the outbox (outbox.ts) until the
 * server answers: sent at once when the browser is online, else when the network is back and the
 * clerk confirms (OfflineNotices, which also resends an attempt a network failure kept, with the
 * same key, to the same server and user only). The answer is shown for what it is: a new version, the same as
 * the current one, or a version that is no longer current.
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
}) {
  const { t } = useI18n();
  const candidates = results.filter((r) => r.kind);
  const [sheet, setSheet] = useState(candidates[0]?.sheet ?? "");
  const chosen = candidates.find((r) => r.sheet === sheet) ?? candidates[0];
  const [period, setPeriod] = useState(chosen?.period ?? "");
  const [branch, setBranch] = useState("");
  const queued = useSyncExternalStore(outbox.subscribe, outbox.list);
  /** This panel's last attempt, while the outbox still holds it. */
  const [attempt, setAttempt] = useState<string | null>(null);
  const mine = queued.find((item) => item.id === attempt) ?? null;
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setPeriod(chosen?.period ?? "");
  }, [chosen?.sheet, chosen?.period]);

  if (!api || !binding)
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t("submitNeedsServer")}</MessageBarBody>
      </MessageBar>
    );

  const submit = async () => {
    setProblem(null);
    setOutcome(null);
    if (!chosen || !workbook) return setProblem(t("submitNeedsValidate"));
    if (chosen.errors > 0)
      return setProblem(t("submitBlocked", { sheet: chosen.sheet, errors: chosen.errors }));
    if (!LEDGER_PERIOD_PATTERN.test(period.trim()))
      return setProblem(t("submitNeedsPeriod", { sheet: chosen.sheet }));
    const input = workbook.sheets.find((s) => s.name === chosen.sheet);
    if (!input) return;
    // Offline, the attempt waits for the network and the clerk's confirmation (OfflineNotices).
    const { item, sent } = await outbox.queue(
      binding,
      {
        kind: chosen.kind ?? "",
        period: period.trim(),
        ...(branch ? { branch } : {}),
        sheetName: chosen.sheet,
        sheet: sheetBody(input, workbook.date1904),
        idempotencyKey: newIdempotencyKey(),
      },
      online ? api : undefined,
    );
    setAttempt(item.id);
    if (sent) setOutcome(await sent);
  };

  const sending = mine?.state === "sending";
  const waiting = mine?.state === "ready" && !outcome;
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
      <div style={{ display: "flex", gap: 8 }}>
        <Button
          appearance="primary"
          disabled={sending || candidates.length === 0}
          onClick={() => void submit()}
        >
          {t("submit")}
        </Button>
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
      {outcome && <SendResult outcome={outcome} keptKey="outboxKept" />}
    </section>
  );
}
