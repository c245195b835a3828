/**
 * What became of one sent attempt, in one line: a receipt (new only when it names the current
 * version, interfaces spec), a refusal, or a failure that keeps the attempt for later.
 */
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { PaneMessageKey } from "../../shared/messages/pane";
import type { Receipt } from "../api";
import { useI18n } from "./i18n";
import { failureText } from "./failure";
import type { SendOutcome } from "./outbox";

export function SendResult({
  outcome,
  keptKey,
}: {
  outcome: SendOutcome;
  /** The line for a failure that keeps the attempt queued. */
  keptKey: PaneMessageKey;
}) {
  const { t } = useI18n();
  if (outcome.ok) return <ReceiptBar sheet={outcome.item.sheetName} receipt={outcome.receipt} />;
  if ("notSent" in outcome) return null;
  const sheet = outcome.item.sheetName;
  const text = outcome.kept
    ? t(keptKey, { sheet, reason: failureText(t, outcome.failure) })
    : outcome.failure.type === "refused"
      ? t("submitRefused", { sheet, reason: outcome.failure.message })
      : failureText(t, outcome.failure);
  return (
    <MessageBar intent="error">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

/** A receipt in one line: new only when it names the current version (interfaces spec). */
export function ReceiptBar({ sheet, receipt: r }: { sheet: string; receipt: Receipt }) {
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
              t("submitted", {
                sheet,
                no: r.receiptNo,
                version: r.version,
                rows: r.rows,
                warnings: r.warnings,
              }),
            ] as const);
  return (
    <MessageBar intent={intent} role="status">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
