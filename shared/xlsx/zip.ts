/**
 * The zip layer of the .xlsx reader and the annotate patcher: the central directory (enough to
 * refuse bombs and lying directories before anything is inflated), one entry inflated as a stream
 * through an injected inflater, and a writer that copies untouched entries byte for byte.
 * Pure TypeScript over web-standard APIs (Blob, DecompressionStream, CompressionStream), which
 * Node 22, workerd and browsers all have; the CLI injects Node's zlib because it is faster.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
  crc: number;
  /** MS-DOS modification time and date, copied as they are when the entry is rewritten. */
  dosTime: number;
  dosDate: number;
}

export type ZipProblem = "not-zip" | "corrupt";

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/** The CFB/OLE2 signature: encrypted .xlsx (and legacy .xls/.et) files. */
export function isCfb(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

/** Lists the entries of the central directory, or names the problem. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | ZipProblem {
  if (!isZip(bytes)) return "not-zip";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEocd = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= minEocd; i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "corrupt";
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) && eocd >= 20) {
    const loc = eocd - 20;
    if (view.getUint32(loc, true) !== ZIP64_LOCATOR_SIG) return "corrupt";
    const z64 = Number(view.getBigUint64(loc + 8, true));
    if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== ZIP64_EOCD_SIG) return "corrupt";
    count = Number(view.getBigUint64(z64 + 32, true));
    cdSize = Number(view.getBigUint64(z64 + 40, true));
    cdOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  if (cdOffset + cdSize > bytes.length) return "corrupt";
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL_SIG) return "corrupt";
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > bytes.length) return "corrupt";
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extended information: the 0xFFFFFFFF fields follow in order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number => {
          const v = q + 8 <= e + 4 + size ? Number(view.getBigUint64(q, true)) : 0;
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + size;
    }
    entries.push({
      name,
      method,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      encrypted: (flags & 1) === 1,
      crc: view.getUint32(p + 16, true),
      dosTime: view.getUint16(p + 12, true),
      dosDate: view.getUint16(p + 14, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The bytes of an entry's compressed data, found through its local header. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL_SIG) return null;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : null;
}

/** Receives inflated output in order; returning false stops the inflater. */
export type Sink = (chunk: Uint8Array) => boolean;

/**
 * Inflates raw-deflate data as a stream. Injected by each door: the default is the platform's
 * DecompressionStream (browsers, workerd); the CLI passes Node's zlib, which measured twice as fast.
 * Rejects on corrupt data.
 */
export type Inflater = (data: Uint8Array, sink: Sink) => Promise<void>;

/** Longest stretch of work between two yields to the event loop, so a page can paint and cancel. */
const YIELD_EVERY_MS = 25;

/** Lets the page paint and handle a click: scheduler.yield() where the browser has it (no 4 ms clamp). */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Compressed bytes handed to DecompressionStream at a time: its output waits for the reader. */
const INFLATE_SLICE = 256 * 1024;

/**
 * The bytes as a stream of slices, pulled as the decompressor needs them. A Blob's own stream()
 * goes through the browser's blob machinery and measured several times slower for the same bytes.
 */
function sliceStream(data: Uint8Array): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>({
    pull(controller) {
      if (at >= data.length) return controller.close();
      controller.enqueue(data.subarray(at, at + INFLATE_SLICE) as Uint8Array<ArrayBuffer>);
      at += INFLATE_SLICE;
    },
  });
}

/**
 * When inflating last gave the event loop a turn: one clock for every part, since reading a part
 * never waits on more than microtasks, so a workbook of many small parts would otherwise be read
 * in one long task.
 */
let lastYield = 0;

export const webInflater: Inflater = async (data, sink) => {
  const reader = sliceStream(data).pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (!sink(value)) {
      await reader.cancel().catch(() => undefined);
      return;
    }
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
};

export type InflateOutcome = "done" | "stopped" | "lying" | "corrupt";

/**
 * Inflates one entry into `sink`, never past its declared size: a directory that lies about a
 * size (a bomb declared as 4 KB) is caught after that many bytes, whatever the entry holds.
 */
export async function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  inflate: Inflater,
  sink: Sink,
): Promise<InflateOutcome> {
  const data = entryData(bytes, entry);
  if (!data) return "corrupt";
  if (entry.method === 0) {
    if (data.length > entry.uncompressedSize) return "lying";
    return data.length === 0 || sink(data) ? "done" : "stopped";
  }
  if (entry.method !== 8) return "corrupt";
  let size = 0;
  let outcome: InflateOutcome = "done";
  try {
    await inflate(data, (chunk) => {
      size += chunk.length;
      if (size > entry.uncompressedSize) {
        outcome = "lying";
        return false;
      }
      if (!sink(chunk)) {
        outcome = "stopped";
        return false;
      }
      return true;
    });
  } catch {
    return "corrupt";
  }
  return outcome;
}

/** Inflates one entry as a stream of text chunks (for tests and small parts). */
export async function* entryText(
  bytes: Uint8Array,
  entry: ZipEntry,
  inflate: Inflater = webInflater,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  const outcome = await inflateEntry(bytes, entry, inflate, (chunk) => {
    chunks.push(decoder.decode(chunk, { stream: true }));
    return true;
  });
  if (outcome !== "done") return;
  chunks.push(decoder.decode());
  yield* chunks;
}

/** One entry's whole text, or null when it is missing, corrupt or larger than it declares. */
export async function readEntryText(
  bytes: Uint8Array,
  entry: ZipEntry | undefined,
  inflate: Inflater = webInflater,
): Promise<string | null> {
  if (!entry) return null;
  const decoder = new TextDecoder();
  let text = "";
  const outcome = await inflateEntry(bytes, entry, inflate, (chunk) => {
    text += decoder.decode(chunk, { stream: true });
    return true;
  });
  return outcome === "done" ? text + decoder.decode() : null;
}

/** Limits for opening an untrusted .xlsx (the CLI, the standalone page and annotate alike). */
export interface ZipLimits {
  maxUncompressedBytes: number;
  maxRatio: number;
  /** The ratio is only judged for entries (and totals) above this size. */
  ratioFloorBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 10 * 1024 * 1024,
  maxEntries: 20_000,
};

export type XlsxZipProblem =
  | { problem: "not-xlsx" }
  | { problem: "encrypted" }
  | { problem: "too-large"; megabytes: number }
  | { problem: "bomb-ratio"; ratio: number };

export type XlsxZip = { ok: true; entries: ZipEntry[] } | ({ ok: false } & XlsxZipProblem);

/**
 * Everything that can be judged from the central directory, before anything is inflated: a zip
 * holding a workbook, not encrypted, sizes and ratios as declared. True sizes are enforced while
 * reading (`inflateEntry`).
 */
export function inspectXlsx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): XlsxZip {
  if (isCfb(bytes)) return { ok: false, problem: "encrypted" };
  const entries = listZipEntries(bytes);
  if (typeof entries === "string" || entries.length > limits.maxEntries)
    return { ok: false, problem: "not-xlsx" };
  if (entries.some((e) => e.encrypted)) return { ok: false, problem: "encrypted" };
  if (!entries.some((e) => /(^|\/)workbook\.xml$/.test(e.name))) return { ok: false, problem: "not-xlsx" };
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const compressed = entries.reduce((n, e) => n + e.compressedSize, 0);
  if (total > limits.maxUncompressedBytes)
    return { ok: false, problem: "too-large", megabytes: Math.round(total / 1024 / 1024) };
  const ratioOf = (u: number, c: number) => u / Math.max(1, c);
  for (const e of entries) {
    const ratio = ratioOf(e.uncompressedSize, e.compressedSize);
    if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio)
      return { ok: false, problem: "bomb-ratio", ratio: Math.round(ratio) };
  }
  if (total > limits.ratioFloorBytes && ratioOf(total, compressed) > limits.maxRatio)
    return { ok: false, problem: "bomb-ratio", ratio: Math.round(ratioOf(total, compressed)) };
  return { ok: true, entries };
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Deflates with the platform's CompressionStream in gzip form, and takes the raw deflate data and
 * the CRC-32 out of the gzip wrapper (RFC 1952): native code computes both, no CRC table of ours.
 */
async function deflateWithCrc(data: Uint8Array): Promise<{ deflated: Uint8Array; crc: number }> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("gzip"));
  const gz = new Uint8Array(await new Response(stream).arrayBuffer());
  const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
  const flags = gz[3];
  let p = 10;
  if (flags & 4) p += 2 + view.getUint16(p, true); // FEXTRA
  if (flags & 8) while (gz[p++] !== 0); // FNAME
  if (flags & 16) while (gz[p++] !== 0); // FCOMMENT
  if (flags & 2) p += 2; // FHCRC
  return { deflated: gz.subarray(p, gz.length - 8), crc: view.getUint32(gz.length - 8, true) };
}

/** An entry of the written zip: a copy of an original entry (byte for byte), or new content. */
export type OutEntry = { name: string; copy: ZipEntry } | { name: string; data: Uint8Array };

/**
 * Writes a zip: copied entries keep their compressed bytes, CRC, method and time exactly; new
 * content is deflated. Zip64 is not written (an .xlsx the guards accept stays far below 4 GB).
 */
export async function writeZip(source: Uint8Array, entries: readonly OutEntry[]): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const now = dosDateTime(new Date());
  for (const e of entries) {
    const name = encoder.encode(e.name);
    let method: number;
    let crc: number;
    let size: number;
    let payload: Uint8Array;
    let time: number;
    let date: number;
    if ("copy" in e) {
      const data = entryData(source, e.copy);
      if (!data) throw new Error(`zip entry ${e.name} is unreadable`);
      ({ method, crc, uncompressedSize: size, dosTime: time, dosDate: date } = e.copy);
      payload = data;
    } else {
      method = 8;
      size = e.data.length;
      ({ deflated: payload, crc } = await deflateWithCrc(e.data));
      [time, date] = now;
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_SIG, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, payload.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    parts.push(local, payload);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, CENTRAL_SIG, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, payload.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    central.push(c);
    offset += local.length + payload.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, EOCD_SIG, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const part of [...parts, ...central, eocd]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

function dosDateTime(d: Date): [number, number] {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return [time, date];
}
