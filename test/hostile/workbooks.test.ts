/**
 * Hostile workbooks through the CLI's reader and the engine (exact findings), then through the
 * CLI itself as a child process: findings or one refusal line per file, exit 2 for unreadable
 * files, never a stack trace, never a hang, peak memory under MAX_RSS_MB.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbookInput } from "../../cli/read";
import { validateWorkbook } from "../../shared/engine";
import { cliMessages } from "../../shared/messages/cli";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { Report } from "../../shared/report";
import type { WorkbookInput } from "../../shared/workbook";
import { LONG_TEXT, writeReadable, writeUnreadable } from "./files";
import { AS_OF, MAX_RSS_MB, STACK_TRACE, cliChild, tempDir } from "./helpers";

const m = cliMessages("zh-CN");
const tmp = tempDir();
let readable: Record<string, string> = {};
let unreadable: Record<string, string> = {};

beforeAll(async () => {
  readable = await writeReadable(tmp.dir);
  unreadable = await writeUnreadable(tmp.dir);
});
afterAll(() => tmp.cleanup());

async function read(name: string): Promise<WorkbookInput> {
  const r = await readWorkbookInput(readable[name], { messages: m });
  if (!r.ok) throw new Error(r.message);
  return r.workbook;
}

async function check(name: string) {
  return validateWorkbook(await read(name), { asOf: AS_OF, registry: DEFAULT_REGISTRY });
}

const brief = (results: Awaited<ReturnType<typeof check>>) =>
  results.map((r) => ({
    sheet: r.sheet,
    kind: r.kind,
    findings: r.findings.map((f) => `${f.code} ${f.cell}`),
  }));

describe("hostile workbooks read and validated in process", () => {
  it("gives an empty workbook no sheets and no findings", async () => {
    expect(await read("empty-workbook.xlsx")).toEqual({ sheets: [], date1904: false });
    expect(await check("empty-workbook.xlsx")).toEqual([]);
  });

  it("reports a blank sheet and a sheet without a header once each as unknown-sheet", async () => {
    expect(brief(await check("blank-sheet.xlsx"))).toEqual([
      { sheet: "Sheet1", kind: null, findings: ["unknown-sheet null"] },
    ]);
    expect(brief(await check("no-header.xlsx"))).toEqual([
      { sheet: "民情问题台账", kind: null, findings: ["unknown-sheet null"] },
    ]);
  });

  it("keeps a 32,767-character cell whole and accepts it as 问题描述", async () => {
    const wb = await read("long-text.xlsx");
    expect(wb.sheets[0].values[1][4]).toBe(LONG_TEXT);
    expect(wb.sheets[0].values[0][9]).toBe(LONG_TEXT);
    const [r] = await check("long-text.xlsx");
    expect(r.errors).toBe(0);
    expect(r.records[0].values["问题描述"]).toBe(LONG_TEXT);
  });

  it("reads formula errors as their names and reports each on its cell", async () => {
    const [r] = await check("formula-errors.xlsx");
    expect(r.findings.map((f) => [f.code, f.cell, f.message])).toEqual([
      ["type", "B2", "收集日期“#REF!”不是有效的日期。"],
      ["type", "H2", "受益户数“#DIV/0!”不是数字。"],
      ["unknown-branch", "C3", "村“#N/A”不在本镇的村（支部）名单中。"],
    ]);
  });

  it("joins rich-text runs and reads hyperlinks as their text, never following them", async () => {
    const rich = await read("rich-text.xlsx");
    expect(rich.sheets[0].values[1].slice(1, 3)).toEqual(["2025年9月12日", "老牛湾村"]);
    const [r] = await check("rich-text.xlsx");
    expect(r.findings).toEqual([]);
    expect(r.records[0].values["收集日期"]).toBe("2025-09-12");
    const [h] = await check("hyperlinks.xlsx");
    expect(h.findings).toEqual([]);
    expect(h.records[0].values["村"]).toBe("乾坤湾村党支部");
    expect(h.records[0].values["问题描述"]).toBe("详见链接");
  });

  it("accepts a pre-1900 date typed as text and refuses a pre-1900 date cell as a type error", async () => {
    const [r] = await check("pre-1900.xlsx");
    expect(r.records[0].values["收集日期"]).toBe("1899-12-31");
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([["type", "B3"]]);
  });

  it("reads a 1904-system workbook's dates in that system", async () => {
    const wb = await read("date1904.xlsx");
    expect(wb.date1904).toBe(true);
    const [r] = await check("date1904.xlsx");
    expect(r.records.map((x) => [x.values["收集日期"], x.values["解决日期"]])).toEqual([
      ["2025-09-01", "2025-09-20"],
      ["2025-09-30", "2025-09-02"],
    ]);
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([["date-order", "G3"]]);
  });

  it("validates hidden and very hidden sheets and flags them hidden", async () => {
    const wb = await read("hidden-sheets.xlsx");
    expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["可见", false],
      ["隐藏", true],
      ["深度隐藏", true],
    ]);
    expect(brief(await check("hidden-sheets.xlsx"))).toEqual([
      { sheet: "可见", kind: "problems", findings: ["inconsistent I3"] },
      { sheet: "隐藏", kind: "problems", findings: ["unknown-branch C2"] },
      { sheet: "深度隐藏", kind: "problems", findings: ["enum F2"] },
    ]);
  });

  it("clips a used range reaching XFD1048576 to the cells that exist", async () => {
    const wb = await read("far-corner.xlsx");
    const [ledger, right, bottom] = wb.sheets;
    expect(right.values).toEqual([[...Array(16_383).fill(null), "右"]]);
    // Rows between are empty arrays: no cell of the 17-billion-cell range is allocated.
    expect(bottom.values.length).toBe(1_048_576);
    expect(bottom.values.slice(1, -1).every((row) => row.length === 0)).toBe(true);
    expect(ledger.values[1_048_575].length).toBe(16_384);
    const results = await check("far-corner.xlsx");
    expect(brief(results)).toEqual([
      {
        sheet: "民情问题台账",
        kind: "problems",
        findings: ["A", "B", "C", "D", "E", "F"].map((c) => `required ${c}1048576`),
      },
      { sheet: "最右列", kind: null, findings: ["unknown-sheet null"] },
      { sheet: "最末行", kind: null, findings: ["unknown-sheet null"] },
    ]);
  });

  it("reads a sheet merged over the whole grid plus 5,000 full-width merges in bounded time", async () => {
    const started = Date.now();
    const wb = await read("merges.xlsx");
    expect(wb.sheets[0].merges.length).toBe(5_001);
    expect(brief(await check("merges.xlsx"))).toEqual([
      { sheet: "Sheet1", kind: null, findings: ["unknown-sheet null"] },
    ]);
    // Generous: the point is seconds, not the minutes (and gigabytes) an unclipped merge index took.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("ignores a <dimension> that claims the whole grid", async () => {
    const wb = await read("dimension.xlsx");
    expect(wb.sheets[0].values).toEqual([["编号", "村"]]);
  });

  it("refuses shared strings built from nested entities (billion laughs) with one line", async () => {
    const r = await readWorkbookInput(readable["billion-laughs.xlsx"], { messages: m });
    expect(r).toEqual({ ok: false, message: m.notXlsx(readable["billion-laughs.xlsx"]) });
  });

  it("refuses every unreadable file with its own one-line reason", async () => {
    const expected: Record<string, (f: string) => string> = {
      "encrypted.xlsx": m.encrypted,
      "text.xlsx": m.notXlsx,
      "zero-bytes.xlsx": m.notXlsx,
      "picture.xlsx": m.notXlsx,
      "truncated.xlsx": m.notXlsx,
      "not-a-workbook.xlsx": m.notXlsx,
      "invalid-xml.xlsx": m.notXlsx,
      "folder.xlsx": m.notAFile,
      "missing.xlsx": m.notFound,
    };
    for (const [name, file] of Object.entries(unreadable)) {
      const r = await readWorkbookInput(file, { messages: m });
      expect([name, r]).toEqual([name, { ok: false, message: expected[name](file) }]);
      expect(expected[name](file)).not.toContain("\n");
    }
  });
});

describe("hostile workbooks through the CLI as a child process", () => {
  it("reports every readable hostile workbook: exit 1, a JSON report per file, nothing on stderr", async () => {
    const files = Object.entries(readable)
      .filter(([name]) => name !== "billion-laughs.xlsx")
      .map(([, f]) => f);
    const r = await cliChild(["validate", ...files, "--json", "--as-of", AS_OF], {
      rssFile: tmp.path("rss-readable"),
      timeoutMs: 40_000,
    });
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.map((f) => f.file)).toEqual(files);
    expect(report.files.map((f) => f.sheets.reduce((n, s) => n + s.errors, 0))).toEqual([
      0, 0, 0, 0, 3, 0, 0, 1, 1, 3, 6, 0, 0,
    ]);
    expect(r.maxRssMb).toBeGreaterThan(0);
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 60_000);

  it("refuses every unreadable file with exactly one stderr line naming it, exit 2, no stack trace", async () => {
    const files = [...Object.values(unreadable), readable["billion-laughs.xlsx"]];
    const r = await cliChild(["validate", ...files, "--as-of", AS_OF], {
      rssFile: tmp.path("rss-unreadable"),
      timeoutMs: 30_000,
    });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter(Boolean);
    expect(lines.length).toBe(files.length);
    files.forEach((f, i) => expect(lines[i].startsWith(`${f}：`)).toBe(true));
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 60_000);

  it("still reports the readable files when others in the same run are unreadable", async () => {
    const files = [unreadable["encrypted.xlsx"], readable["hidden-sheets.xlsx"], unreadable["picture.xlsx"]];
    const r = await cliChild(["validate", ...files, "--json", "--as-of", AS_OF], {
      rssFile: tmp.path("rss-mixed"),
    });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([m.encrypted(files[0]), m.notXlsx(files[2])]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.map((f) => [f.file, f.sheets.length])).toEqual([[files[1], 3]]);
  }, 60_000);
});
