/**
 * What the pane says about the network and the outbox, above every view: that it is offline (and
 * what still works), that a new version is ready (the standalone page), and which submissions wait —
 * sent, each with its own key, only when the clerk confirms with the network back; the receipts
 * are shown here then.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { apiBase, type Api } from "../api";
import type { AppUpdate } from "../offline/register";
import { useI18n } from "./i18n";
import type { Outbox, OutboxBinding, OutboxItem, SendOutcome } from "./outbox";
import { SendResult } from "./SendResult";

/** Whether the browser says it is online, kept current by its online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (changed) => {
      window.addEventListener("online", changed);
      window.addEventListener("offline", changed);
      return () => {
        window.removeEventListener("online", changed);
        window.removeEventListener("offline", changed);
      };
    },
    () => navigator.onLine,
  );
}

const noUpdate = { subscribe: () => () => undefined, ready: () => false };

export function OfflineNotices({
  outbox,
  api,
  binding,
  online,
  update,
}: {
  outbox: Outbox;
  api: Api | null;
  binding: OutboxBinding | null;
  online: boolean;
  update?: AppUpdate | null;
}) {
  const { t } = useI18n();
  const items = useSyncExternalStore(outbox.subscribe, outbox.list);
  const updateReady = useSyncExternalStore((update ?? noUpdate).subscribe, (update ?? noUpdate).ready);
  const [outcomes, setOutcomes] = useState<SendOutcome[]>([]);
  const [dropped, setDropped] = useState<{ item: OutboxItem; server: boolean }[]>([]);

  // Attempts made for another server or user are never sent: dropped, and the clerk told so.
  useEffect(() => {
    if (!binding) return;
    let live = true;
    void outbox.reconcile(binding).then((gone) => {
      if (live && gone.length)
        setDropped(gone.map((item) => ({ item, server: item.serverUrl !== apiBase(binding.serverUrl) })));
    });
    return () => {
      live = false;
    };
  }, [outbox, binding]);

  const ready = items.filter((item) => item.state === "ready");
  const sending = items.some((item) => item.state === "sending");
  const list = ready.map((item) => `${item.sheetName}（${item.period}）`).join("、");

  const sendAll = async () => {
    if (!api || !binding) return;
    const answers: SendOutcome[] = [];
    for (const item of ready) answers.push(await outbox.send(item.id, api, binding));
    setOutcomes(answers);
  };

  return (
    <>
      {!online && (
        <MessageBar intent="warning" data-testid="offline">
          <MessageBarBody>{t("offline")}</MessageBarBody>
        </MessageBar>
      )}
      {updateReady && update && (
        <MessageBar intent="info">
          <MessageBarBody>{t("updateReady")}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => update.apply()}>{t("updateApply")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {dropped.map(({ item, server }) => (
        <MessageBar key={`dropped-${item.id}`} intent="warning">
          <MessageBarBody>
            {server
              ? t("submitServerChanged", { server: item.serverUrl })
              : t("submitUserChanged", { sheet: item.sheetName })}
          </MessageBarBody>
        </MessageBar>
      ))}
      {ready.length > 0 && !sending && (
        <MessageBar intent={online ? "info" : "warning"} data-testid="outbox">
          <MessageBarBody>
            {t(online ? "outboxReady" : "outboxWaiting", { count: ready.length, list })}
          </MessageBarBody>
          <MessageBarActions>
            {online && api && binding && (
              <Button appearance="primary" onClick={() => void sendAll()}>
                {t("outboxSend")}
              </Button>
            )}
            <Button onClick={() => void Promise.all(ready.map((item) => outbox.drop(item.id)))}>
              {t("outboxDrop")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {items
        .filter((item) => item.state === "needs-file")
        .map((item) => (
          <MessageBar key={`file-${item.id}`} intent="warning">
            <MessageBarBody>
              {t("outboxNeedsFile", { sheet: item.sheetName, period: item.period })}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void outbox.drop(item.id)}>{t("outboxDrop")}</Button>
            </MessageBarActions>
          </MessageBar>
        ))}
      {outcomes.map((outcome, i) => (
        <SendResult key={i} outcome={outcome} keptKey="outboxKept" />
      ))}
    </>
  );
}
