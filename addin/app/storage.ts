/**
 * What the pane keeps: the server URL, the token and the language in the browser's storage (never
 * in the workbook), and a submission that failed for lack of network in memory only, bound to the
 * server it was meant for. A sheet holds members' full ID numbers: nothing of it is written to
 * storage, where it would outlive the page and be sent wherever the server is set later.
 */
import type { SubmissionRequest } from "../../shared/api";
import type { Locale } from "../../shared/messages/pane";

export interface Settings {
  serverUrl: string;
  token: string;
  locale: Locale;
}

/** One attempt waiting for its retry: the same body and idempotency key, to the same server only. */
export interface PendingSubmission {
  serverUrl: string;
  body: SubmissionRequest;
}

const SETTINGS_KEY = "ledgerline.settings";
/** Where earlier versions kept a pending submission, full sheet included: removed on sight. */
const LEGACY_PENDING_KEY = "ledgerline.pendingSubmission";

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
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or refused: the settings still apply for this session.
  }
}

/** Pending attempts of this page, in memory: they survive switching views, not reloading the page. */
const pendingByStorage = new WeakMap<object, PendingSubmission>();
const NO_STORAGE = {};

export function loadPending(storage: Storage | null): PendingSubmission | null {
  return pendingByStorage.get(storage ?? NO_STORAGE) ?? null;
}

export function savePending(storage: Storage | null, pending: PendingSubmission | null): void {
  if (pending) pendingByStorage.set(storage ?? NO_STORAGE, pending);
  else pendingByStorage.delete(storage ?? NO_STORAGE);
}
