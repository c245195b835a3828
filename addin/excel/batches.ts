/**
 * Reads packed into syncs by the JSON they become, with a fallback for what a batch cannot
 * carry: a batch refused for its size (RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded, Excel on the web only) is split; a batch refused for another
 * reason (more than 512 merged areas in one getMergedAreasOrNullObject) is retried with the
 * tasks' safer form. Reads have no side effects, so a refused batch can simply be queued again.
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 */
import { PAYLOAD_BUDGET_BYTES, officeErrorCode as errorCode } from "./writer";

export interface ReadTask {
  /** Estimated request and response bytes. */
  request: number;
  response: number;
  /** Queues the loads; the returned function reads them after the sync. */
  queue(): () => void;
  /** Halves the task when its batch was too large; null when it cannot be smaller. */
  split?(): ReadTask[] | null;
  /** The same read in a form Excel cannot refuse (merged areas in small tiles); null when there is none. */
  safer?(): ReadTask | null;
}

/** Where more tasks come from once the pending ones are taken (value blocks sized as data arrives). */
export type TaskSource = (budget: { request: number; response: number }) => ReadTask | null;

const PAYLOAD_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);
/** Consecutive refusals tolerated before the error reaches the clerk. */
const MAX_RETRIES = 12;

/** Runs every task, as many per sync as the budgets allow; returns the number of syncs. */
export async function runReads(
  context: Excel.RequestContext,
  tasks: readonly ReadTask[],
  source: TaskSource = () => null,
): Promise<number> {
  // Refused tasks go first, then the given ones (by index: a shift per task would be quadratic).
  let retry: ReadTask[] = [];
  const later: ReadTask[] = [];
  let next = 0;
  const peek = () => retry[0] ?? tasks[next] ?? later[0];
  const drop = () => (retry.length ? retry.shift() : next < tasks.length ? tasks[next++] : later.shift());
  let syncs = 0;
  let failures = 0;
  // After a batch was refused for its size, the next one carries at most half as many tasks.
  let limit = Infinity;
  for (;;) {
    const batch: ReadTask[] = [];
    const left = { request: PAYLOAD_BUDGET_BYTES, response: PAYLOAD_BUDGET_BYTES };
    const fits = (t: ReadTask) =>
      batch.length === 0 ||
      (batch.length < limit && t.request <= left.request && t.response <= left.response);
    const take = (t: ReadTask) => {
      batch.push(t);
      left.request -= t.request;
      left.response -= t.response;
    };
    for (let t = peek(); t && fits(t); t = peek()) take(drop() as ReadTask);
    for (let more = batch.length < limit ? source(left) : null; more;) {
      if (!fits(more)) {
        later.push(more);
        break;
      }
      take(more);
      more = batch.length < limit ? source(left) : null;
    }
    if (batch.length === 0) return syncs;
    const collectors = batch.map((t) => t.queue());
    try {
      syncs += 1;
      // One sync per payload-sized batch of reads, never per row.
      await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop
    } catch (e) {
      if (++failures > MAX_RETRIES) throw e;
      limit = PAYLOAD_ERRORS.has(errorCode(e)) ? Math.max(1, Math.ceil(batch.length / 2)) : limit;
      retry = [...retried(batch, e), ...retry];
      continue;
    }
    failures = 0;
    limit = Infinity;
    for (const collect of collectors) collect();
  }
}

/** The tasks of a refused batch in the form that can pass; rethrows when none can. */
function retried(batch: readonly ReadTask[], e: unknown): ReadTask[] {
  if (PAYLOAD_ERRORS.has(errorCode(e))) {
    if (batch.length > 1) return [...batch];
    const halves = batch[0].split?.();
    if (halves) return halves;
    throw e;
  }
  let changed = false;
  const out = batch.map((t) => {
    const safe = t.safer?.();
    if (safe) changed = true;
    return safe ?? t;
  });
  if (!changed) throw e;
  return out;
}
