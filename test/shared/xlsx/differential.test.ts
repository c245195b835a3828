/**
 * Differential: on every workbook the project generates (samples, templates, the township
 * workbook, the hostile set, a workbook of reading quirks), the new reader and excelts give the
 * same cell values, merges, formula cells, hidden flags, sheet order and date system.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { readXlsx, unfinishedUtf8 } from "../../../shared/xlsx/read";
import type { Inflater } from "../../../shared/xlsx/zip";
import { buildTemplate } from "../../../shared/xlsx/template";
import { buildConsolidated } from "../../../shared/xlsx/consolidated";
import { KINDS, kindById } from "../../../shared/kinds";
import { DEFAULT_REGISTRY } from "../../../shared/registry";
import { zlibInflater } from "../../../cli/read";
import { sampleFiles, writeXlsx } from "../../fixtures";
import { writeReadable } from "../../hostile/files";
import { bothReaders } from "./inspect";

const dir = mkdtempSync(join(tmpdir(), "ledgerline-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  for (const sample of sampleFiles()) {
    const path = join(dir, sample.file);
    await writeXlsx(path, sample.sheets, { date1904: sample.date1904 });
    files[sample.file] = new Uint8Array(readFileSync(path));
  }
  for (const kind of KINDS)
    files[`template-${kind.id}.xlsx`] = new Uint8Array(
      await buildTemplate(kind, { registry: DEFAULT_REGISTRY, year: 2025 }).xlsx.writeBuffer(),
    );
  const problems = kindById("problems")!;
  files["township.xlsx"] = new Uint8Array(
    await buildConsolidated({
      township: "老牛湾镇",
      year: "2025",
      kinds: [
        {
          kind: problems,
          rows: [
            { branch: "老牛湾村党支部", values: { 编号: "M1", 收集日期: "2025-09-01", 村: "老牛湾村" } },
          ],
          byBranch: { 老牛湾村党支部: { total: 1, resolved: 0 } },
          total: { total: 1, resolved: 0 },
        },
      ],
    }).xlsx.writeBuffer(),
  );
  for (const [name, path] of Object.entries(await writeReadable(dir)))
    if (name !== "billion-laughs.xlsx" && name !== "merges.xlsx")
      files[`hostile-${name}`] = new Uint8Array(readFileSync(path));
  // Reading quirks: formulas (plain, shared, error and text results), rich text, hyperlinks, dates with times.
  for (const date1904 of [false, true]) {
    const wb = new Workbook();
    wb.properties.date1904 = date1904;
    const ws = wb.addWorksheet("台账");
    ws.getCell("A1").value = new Date(Date.UTC(2025, 8, 12, 13, 45, 30, 250));
    ws.getCell("A1").numFmt = "yyyy-mm-dd hh:mm:ss";
    ws.getCell("A2").value = new Date(Date.UTC(1900, 0, 15));
    ws.getCell("A2").numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell("B1").value = { richText: [{ text: "2025年" }, { font: { bold: true }, text: "9月12日" }] };
    ws.getCell("C1").value = { formula: "1+1", result: 2 };
    ws.getCell("C2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("C3").value = { formula: 'A1&""', result: "文本 & <结果>" };
    ws.getCell("C4").value = { formula: "TRUE()", result: true };
    for (let r = 5; r <= 9; r++) ws.getCell(`D${r}`).value = { formula: "ROW()-4", result: r - 4 };
    ws.getCell("E1").value = { text: "老牛湾村", hyperlink: "https://example.org" };
    ws.getCell("F1").value = "  张　三 _x000D_ ";
    ws.getCell("G1").value = -0.000001;
    ws.getCell("H1").value = 1e21;
    ws.mergeCells("E3:F6");
    wb.addWorksheet("隐藏", { state: "hidden" }).getCell("A1").value = 1;
    const file = join(dir, `quirks-${date1904}.xlsx`);
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    files[`quirks-${date1904 ? 1904 : 1900}.xlsx`] = new Uint8Array(readFileSync(file));
  }
}, 120_000);

describe("the reader and excelts read the same workbook", () => {
  it("on every generated, template, township, hostile and quirks workbook", async () => {
    expect(Object.keys(files).length).toBeGreaterThan(40);
    for (const [name, bytes] of Object.entries(files)) {
      const { ours, excelts } = await bothReaders(bytes);
      expect([name, ours]).toEqual([name, excelts]);
    }
  });

  it("and the quirks file has what it is meant to test", async () => {
    const read = await readXlsx(files["quirks-1904.xlsx"], { inflate: zlibInflater });
    if (!read.ok) throw new Error(read.problem);
    const [sheet, hidden] = read.workbook.sheets;
    expect(read.workbook.date1904).toBe(true);
    expect(sheet.formulas).toEqual(["C1:C4", "D5:D9"]);
    expect(sheet.merges).toEqual(["E3:F6"]);
    expect(sheet.values[1].slice(2, 3)).toEqual(["#DIV/0!"]);
    expect(hidden.hidden).toBe(true);
  });
});

describe("characters cut between two inflated chunks", () => {
  /** zlib's output handed on in pieces of `size` bytes, so characters straddle every boundary. */
  const piecesOf =
    (size: number): Inflater =>
    async (data, sink) => {
      const parts: Uint8Array[] = [];
      await zlibInflater(data, (chunk) => (parts.push(chunk.slice()), true));
      const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        whole.set(p, at);
        at += p.length;
      }
      for (let i = 0; i < whole.length; i += size) if (!sink(whole.subarray(i, i + size))) return;
    };

  it("are read whole, whatever the size of the pieces", async () => {
    // Every workbook in pieces of 7 and 4,096 bytes (rows straddle pieces); a few in pieces of 1–5.
    const few = new Set(["quirks-1900.xlsx", "township.xlsx", "template-problems.xlsx"]);
    for (const [name, bytes] of Object.entries(files)) {
      const whole = await readXlsx(bytes, { inflate: zlibInflater });
      for (const size of few.has(name) ? [1, 2, 3, 5, 7, 4096] : [7, 4096]) {
        const cut = await readXlsx(bytes, { inflate: piecesOf(size) });
        expect([name, size, cut]).toEqual([name, size, whole]);
      }
    }
  });

  it("counts the bytes of an unfinished character at the end", () => {
    const bytes = new TextEncoder().encode("a中𝄞"); // 1 + 3 + 4 bytes
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => unfinishedUtf8(bytes.subarray(0, n)))).toEqual([
      0, 1, 2, 0, 1, 2, 3, 0,
    ]);
    expect(unfinishedUtf8(new Uint8Array())).toBe(0);
  });
});
