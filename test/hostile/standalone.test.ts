/**
 * The standalone page opens .xlsx files in the browser with excelts, which inflates whole: the
 * same hostile files must be refused there before parsing (run here on Node, which has the same
 * Blob and DecompressionStream the page uses).
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

function open(name: string) {
  const bytes = readFileSync(files[name]);
  return createFileHost().open({
    name: basename(files[name]),
    size: bytes.length,
    arrayBuffer: async () =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  });
}

describe("the standalone page's reader", () => {
  it.each([
    ["bomb-honest.xlsx", "too-large"],
    ["bomb-lying.xlsx", "unreadable"],
    ["bomb-ratio.xlsx", "too-large"],
    ["merges.xlsx", "too-large"],
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
  ])("opens %s", async (name, sheets) => {
    expect(await open(name)).toEqual({ ok: true, name, sheets });
  });
});
