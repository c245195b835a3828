/**
 * What the pane keeps in the browser's storage (never in the workbook): the server URL, the token
 * and the language, and what the server last said of the user and the registry, so that with the
 * network gone the pane still checks as the Worker will. Submissions waiting for the network are
 * the outbox's (outbox.ts): a sheet holds members' full ID numbers, and none of them is written here.
 */
import { MeSchema } from "../../shared/api";
import type { Locale } from "../../shared/messages/pane";
import { RegistrySchema, type Registry } from "../../shared/registry";
import { apiBase, type Me } from "../api";

export interface Settings {
  serverUrl: string;
  token: string;
  locale: Locale;
}

const SETTINGS_KEY = "ledgerline.settings";
/** Where earlier versions kept a pending submission, full sheet included: removed on sight. */
const LEGACY_PENDING_KEY = "ledgerline.pendingSubmission";
/** The server's last answers about the user and the registry, for the server and token set now. */
const SERVER_KEY = "ledgerline.server";

export const DEFAULT_SETTINGS: Settings = { serverUrl: "", token: "", locale: "zh-CN" };

/** The storage to use; null where the browser refuses it (private mode, sandboxed frames). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadSettings(storage: Storage | null): Settings {
  try {
    storage?.removeItem(LEGACY_PENDING_KEY);
    const raw = storage?.getItem(SETTINGS_KEY);
    if (!raw) return { ...DEFAULT_SETTINGS };
    const parsed = JSON.parse(raw) as Partial<Settings>;
    return {
      serverUrl: typeof parsed.serverUrl === "string" ? parsed.serverUrl : "",
      token: typeof parsed.token === "string" ? parsed.token : "",
      locale: parsed.locale === "en" ? "en" : "zh-CN",
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(storage: Storage | null, settings: Settings): void {
  try {
    const before = loadSettings(storage);
    // Another server or token: what the last one said no longer applies.
    if (apiBase(before.serverUrl) !== apiBase(settings.serverUrl) || before.token !== settings.token)
      storage?.removeItem(SERVER_KEY);
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or refused: the settings still apply for this session.
  }
}

export interface ServerMemory {
  me: Me | null;
  registry: Registry | null;
}

/** What the configured server last said (null parts when unknown or for another server). */
export function loadServerMemory(storage: Storage | null, serverUrl: string): ServerMemory {
  try {
    const parsed = JSON.parse(storage?.getItem(SERVER_KEY) ?? "null") as {
      serverUrl?: unknown;
      me?: unknown;
      registry?: unknown;
    } | null;
    if (!parsed || parsed.serverUrl !== apiBase(serverUrl)) return { me: null, registry: null };
    const me = MeSchema.safeParse(parsed.me);
    const registry = RegistrySchema.safeParse(parsed.registry);
    return { me: me.success ? me.data : null, registry: registry.success ? registry.data : null };
  } catch {
    return { me: null, registry: null };
  }
}

export function saveServerMemory(
  storage: Storage | null,
  serverUrl: string,
  part: Partial<ServerMemory>,
): void {
  try {
    const memory = { ...loadServerMemory(storage, serverUrl), ...part };
    storage?.setItem(SERVER_KEY, JSON.stringify({ serverUrl: apiBase(serverUrl), ...memory }));
  } catch {
    // As for the settings: the pane then asks the server again next time.
  }
}
