/**
 * The standalone page reads .xlsx files in the browser with the shared reader: the same hostile
 * files must be refused there, memory bounded (run here on Node, which has the same Blob and
 * DecompressionStream the page uses), and a read can be followed and cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createFileHost } from "../../addin/file/host";
import { writeBombs, writeReadable, writeUnreadable } from "./files";
import { tempDir } from "./helpers";

const tmp = tempDir();
let files: Record<string, string> = {};

beforeAll(async () => {
  const bombs = await writeBombs(tmp.dir);
  files = {
    ...(await writeReadable(tmp.dir)),
    ...(await writeUnreadable(tmp.dir)),
    "bomb-honest.xlsx": bombs.honest,
    "bomb-lying.xlsx": bombs.lying,
    "bomb-ratio.xlsx": bombs.ratio,
  };
}, 30_000);
afterAll(() => tmp.cleanup());

function open(name: string, options?: Parameters<ReturnType<typeof createFileHost>["open"]>[1]) {
  const bytes = readFileSync(files[name]);
  return createFileHost().open(
    {
      name: basename(files[name]),
      size: bytes.length,
      arrayBuffer: async () =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    },
    options,
  );
}

describe("the standalone page's reader", () => {
  it.each([
    ["bomb-honest.xlsx", "too-large"],
    ["bomb-lying.xlsx", "unreadable"],
    ["bomb-ratio.xlsx", "too-large"],
    ["encrypted.xlsx", "unreadable"],
    ["picture.xlsx", "unreadable"],
    ["truncated.xlsx", "unreadable"],
    ["invalid-xml.xlsx", "unreadable"],
    ["billion-laughs.xlsx", "unreadable"],
  ])("refuses %s before parsing it (%s)", async (name, problem) => {
    const before = process.memoryUsage().rss;
    expect(await open(name)).toEqual({ ok: false, problem });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it.each([
    ["hidden-sheets.xlsx", ["可见", "隐藏", "深度隐藏"]],
    ["far-corner.xlsx", ["民情问题台账", "最右列", "最末行"]],
    ["date1904.xlsx", ["民情问题台账"]],
    // Merges are listed, never expanded: a sheet merged over the whole grid is no threat to the reader.
    ["merges.xlsx", ["Sheet1"]],
  ])("opens %s", async (name, sheets) => {
    expect(await open(name)).toEqual({ ok: true, name, sheets });
  });

  it("reports the fraction read, ending at 1", async () => {
    const seen: number[] = [];
    await open("long-text.xlsx", { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
  });

  it("stops reading when cancelled, and says so", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await open("hidden-sheets.xlsx", { signal: controller.signal })).toEqual({
      ok: false,
      problem: "cancelled",
    });
  });
});
