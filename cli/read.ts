/**
 * Reading .xlsx files for the CLI: wrong formats get a polite line, corrupt and encrypted files
 * one refusal naming the file, zip bombs are refused from the central directory, and a part that
 * inflates past its declared size is stopped there. The reading itself is shared/xlsx/read.ts,
 * fed by Node's zlib (it measured twice as fast as DecompressionStream here).
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { createInflateRaw } from "node:zlib";
import type { WorkbookInput } from "../shared/workbook";
import { readXlsx, type ReadProblem } from "../shared/xlsx/read";
import type { Inflater } from "../shared/xlsx/zip";
import type { CliMessages } from "../shared/messages/cli";

export const LIMITS = {
  /** Files above this size are not read at all. */
  maxFileBytes: 300 * 1024 * 1024,
};

export function defaultTimeoutMs(): number {
  const s = Number(process.env.LEDGERLINE_READ_TIMEOUT_S);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
}

/**
 * Node's zlib as the reader's inflater: zlib inflates the next chunks on the thread pool while
 * the scanner reads the last ones on the main thread (a few chunks ahead at most), and stops as
 * soon as the sink says so or throws.
 */
export const zlibInflater: Inflater = (data, sink) =>
  new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 128 * 1024 });
    const queue: Buffer[] = [];
    let ended = false;
    let done = false;
    let scheduled = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      z.destroy();
      if (error) reject(error);
      else resolve();
    };
    const drain = () => {
      scheduled = false;
      try {
        while (queue.length && !done) {
          if (!sink(queue.shift() as Buffer)) return finish();
        }
      } catch (e) {
        // The sink refused the content: stop inflating and pass the failure on.
        return finish(e);
      }
      if (ended) finish();
      else z.resume();
    };
    const schedule = () => {
      if (!scheduled && !done) {
        scheduled = true;
        setImmediate(drain);
      }
    };
    z.on("data", (chunk: Buffer) => {
      queue.push(chunk);
      if (queue.length >= 4) z.pause();
      schedule();
    });
    z.on("end", () => {
      ended = true;
      schedule();
    });
    z.on("error", (e) => finish(e));
    z.end(data);
  });

export type ReadFailure = { ok: false; message: string };
export type Loaded = { ok: true; bytes: Uint8Array } | ReadFailure;

const ASK_XLSX = new Set([".xls", ".et", ".csv", ".ett", ".xlt", ".wps", ".ods", ".numbers", ".txt"]);

/** The file's bytes, after the checks that need no parsing: extension, existence, size. */
export async function loadFile(file: string, m: CliMessages): Promise<Loaded> {
  const fail = (message: string): ReadFailure => ({ ok: false, message });
  if (ASK_XLSX.has(extname(file).toLowerCase())) return fail(m.askXlsx(file));
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) return fail(m.notAFile(file));
    size = s.size;
  } catch {
    return fail(m.notFound(file));
  }
  if (size > LIMITS.maxFileBytes) return fail(m.tooLarge(file, Math.round(size / 1024 / 1024)));
  try {
    return { ok: true, bytes: new Uint8Array(await readFile(file)) };
  } catch (e) {
    return fail(m.unreadable(file, errorText(e)));
  }
}

/** Races work against the time limit; the timer is cleared either way. */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  onTimeout?: () => void,
): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      onTimeout?.();
      resolve("timeout");
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadOptions {
  messages: CliMessages;
  timeoutMs?: number;
  /** Fraction of the file's XML read, for a progress line. */
  onProgress?: (fraction: number) => void;
  /** Replaces the parse step (tests use it to simulate a reader that never settles). */
  parse?: (bytes: Uint8Array) => Promise<WorkbookInput>;
}

export type ReadResult = { ok: true; workbook: WorkbookInput; bytes: Uint8Array } | ReadFailure;

/** The one line for a file the reader refused. */
export function problemMessage(file: string, p: ReadProblem, m: CliMessages, timeoutMs: number): string {
  switch (p.problem) {
    case "encrypted":
      return m.encrypted(file);
    case "too-large":
      return m.tooLarge(file, p.megabytes);
    case "bomb-ratio":
      return m.bombRatio(file, p.ratio);
    case "aborted":
      return m.tooSlow(file, Math.round(timeoutMs / 1000));
    default:
      return m.notXlsx(file);
  }
}

/** Reads a file into the engine's WorkbookInput (and keeps its bytes for annotate), or one line saying why not. */
export async function readWorkbookInput(file: string, options: ReadOptions): Promise<ReadResult> {
  const m = options.messages;
  const loaded = await loadFile(file, m);
  if (!loaded.ok) return loaded;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs();
  const abort = new AbortController();
  const work: Promise<WorkbookInput | ReadProblem> = options.parse
    ? options.parse(loaded.bytes)
    : readXlsx(loaded.bytes, {
        inflate: zlibInflater,
        signal: abort.signal,
        onProgress: options.onProgress,
      }).then((r) => (r.ok ? r.workbook : r));
  const result = await withTimeout(work, timeoutMs, () => abort.abort());
  if (result === "timeout") return { ok: false, message: m.tooSlow(file, Math.round(timeoutMs / 1000)) };
  if ("problem" in result) return { ok: false, message: problemMessage(file, result, m, timeoutMs) };
  return { ok: true, workbook: result, bytes: loaded.bytes };
}

export function errorText(e: unknown): string {
  if (e && typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : String(e).slice(0, 200);
}

export function displayName(file: string): string {
  return basename(file);
}
