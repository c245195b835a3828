/**
 * The APIs the bundles call that Chromium 86 (360安全浏览器 13's kernel) lacks, installed only
 * where missing, before the app starts. The emitted code was scanned for every API newer than
 * Chromium 86 (docs/addin.md lists what was found and why the rest needs nothing):
 *
 * - `DecompressionStream("deflate-raw")` (Chromium 103): the .xlsx reader inflates every part
 *   with it. Older kernels have the gzip and deflate formats only, so "deflate-raw" is given by
 *   fflate's streaming inflater, downloaded only by a browser that needs it.
 * - `Object.hasOwn` (Chromium 93) and `structuredClone` (Chromium 98): the .xlsx writers (excelts:
 *   templates, the township workbook) call both without testing for them.
 */

/** Whether this browser's DecompressionStream takes the "deflate-raw" format. */
export function hasDeflateRaw(scope: typeof globalThis = globalThis): boolean {
  try {
    new scope.DecompressionStream("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives `scope.DecompressionStream` the "deflate-raw" format through fflate, keeping the
 * platform's own stream for the formats it has.
 */
export async function installDeflateRaw(scope: typeof globalThis = globalThis): Promise<void> {
  if (hasDeflateRaw(scope)) return;
  const { Inflate } = await import("fflate");
  const Native = scope.DecompressionStream;
  const rawInflate = (): ReadableWritablePair<Uint8Array, BufferSource> => {
    const inflate = new Inflate();
    // The last chunk is held back and pushed as final: fflate notices a truncated stream only then.
    let held: Uint8Array | null = null;
    return new TransformStream<BufferSource, Uint8Array>({
      start(controller) {
        inflate.ondata = (chunk) => controller.enqueue(chunk);
      },
      transform(chunk) {
        if (held) inflate.push(held);
        held = ArrayBuffer.isView(chunk)
          ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : new Uint8Array(chunk);
      },
      // Corrupt or truncated data throws here, so the reader refuses the part, as with the native stream.
      flush() {
        inflate.push(held ?? new Uint8Array(0), true);
      },
    });
  };
  // A constructor that returns another object: `new DecompressionStream("deflate-raw")` works as native.
  function DecompressionStream(format: CompressionFormat) {
    if (format === "deflate-raw") return rawInflate();
    if (!Native) throw new TypeError(`Unsupported compression format: '${format}'`);
    return new Native(format);
  }
  if (Native) DecompressionStream.prototype = Native.prototype;
  Object.defineProperty(scope, "DecompressionStream", {
    value: DecompressionStream,
    configurable: true,
    writable: true,
  });
}

export async function installPolyfills(scope: typeof globalThis = globalThis): Promise<void> {
  if (typeof scope.Object.hasOwn !== "function") {
    Object.defineProperty(scope.Object, "hasOwn", {
      value: (object: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(object, key),
      configurable: true,
      writable: true,
    });
  }
  const waits: Promise<void>[] = [installDeflateRaw(scope)];
  if (typeof scope.structuredClone !== "function") {
    waits.push(
      import("@ungap/structured-clone").then(({ serialize, deserialize }) => {
        Object.defineProperty(scope, "structuredClone", {
          value: <T>(value: T): T => deserialize(serialize(value)) as T,
          configurable: true,
          writable: true,
        });
      }),
    );
  }
  await Promise.all(waits);
}
