import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { Workbook } from "@cj-tech-master/excelts";
import { readWorkbookInput, guardFile, scanMerges, LIMITS } from "../../cli/read";
import { cliMessages } from "../../shared/messages/cli";
import { listZipEntries } from "../../shared/xlsx/zip";
import { serialToIso } from "../../shared/read/dates";
import type { WorkbookInput } from "../../shared/workbook";
import { tempDir, utc } from "./helpers";
import { bombXlsx, makeZip } from "./zipfile";

const m = cliMessages("zh-CN");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function write(name: string, build: (wb: Workbook) => void): Promise<string> {
  const wb = new Workbook();
  build(wb);
  const file = tmp.path(name);
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return file;
}

async function read(file: string, stream?: boolean): Promise<WorkbookInput> {
  const r = await readWorkbookInput(file, { messages: m, stream });
  if (!r.ok) throw new Error(r.message);
  return r.workbook;
}

/** A workbook with every reading quirk: dates, rich text, formulas, errors, hyperlinks, merges, hidden sheets. */
function quirks(wb: Workbook): void {
  const ws = wb.addWorksheet("台账");
  ws.getCell("A1").value = "标题";
  ws.mergeCells("A1:C1");
  ws.getCell("A2").value = utc(2025, 9, 12);
  ws.getCell("A2").numFmt = "yyyy-mm-dd";
  ws.getCell("B2").value = { richText: [{ text: "2025年" }, { font: { bold: true }, text: "9月12日" }] };
  ws.getCell("C2").value = { formula: "1+1", result: 2 };
  ws.getCell("D2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("E2").value = { error: "#REF!" };
  ws.getCell("F2").value = { text: "老牛湾村", hyperlink: "https://example.org" };
  ws.getCell("G2").value = true;
  ws.getCell("A3").value = "老牛湾";
  ws.mergeCells("A3:A5");
  ws.getCell("B5").value = "  张　三 ";
  wb.addWorksheet("隐藏表", { state: "hidden" }).getCell("A1").value = 1;
  wb.addWorksheet("深度隐藏", { state: "veryHidden" }).getCell("B2").value = "x";
}

describe("reading .xlsx into the engine's input", () => {
  it("reads date cells as 1900-system serial numbers", async () => {
    const wb = await read(await write("dates.xlsx", quirks));
    expect(wb.date1904).toBe(false);
    expect(wb.sheets[0].values[1][0]).toBe(45912);
    expect(serialToIso(45912, false)).toBe("2025-09-12");
  });

  it("keeps the 1904 date system: serials in that system and the flag set", async () => {
    const file = await write("d1904.xlsx", (wb) => {
      wb.properties.date1904 = true;
      quirks(wb);
    });
    const wb = await read(file);
    expect(wb.date1904).toBe(true);
    expect(wb.sheets[0].values[1][0]).toBe(45912 - 1462);
    expect(serialToIso(wb.sheets[0].values[1][0] as number, true)).toBe("2025-09-12");
  });

  it("joins rich text runs, takes formulas' cached results, errors as strings, hyperlinks as text", async () => {
    const wb = await read(await write("values.xlsx", quirks));
    expect(wb.sheets[0].values[1].slice(1)).toEqual([
      "2025年9月12日",
      2,
      "#DIV/0!",
      "#REF!",
      "老牛湾村",
      true,
    ]);
  });

  it("lists merged areas and leaves the covered cells empty", async () => {
    const wb = await read(await write("merges.xlsx", quirks));
    const sheet = wb.sheets[0];
    expect([...sheet.merges].sort()).toEqual(["A1:C1", "A3:A5"]);
    expect(sheet.values[2][0]).toBe("老牛湾");
    expect(sheet.values[3]?.[0] ?? null).toBeNull();
    expect(sheet.values[4][1]).toBe("  张　三 ");
  });

  it("reads hidden and very hidden sheets, flagged hidden", async () => {
    const wb = await read(await write("hidden.xlsx", quirks));
    expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["台账", false],
      ["隐藏表", true],
      ["深度隐藏", true],
    ]);
  });

  it("clips the used range to cells with values: a formatted row 1,000,000 allocates nothing", async () => {
    const file = await write("styled.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = "x";
      ws.getCell("B1000000").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    });
    const wb = await read(file);
    expect(wb.sheets[0].values).toEqual([["x"]]);
  });

  it("gives the same result through the streaming reader", async () => {
    for (const name of ["s1900.xlsx", "s1904.xlsx"]) {
      const file = await write(name, (wb) => {
        if (name === "s1904.xlsx") wb.properties.date1904 = true;
        quirks(wb);
      });
      const full = await read(file, false);
      const streamed = await read(file, true);
      expect(streamed.date1904).toBe(full.date1904);
      // The one known difference: the streaming reader loses an error result's name.
      expect(full.sheets[0].values[1][3]).toBe("#DIV/0!");
      expect(streamed.sheets[0].values[1][3]).toBe("#VALUE!");
      streamed.sheets[0].values[1][3] = "#DIV/0!";
      expect(streamed.sheets.map((s) => ({ ...s, merges: [...s.merges].sort() }))).toEqual(
        full.sheets.map((s) => ({ ...s, merges: [...s.merges].sort() })),
      );
    }
  });

  it("sends large sheets through the streaming reader", async () => {
    const file = await write("large.xlsx", quirks);
    const saved = LIMITS.streamSheetBytes;
    LIMITS.streamSheetBytes = 100;
    try {
      const r = await readWorkbookInput(file, { messages: m });
      expect(r.ok && r.streamed).toBe(true);
      expect(r.ok && r.workbook.sheets[0].merges.length).toBe(2);
    } finally {
      LIMITS.streamSheetBytes = saved;
    }
    const small = await readWorkbookInput(file, { messages: m });
    expect(small.ok && small.streamed).toBe(false);
  });

  it("finds merges in a worksheet part whatever the chunking", async () => {
    const xml = `<worksheet><sheetData/><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C3:C9"/></mergeCells></worksheet>`;
    const zip = new Uint8Array(makeZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.from(xml) }]));
    const entries = listZipEntries(zip);
    if (typeof entries === "string") throw new Error(entries);
    expect(await scanMerges(zip, entries[0])).toEqual(["A1:B2", "C3:C9"]);
  });
});

describe("refusing files that are not readable .xlsx", () => {
  it.each([".xls", ".et", ".csv"])("asks for .xlsx politely for %s files", async (ext) => {
    const file = tmp.path(`ledger${ext}`);
    writeFileSync(file, "编号,村\n1,老牛湾\n");
    const r = await readWorkbookInput(file, { messages: m });
    expect(r).toEqual({ ok: false, message: `${file}：请另存为 .xlsx 格式后再校验。` });
  });

  it("refuses a file that is not a zip, naming it", async () => {
    const file = tmp.path("text.xlsx");
    writeFileSync(file, "这不是工作簿");
    const r = await readWorkbookInput(file, { messages: m });
    expect(r).toEqual({ ok: false, message: m.notXlsx(file) });
  });

  it("refuses a truncated .xlsx", async () => {
    const good = await write("good.xlsx", quirks);
    const bytes = (await import("node:fs")).readFileSync(good);
    const file = tmp.path("truncated.xlsx");
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await readWorkbookInput(file, { messages: m });
    expect(r).toEqual({ ok: false, message: m.notXlsx(file) });
  });

  it("refuses a zip that is not a workbook", async () => {
    const file = tmp.path("other.xlsx");
    writeFileSync(file, makeZip([{ name: "word/document.xml", data: Buffer.from("<w/>") }]));
    expect(await readWorkbookInput(file, { messages: m })).toEqual({ ok: false, message: m.notXlsx(file) });
  });

  it("refuses an encrypted workbook (CFB container)", async () => {
    const file = tmp.path("secret.xlsx");
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    writeFileSync(file, cfb);
    expect(await readWorkbookInput(file, { messages: m })).toEqual({ ok: false, message: m.encrypted(file) });
  });

  it("refuses a zip bomb by its compression ratio before inflating it", async () => {
    const file = tmp.path("bomb.xlsx");
    writeFileSync(file, bombXlsx(64 * 1024 * 1024));
    const r = await guardFile(file, m);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^.*bomb\.xlsx：文件压缩比异常（约 \d+ 倍），疑似恶意文件，已拒绝读取。$/,
    );
  });

  it("refuses a zip whose directory declares more than 500 MB", async () => {
    const file = tmp.path("huge.xlsx");
    writeFileSync(file, bombXlsx(1000, 0xfffffff0));
    expect(await guardFile(file, m)).toEqual({ ok: false, message: m.tooLarge(file, 4096) });
  });

  it("abandons a reader that never settles after the time limit", async () => {
    const file = await write("hang.xlsx", quirks);
    const r = await readWorkbookInput(file, {
      messages: m,
      timeoutMs: 50,
      parse: () => new Promise(() => {}),
    });
    expect(r).toEqual({ ok: false, message: m.tooSlow(file, 0) });
  });

  it("says when the file does not exist", async () => {
    const file = tmp.path("missing.xlsx");
    expect(await readWorkbookInput(file, { messages: m })).toEqual({
      ok: false,
      message: `${file}：找不到该文件。`,
    });
  });
});
