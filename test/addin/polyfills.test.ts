// @vitest-environment node
/**
 * The page's fallbacks for Chromium 86 (addin/polyfills.ts), on Node's own streams: the
 * "deflate-raw" inflater built on fflate reads every sample ledger and a 20,000-row one exactly
 * as the native DecompressionStream does, and refuses a truncated or corrupt part as it does.
 * (test/e2e/chromium86.test.ts runs the whole page on a Chromium stripped to 86's API.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { hasDeflateRaw, installDeflateRaw, installPolyfills } from "../../addin/polyfills";
import { readXlsx } from "../../shared/xlsx/read";
import { problemsLedger, sampleFiles, writeXlsx } from "../fixtures";

const Native = globalThis.DecompressionStream;

/** DecompressionStream as Chromium 80–102 have it: gzip and deflate, no "deflate-raw". */
function Chromium86Decompression(format: CompressionFormat) {
  if (format === "deflate-raw") throw new TypeError("Unsupported compression format: 'deflate-raw'");
  return new Native(format);
}

/** Runs `work` with the page's fallback in place of the platform's inflater. */
async function withFallback<T>(work: () => Promise<T>): Promise<T> {
  Object.defineProperty(globalThis, "DecompressionStream", {
    value: Chromium86Decompression,
    configurable: true,
    writable: true,
  });
  try {
    expect(hasDeflateRaw()).toBe(false);
    await installDeflateRaw();
    expect(hasDeflateRaw()).toBe(true);
    return await work();
  } finally {
    Object.defineProperty(globalThis, "DecompressionStream", {
      value: Native,
      configurable: true,
      writable: true,
    });
  }
}

const inflate = (bytes: Uint8Array) =>
  new Response(
    new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw")),
  )
    .arrayBuffer()
    .then((b) => new Uint8Array(b));

describe("the deflate-raw fallback", () => {
  let dir: string;
  const files: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ledgerline-inflate-"));
    for (const sample of sampleFiles()) {
      const path = join(dir, sample.file);
      await writeXlsx(path, sample.sheets, { date1904: sample.date1904 });
      files.push(path);
    }
    const big = join(dir, "big.xlsx");
    await writeXlsx(big, [problemsLedger({ rows: 20_000 })]);
    files.push(big);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads every sample ledger and a 20,000-row one exactly as the native inflater does", async () => {
    const native = await Promise.all(files.map((f) => readXlsx(new Uint8Array(readFileSync(f)))));
    const fallback = await withFallback(() =>
      Promise.all(files.map((f) => readXlsx(new Uint8Array(readFileSync(f))))),
    );
    expect(native.every((r) => r.ok)).toBe(true);
    expect(fallback).toEqual(native);
  });

  it("refuses truncated and corrupt data, as the native inflater does", async () => {
    const data = deflateRawSync(Buffer.from("台账通 ".repeat(50_000)));
    for (const cut of [1, 9, 100, Math.floor(data.length / 2)]) {
      const part = new Uint8Array(data.subarray(0, data.length - cut));
      await expect(inflate(part), `cut ${cut}`).rejects.toThrow();
      await expect(
        withFallback(() => inflate(part)),
        `cut ${cut}`,
      ).rejects.toThrow();
    }
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]);
    await expect(inflate(garbage)).rejects.toThrow();
    await expect(withFallback(() => inflate(garbage))).rejects.toThrow();
    expect(await withFallback(() => inflate(new Uint8Array(data)))).toEqual(
      new Uint8Array(await inflate(data)),
    );
  });

  it("leaves the browser's own formats and APIs alone where it has them", async () => {
    const before = {
      DecompressionStream: globalThis.DecompressionStream,
      structuredClone: globalThis.structuredClone,
      hasOwn: Object.hasOwn,
    };
    await installPolyfills();
    expect({
      DecompressionStream: globalThis.DecompressionStream,
      structuredClone: globalThis.structuredClone,
      hasOwn: Object.hasOwn,
    }).toEqual(before);
  });

  it("gives structuredClone and Object.hasOwn where they are missing", async () => {
    const scope = {
      Object: { ...Object, hasOwn: undefined },
      DecompressionStream: Native,
    } as unknown as typeof globalThis;
    await installPolyfills(scope);
    const value = { font: { name: "宋体", size: 11 }, when: new Date(0), list: [1, [2]] };
    const copy = scope.structuredClone(value);
    expect(copy).toEqual(value);
    expect(copy.font).not.toBe(value.font);
    expect(copy.when).toBeInstanceOf(Date);
    expect(scope.Object.hasOwn({ a: 1 }, "a")).toBe(true);
    expect(scope.Object.hasOwn(Object.create({ a: 1 }), "a")).toBe(false);
  });
});
