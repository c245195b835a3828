/**
 * Excel on the web caps each request at 5 MB. Writes are estimated before they are queued and
 * split into the fewest batches under a safe budget: one sync for any ordinary sheet.
 */

export const PAYLOAD_BUDGET_BYTES = 4_500_000;
/** A queued call's JSON overhead (object path, action, ids), measured generously. */
const CALL_OVERHEAD = 200;

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

/** The estimated request size of one queued call with these string/number arguments. */
export function callSize(...args: readonly (string | number | readonly unknown[])[]): number {
  let n = CALL_OVERHEAD;
  for (const a of args)
    n +=
      typeof a === "string" ? utf8Length(a) + 2 : typeof a === "number" ? 12 : utf8Length(JSON.stringify(a));
  return n;
}

export interface Op {
  size: number;
  queue: () => void;
}

/** Greedy packing in order: a new batch starts only when the budget would be exceeded. */
export function packBatches(ops: readonly Op[], budget = PAYLOAD_BUDGET_BYTES): Op[][] {
  const batches: Op[][] = [];
  let current: Op[] = [];
  let size = 0;
  for (const op of ops) {
    if (current.length && size + op.size > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(op);
    size += op.size;
  }
  if (current.length || batches.length === 0) batches.push(current);
  return batches;
}
