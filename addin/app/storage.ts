/**
 * What the pane keeps in the browser's storage: the server URL, the token and the language
 * (never in the workbook), and a pending submission so a failed network call loses nothing.
 */
import type { SubmissionRequest } from "../../shared/api";
import type { Locale } from "../../shared/messages/pane";

export interface Settings {
  serverUrl: string;
  token: string;
  locale: Locale;
}

export interface PendingSubmission {
  serverUrl: string;
  body: SubmissionRequest;
}

const SETTINGS_KEY = "ledgerline.settings";
const PENDING_KEY = "ledgerline.pendingSubmission";

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

export function loadPending(storage: Storage | null): PendingSubmission | null {
  try {
    const raw = storage?.getItem(PENDING_KEY);
    return raw ? (JSON.parse(raw) as PendingSubmission) : null;
  } catch {
    return null;
  }
}

export function savePending(storage: Storage | null, pending: PendingSubmission | null): void {
  try {
    if (pending) storage?.setItem(PENDING_KEY, JSON.stringify(pending));
    else storage?.removeItem(PENDING_KEY);
  } catch {
    // A very large sheet may not fit in storage; the pending submission stays in memory.
  }
}
