/**
 * The pane's server: the typed client for the configured URL and token, whether the browser is
 * online, the caller (`GET /api/me`) and the registry — remembered per server so an offline check
 * judges as the Worker will.
 */
import { useEffect, useEffectEvent, useMemo, useState } from "react";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { createApi, type ApiFailure, type Me } from "../api";
import { failureText } from "./failure";
import { useI18n } from "./i18n";
import { useOnline } from "./OfflineNotices";
import type { OutboxBinding } from "./outbox";
import { loadServerMemory, saveServerMemory, type Settings } from "./storage";

export function useServer({
  settings,
  storage,
  fetchImpl,
  onProblem,
}: {
  settings: Settings;
  storage: Storage | null;
  fetchImpl?: typeof fetch;
  /** Says a problem to the clerk (the pane's notice). */
  onProblem: (intent: "error" | "warning", text: string) => void;
}) {
  const { t } = useI18n();
  const api = useMemo(
    () =>
      settings.serverUrl && settings.token
        ? createApi({ serverUrl: settings.serverUrl, token: settings.token, fetch: fetchImpl })
        : null,
    [settings.serverUrl, settings.token, fetchImpl],
  );
  const online = useOnline();
  const [me, setMe] = useState<Me | null>(null);
  const [registry, setRegistry] = useState<Registry>(
    () => loadServerMemory(storage, settings.serverUrl).registry ?? DEFAULT_REGISTRY,
  );

  // Said in the language of the moment; the caller is asked again only when the server or token changes.
  const meFailed = useEffectEvent((failure: ApiFailure) => onProblem("error", failureText(t, failure)));
  useEffect(() => {
    let live = true;
    if (!api) {
      setMe(null);
      return;
    }
    // Offline, the user the server named last stands (the offline notice says why it is not asked).
    setMe(loadServerMemory(storage, settings.serverUrl).me);
    if (!online) return;
    void api.me().then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setMe(answer.value);
        saveServerMemory(storage, settings.serverUrl, { me: answer.value });
        return;
      }
      if (answer.failure.type !== "network") setMe(null);
      meFailed(answer.failure);
    });
    return () => {
      live = false;
    };
  }, [api, online, settings.serverUrl, storage]);

  /** Whom a submission made now is for: this server, this token and its user. */
  const binding = useMemo<OutboxBinding | null>(
    () =>
      api ? { serverUrl: settings.serverUrl, token: settings.token, userId: me?.user.id ?? null } : null,
    [api, settings.serverUrl, settings.token, me?.user.id],
  );

  /** The server's registry when one is configured (so the pane and the Worker agree), else the embedded one. */
  const currentRegistry = async (): Promise<Registry> => {
    if (!api) return DEFAULT_REGISTRY;
    const answer = online ? await api.registry() : null;
    if (answer?.ok) {
      setRegistry(answer.value.registry);
      saveServerMemory(storage, settings.serverUrl, { registry: answer.value.registry });
      return answer.value.registry;
    }
    // The server's registry as it last answered, so offline checks agree with the Worker's.
    const remembered = loadServerMemory(storage, settings.serverUrl).registry;
    if (remembered) {
      setRegistry(remembered);
      return remembered;
    }
    onProblem("warning", t("registryFallback"));
    return registry;
  };

  /**
   * The server's registry asked again without a word when it cannot be had: 插入模板 then offers
   * the township's own ledgers saved since the page opened, before any check has asked for it.
   */
  const refreshRegistry = async (): Promise<void> => {
    if (!api || !online) return;
    const answer = await api.registry();
    if (!answer.ok) return;
    setRegistry(answer.value.registry);
    saveServerMemory(storage, settings.serverUrl, { registry: answer.value.registry });
  };

  return { api, online, me, registry, setRegistry, binding, currentRegistry, refreshRegistry };
}
