/**
 * Submissions waiting to be sent — 提交 pressed with the network gone, or a send that failed for
 * lack of it: queue an attempt, list them, send one when the clerk confirms, drop one. An attempt
 * keeps the idempotency key it was made with, so however often it is sent (a retry, a second tab,
 * a reload) the Worker makes at most one version of it (interfaces spec: one key per attempt).
 *
 * Privacy (docs/privacy.md): the full sheet stays in this page's memory only. IndexedDB keeps a
 * copy in which every cell holding an ID number is emptied, so a queued attempt outlives the page;
 * such a copy can be sent again once the clerk opens the same workbook, which gives back its ID
 * cells — only when every other cell agrees. An attempt is bound to the server and the token's
 * user it was made for, and is never sent anywhere else.
 */
import { createStore, del, entries, set, type UseStore } from "idb-keyval";
import { SubmissionRequestSchema, type SubmissionRequest } from "../../shared/api";
import type { WorkbookInput } from "../../shared/workbook";
import { apiBase, type ApiFailure, type ApiResult, type Receipt } from "../api";
import { isRetryable } from "./failure";
import { sameAttempt, sheetBody, withoutIdCells } from "./attempt";

export { sheetBody, withoutIdCells } from "./attempt";

/** Whom an attempt is for: the server, the token, and the token's user when the pane knows it. */
export interface OutboxBinding {
  serverUrl: string;
  token: string;
  userId: string | null;
}

export interface OutboxItem {
  /** The attempt's idempotency key. */
  id: string;
  serverUrl: string;
  kind: string;
  period: string;
  sheetName: string;
  queuedAt: string;
  /** `needs-file`: kept without its ID cells, which only the clerk's workbook can give back. */
  state: "ready" | "needs-file" | "sending";
}

export type SendOutcome =
  | { ok: true; item: OutboxItem; receipt: Receipt }
  /** `kept`: the attempt stays queued (network or server trouble); else the server refused it. */
  | { ok: false; item: OutboxItem; failure: ApiFailure; kept: boolean }
  | { ok: false; item: OutboxItem | null; notSent: "needs-file" | "not-yours" | "gone" };

export interface Outbox {
  /** Every queued attempt, oldest first; the same array until something changes. */
  list(): readonly OutboxItem[];
  subscribe(listener: () => void): () => void;
  /**
   * Keeps an attempt (a waiting attempt at the same sheet and period is replaced by it) and, given
   * a submitter (the clerk pressed 提交 online), sends it at once.
   */
  queue(
    binding: OutboxBinding,
    body: SubmissionRequest,
    sendWith?: Submitter,
  ): Promise<{ item: OutboxItem; sent: Promise<SendOutcome> | null }>;
  /** Sends one attempt with its own key; a second call while it is on its way gets the same answer. */
  send(id: string, api: Submitter, binding: OutboxBinding): Promise<SendOutcome>;
  drop(id: string): Promise<void>;
  /** Drops the attempts made for another server or another user; returns them. */
  reconcile(binding: OutboxBinding): Promise<OutboxItem[]>;
  /** Gives back the ID cells of kept attempts from a workbook just read; returns how many can be sent. */
  restore(workbook: WorkbookInput): number;
  /** Settles once the attempts kept by an earlier page are loaded. */
  readonly loaded: Promise<void>;
}

export interface Submitter {
  submit(body: SubmissionRequest): Promise<ApiResult<Receipt>>;
}

/** What IndexedDB holds of an attempt: no ID cell, no token (its SHA-256 only). */
interface Kept {
  id: string;
  serverUrl: string;
  userId: string | null;
  tokenDigest: string;
  queuedAt: string;
  /** The body with its ID cells emptied, and how many were: 0 means it is the whole attempt. */
  body: SubmissionRequest;
  idCells: number;
}

interface Entry {
  kept: Kept;
  /** The full body, or null while its ID cells wait for the workbook. */
  body: SubmissionRequest | null;
  /** The token itself, in memory only (attempts made by this page). */
  token: string | null;
}

/** SHA-256 of the token, hex; null where the browser has no WebCrypto (an insecure context). */
async function digestOf(token: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const hash = await subtle.digest("SHA-256", new TextEncoder().encode(token.trim()));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** IndexedDB where the browser allows it; null (memory only) where it does not. */
function browserStore(): UseStore | null {
  try {
    return typeof indexedDB === "undefined" ? null : createStore("ledgerline-outbox", "attempts");
  } catch {
    return null;
  }
}

export function createOutbox(options: { store?: UseStore | null } = {}): Outbox {
  const store = options.store === undefined ? browserStore() : options.store;
  const memory = new Map<string, Entry>();
  const sending = new Map<string, Promise<SendOutcome>>();
  const listeners = new Set<() => void>();
  let snapshot: OutboxItem[] = [];

  const itemOf = (entry: Entry): OutboxItem => ({
    id: entry.kept.id,
    serverUrl: entry.kept.serverUrl,
    kind: entry.kept.body.kind,
    period: entry.kept.body.period,
    sheetName: entry.kept.body.sheetName,
    queuedAt: entry.kept.queuedAt,
    state: sending.has(entry.kept.id) ? "sending" : entry.body ? "ready" : "needs-file",
  });
  const changed = () => {
    snapshot = [...memory.values()].map(itemOf).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    for (const listener of listeners) listener();
  };
  // Storage can fail (quota, a private window): the attempt then lives in memory, as before.
  const persist = (kept: Kept) => (store ? set(kept.id, kept, store).catch(() => undefined) : undefined);
  const forget = async (id: string) => {
    memory.delete(id);
    changed();
    if (store) await del(id, store).catch(() => undefined);
  };

  const belongsTo = async (entry: Entry, binding: OutboxBinding): Promise<boolean> => {
    if (entry.kept.serverUrl !== apiBase(binding.serverUrl)) return false;
    if (entry.kept.userId && binding.userId) return entry.kept.userId === binding.userId;
    if (entry.token !== null) return entry.token.trim() === binding.token.trim();
    return entry.kept.tokenDigest === (await digestOf(binding.token));
  };

  const loaded = (async () => {
    if (!store) return;
    const rows = await entries<string, unknown>(store).catch(() => []);
    for (const [id, value] of rows) {
      const kept = value as Partial<Kept> | undefined;
      const body = SubmissionRequestSchema.safeParse(kept?.body);
      if (
        !kept ||
        !body.success ||
        typeof kept.serverUrl !== "string" ||
        typeof kept.tokenDigest !== "string"
      ) {
        await del(id, store).catch(() => undefined);
        continue;
      }
      if (memory.has(id)) continue;
      const idCells = typeof kept.idCells === "number" ? kept.idCells : 1;
      memory.set(id, {
        kept: {
          id,
          serverUrl: kept.serverUrl,
          userId: typeof kept.userId === "string" ? kept.userId : null,
          tokenDigest: kept.tokenDigest,
          queuedAt: typeof kept.queuedAt === "string" ? kept.queuedAt : new Date(0).toISOString(),
          body: body.data,
          idCells,
        },
        body: idCells === 0 ? body.data : null,
        token: null,
      });
    }
    changed();
  })();

  const send = (id: string, api: Submitter, binding: OutboxBinding): Promise<SendOutcome> => {
    const inFlight = sending.get(id);
    if (inFlight) return inFlight;
    const entry = memory.get(id);
    if (!entry) return Promise.resolve({ ok: false, item: null, notSent: "gone" });
    const body = entry.body;
    if (!body) return Promise.resolve({ ok: false, item: itemOf(entry), notSent: "needs-file" });
    const flight = (async (): Promise<SendOutcome> => {
      if (!(await belongsTo(entry, binding))) return { ok: false, item: itemOf(entry), notSent: "not-yours" };
      const answer = await api.submit(body);
      const item = itemOf(entry);
      if (answer.ok) {
        await forget(id);
        return { ok: true, item, receipt: answer.value };
      }
      const kept = isRetryable(answer.failure);
      if (!kept) await forget(id);
      return { ok: false, item, failure: answer.failure, kept };
    })().finally(() => {
      sending.delete(id);
      changed();
    });
    sending.set(id, flight);
    changed();
    return flight;
  };

  return {
    loaded,
    list: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async queue(binding, body, sendWith) {
      // An earlier page's attempt at the same sheet must be known before it can be replaced.
      await loaded;
      const tokenDigest = await digestOf(binding.token);
      const stripped = withoutIdCells(body);
      const kept: Kept = {
        id: body.idempotencyKey,
        serverUrl: apiBase(binding.serverUrl),
        userId: binding.userId,
        tokenDigest: tokenDigest ?? "",
        queuedAt: new Date().toISOString(),
        body: stripped.body,
        idCells: stripped.idCells,
      };
      // A newer attempt at the same sheet replaces one still waiting: an outdated copy is never sent after it.
      for (const [id, other] of memory) {
        const o = other.kept;
        const same =
          !sending.has(id) &&
          o.serverUrl === kept.serverUrl &&
          o.body.kind === body.kind &&
          o.body.period === body.period &&
          o.body.branch === body.branch &&
          o.body.sheetName === body.sheetName &&
          (await belongsTo(other, binding));
        if (same) await forget(id);
      }
      memory.set(kept.id, { kept, body, token: binding.token });
      if (stripped.storable && tokenDigest) await persist(kept);
      const sent = sendWith ? send(kept.id, sendWith, binding) : null;
      if (!sent) changed();
      return { item: itemOf(memory.get(kept.id) as Entry), sent };
    },

    send,

    drop: forget,

    async reconcile(binding) {
      await loaded;
      const dropped: OutboxItem[] = [];
      for (const [id, entry] of memory) {
        if (sending.has(id) || (await belongsTo(entry, binding))) continue;
        dropped.push(itemOf(entry));
        await forget(id);
      }
      return dropped;
    },

    restore(workbook) {
      let restored = 0;
      for (const entry of memory.values()) {
        if (entry.body) continue;
        const input = workbook.sheets.find((s) => s.name === entry.kept.body.sheetName);
        if (!input) continue;
        const candidate = { ...entry.kept.body, sheet: sheetBody(input, workbook.date1904) };
        if (!sameAttempt(withoutIdCells(candidate).body, entry.kept.body)) continue;
        entry.body = candidate;
        restored++;
      }
      if (restored) changed();
      return restored;
    },
  };
}

let page: Outbox | null = null;

/** The page's one outbox (IndexedDB-backed where the browser allows it). */
export function pageOutbox(): Outbox {
  page ??= createOutbox();
  return page;
}
