/**
 * A minimal reader of a zip's central directory: enough to refuse zip bombs before anything is
 * inflated, to tell an .xlsx from other zips, and to inflate one entry (streaming, with the
 * platform's DecompressionStream, in Node 22 and browsers).
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
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

/**
 * Inflates one entry as a stream, counting bytes, and stops as soon as it passes `cap`: its true
 * size, or null when it is larger than `cap` (a directory that lies about sizes) or unreadable.
 * Memory stays at one chunk whatever the entry claims or holds.
 */
export async function inflatedSize(bytes: Uint8Array, entry: ZipEntry, cap: number): Promise<number | null> {
  const data = entryData(bytes, entry);
  if (!data) return null;
  if (entry.method === 0) return data.length <= cap ? data.length : null;
  if (entry.method !== 8) return null;
  const reader = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"))
    .getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return size;
      size += value.length;
      if (size > cap) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
    }
  } catch {
    return null;
  }
}

/** Cells covered by an A1 range ("A1:C3" → 9); 0 when malformed. */
export function rangeArea(ref: string): number {
  const m = /^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$/.exec(ref);
  if (!m) return 0;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c0 = col(m[1]);
  const r0 = Number(m[2]);
  const c1 = m[3] ? col(m[3]) : c0;
  const r1 = m[4] ? Number(m[4]) : r0;
  return (Math.abs(c1 - c0) + 1) * (Math.abs(r1 - r0) + 1);
}

/** Inflates one entry as a stream of text chunks (stored or deflated entries). */
export async function* entryText(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<string> {
  const data = entryData(bytes, entry);
  if (!data) return;
  const decoder = new TextDecoder();
  if (entry.method === 0) {
    yield decoder.decode(data);
    return;
  }
  if (entry.method !== 8) return;
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    yield decoder.decode(value, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Limits for opening an untrusted .xlsx whole (the standalone page; the CLI's guard has its own). */
export interface ZipLimits {
  maxUncompressedBytes: number;
  maxRatio: number;
  /** The ratio is only judged for entries (and totals) above this size. */
  ratioFloorBytes: number;
  maxEntries: number;
  /** Merged cells (summed areas of every sheet) above which a full parse would need gigabytes. */
  maxMergedCells: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 10 * 1024 * 1024,
  maxEntries: 20_000,
  maxMergedCells: 1_000_000,
};

export type ZipVerdict = "ok" | "not-xlsx" | "too-large";

/**
 * Everything that can be judged before a parser inflates the file: an .xlsx zip, sizes and ratios
 * as declared, each entry's true size (inflated as a stream, stopped past its declared size) and
 * the merged area of its sheets.
 */
export async function checkXlsxZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipVerdict> {
  const entries = listZipEntries(bytes);
  if (typeof entries === "string" || entries.length > limits.maxEntries) return "not-xlsx";
  if (entries.some((e) => e.encrypted) || !entries.some((e) => e.name === "xl/workbook.xml"))
    return "not-xlsx";
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const compressed = entries.reduce((n, e) => n + e.compressedSize, 0);
  if (total > limits.maxUncompressedBytes) return "too-large";
  const ratioOf = (u: number, c: number) => u / Math.max(1, c);
  if (
    entries.some(
      (e) =>
        e.uncompressedSize > limits.ratioFloorBytes &&
        ratioOf(e.uncompressedSize, e.compressedSize) > limits.maxRatio,
    )
  )
    return "too-large";
  if (total > limits.ratioFloorBytes && ratioOf(total, compressed) > limits.maxRatio) return "too-large";
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    if ((await inflatedSize(bytes, e, e.uncompressedSize)) === null) return "not-xlsx";
  }
  let merged = 0;
  for (const e of entries.filter((x) => x.name.startsWith("xl/worksheets/") && x.name.endsWith(".xml"))) {
    merged += await mergedCellCount(bytes, e);
    if (merged > limits.maxMergedCells) return "too-large";
  }
  return "ok";
}

/** The `ref` of each `<mergeCell ref=…>` element of a worksheet part, read as a stream of text. */
export async function* mergeRefs(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<string> {
  const re = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g;
  let carry = "";
  for await (const chunk of entryText(bytes, entry)) {
    const text = carry + chunk;
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      yield m[1];
      last = re.lastIndex;
    }
    // Keep a tail that may hold a tag cut across chunks.
    carry = text.slice(Math.max(last, text.length - 200));
  }
}

/** The summed area of a worksheet part's merged areas. */
export async function mergedCellCount(bytes: Uint8Array, entry: ZipEntry): Promise<number> {
  let total = 0;
  for await (const ref of mergeRefs(bytes, entry)) total += rangeArea(ref);
  return total;
}
