/**
 * 提交: choose a checked sheet, confirm its period (and, for office/admin, the branch), send it.
 * Each click is one attempt with its own idempotency key; a failed network call keeps the attempt
 * in memory (never in storage: the sheet may hold ID numbers) for a retry with the same key, to
 * the same server only. The answer is shown for what it is: a new version, the same as the
 * current one, or a version that is no longer current.
 */
import { useEffect, useEffectEvent, useState } from "react";
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
import { apiBase, type Api, type Me, type Receipt } from "../api";
import { useI18n } from "./i18n";
import { failureText, isRetryable } from "./failure";
import { loadPending, savePending, type PendingSubmission } from "./storage";

export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function SubmitPanel({
  api,
  serverUrl,
  me,
  registry,
  results,
  workbook,
  storage,
}: {
  api: Api | null;
  serverUrl: string;
  me: Me | null;
  registry: Registry;
  results: readonly SheetResult[];
  workbook: WorkbookInput | null;
  storage: Storage | null;
}) {
  const { t } = useI18n();
  const candidates = results.filter((r) => r.kind);
  const [sheet, setSheet] = useState(candidates[0]?.sheet ?? "");
  const chosen = candidates.find((r) => r.sheet === sheet) ?? candidates[0];
  const [period, setPeriod] = useState(chosen?.period ?? "");
  const [branch, setBranch] = useState("");
  const [pending, setPending] = useState<PendingSubmission | null>(() => loadPending(storage));
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ receipt: Receipt; sheet: string } | null>(null);
  const [problem, setProblem] = useState<{ text: string; retry: boolean } | null>(null);

  useEffect(() => {
    setPeriod(chosen?.period ?? "");
  }, [chosen?.sheet, chosen?.period]);

  // An attempt meant for another server is never sent to this one.
  const dropIfForeign = useEffectEvent((server: string) => {
    if (pending && apiBase(pending.serverUrl) !== apiBase(server)) {
      setProblem({ text: t("submitServerChanged", { server: pending.serverUrl }), retry: false });
      setPending(null);
      savePending(storage, null);
    }
  });
  useEffect(() => dropIfForeign(serverUrl), [serverUrl]);

  if (!api)
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t("submitNeedsServer")}</MessageBarBody>
      </MessageBar>
    );

  const send = async (toSend: PendingSubmission) => {
    setBusy(true);
    setProblem(null);
    setReceipt(null);
    setPending(toSend);
    savePending(storage, toSend);
    const answer = await api.submit(toSend.body);
    setBusy(false);
    if (answer.ok) {
      setReceipt({ receipt: answer.value, sheet: toSend.body.sheetName });
      setPending(null);
      savePending(storage, null);
      return;
    }
    const failure = answer.failure;
    if (isRetryable(failure)) {
      setProblem({ text: t("submitFailed", { reason: failureText(t, failure) }), retry: true });
      return;
    }
    setPending(null);
    savePending(storage, null);
    const text =
      failure.type === "refused"
        ? t("submitRefused", { sheet: toSend.body.sheetName, reason: failure.message })
        : failureText(t, failure);
    setProblem({ text, retry: false });
  };

  const submit = () => {
    if (!chosen || !workbook) {
      setProblem({ text: t("submitNeedsValidate"), retry: false });
      return;
    }
    if (chosen.errors > 0) {
      setProblem({ text: t("submitBlocked", { sheet: chosen.sheet, errors: chosen.errors }), retry: false });
      return;
    }
    if (!LEDGER_PERIOD_PATTERN.test(period.trim())) {
      setProblem({ text: t("submitNeedsPeriod", { sheet: chosen.sheet }), retry: false });
      return;
    }
    const input = workbook.sheets.find((s) => s.name === chosen.sheet);
    if (!input) return;
    void send({
      serverUrl,
      body: {
        kind: chosen.kind ?? "",
        period: period.trim(),
        ...(branch ? { branch } : {}),
        sheetName: chosen.sheet,
        sheet: {
          values: input.values,
          merges: input.merges,
          ...(input.formulas ? { formulas: input.formulas } : {}),
          date1904: workbook.date1904,
        },
        idempotencyKey: newIdempotencyKey(),
      },
    });
  };

  const canChooseBranch = me?.role === "admin" || me?.role === "office";
  return (
    <section aria-label={t("submitTitle")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("submitTitle")}
      </Text>
      {pending && !busy && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t("submitPending", { sheet: pending.body.sheetName, period: pending.body.period })}
          </MessageBarBody>
        </MessageBar>
      )}
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
        <Button appearance="primary" disabled={busy || candidates.length === 0} onClick={submit}>
          {t("submit")}
        </Button>
        {pending && !busy && (
          <Button disabled={busy} onClick={() => void send(pending)}>
            {t("retry")}
          </Button>
        )}
      </div>
      {busy && pending && (
        <Field validationMessage={t("submitting", { sheet: pending.body.sheetName })} validationState="none">
          <ProgressBar />
        </Field>
      )}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem.text}</MessageBarBody>
        </MessageBar>
      )}
      {receipt && <ReceiptBar sheet={receipt.sheet} receipt={receipt.receipt} />}
    </section>
  );
}

/** A receipt in one line: new only when it names the current version (interfaces spec). */
function ReceiptBar({ sheet, receipt: r }: { sheet: string; receipt: Receipt }) {
  const { t } = useI18n();
  const [intent, text] =
    r.current && r.status === "returned"
      ? ([
          "warning",
          t("submitSameAsReturned", { sheet, version: r.version, comment: r.returnComment ?? "" }),
        ] as const)
      : !r.current
        ? ([
            "warning",
            t("submitSuperseded", { sheet, version: r.version, current: r.currentVersion ?? "" }),
          ] as const)
        : r.outcome === "unchanged"
          ? (["success", t("submitUnchanged", { sheet, version: r.version })] as const)
          : ([
              "success",
              t("submitted", { sheet, version: r.version, rows: r.rows, warnings: r.warnings, id: r.id }),
            ] as const);
  return (
    <MessageBar intent={intent} role="status">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
