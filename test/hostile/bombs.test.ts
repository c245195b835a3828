/**
 * Zip bombs: a worksheet part of 1 GiB of "0" deflated to ≈ 1 MB (generated as a stream, never
 * held inflated), with honest sizes in the zip directory, with sizes that lie (4 KB), and a
 * smaller one refused by its ratio. The reader (shared/xlsx/read.ts) must refuse before inflating more
 * than the directory declares, memory bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbookInput } from "../../cli/read";
import { cliMessages } from "../../shared/messages/cli";
import { writeBombs } from "./files";
import { AS_OF, MAX_RSS_MB, STACK_TRACE, cliChild, tempDir } from "./helpers";

const m = cliMessages("zh-CN");
const tmp = tempDir();
let bombs: Awaited<ReturnType<typeof writeBombs>>;

beforeAll(async () => {
  bombs = await writeBombs(tmp.dir);
}, 30_000);
afterAll(() => tmp.cleanup());

describe("zip bombs", () => {
  it("refuses a 1 GiB worksheet declared in the directory, before inflating anything", async () => {
    const before = process.memoryUsage().rss;
    expect(await readWorkbookInput(bombs.honest, { messages: m })).toEqual({
      ok: false,
      message: m.tooLarge(bombs.honest, 1024),
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it("refuses a 1 GiB worksheet whose directory claims 4 KB, after inflating at most 4 KB of it", async () => {
    const before = process.memoryUsage().rss;
    expect(await readWorkbookInput(bombs.lying, { messages: m })).toEqual({
      ok: false,
      message: m.notXlsx(bombs.lying),
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses a 64 MB worksheet packed 1,000 to 1 by its compression ratio", async () => {
    const r = await readWorkbookInput(bombs.ratio, { messages: m });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^.*bomb-ratio\.xlsx：文件压缩比异常（约 \d+ 倍），疑似恶意文件，已拒绝读取。$/,
    );
  });

  it("refuses each bomb in the CLI with one line, exit 2, quickly and under the memory bound", async () => {
    const runs = await Promise.all(
      [
        ["validate", bombs.honest],
        ["validate", bombs.lying],
        ["annotate", bombs.lying, "--out", tmp.path("out.xlsx")],
        ["validate", bombs.ratio],
      ].map((argv, i) =>
        cliChild([...argv, "--as-of", AS_OF], { rssFile: tmp.path(`rss-${i}`), timeoutMs: 40_000 }),
      ),
    );
    const files = [bombs.honest, bombs.lying, bombs.lying, bombs.ratio];
    runs.forEach((r, i) => {
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(2);
      const lines = r.stderr.split("\n").filter(Boolean);
      expect(lines.length).toBe(1);
      expect(lines[0].startsWith(`${files[i]}：`)).toBe(true);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.maxRssMb).toBeGreaterThan(0);
      expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
    });
  }, 60_000);
});
