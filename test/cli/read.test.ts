import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { Workbook } from "@cj-tech-master/excelts";
import { readWorkbookInput } from "../../cli/read";
import { run } from "../../cli/run";
import { cliMessages } from "../../shared/messages/cli";
import { serialToIso } from "../../shared/read/dates";
import type { WorkbookInput } from "../../shared/workbook";
import { tempDir, utc } from "./helpers";
import { bombXlsx, makeZip } from "./zipfile";
import { SHEET_HEAD, SHEET_TAIL, xlsxParts } from "../hostile/helpers";

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

async function read(file: string): Promise<WorkbookInput> {
  const r = await readWorkbookInput(file, { messages: m });
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

  it("lists each formula cell compactly: runs down a column, and same-row runs side by side", async () => {
    const file = await write("formulas.xlsx", (wb) => {
      const ws = wb.addWorksheet("台账");
      for (let r = 4; r <= 503; r++) ws.getCell(`A${r}`).value = { formula: "ROW()-3", result: r - 3 };
      for (let r = 4; r <= 6; r++)
        for (const c of ["K", "L"]) ws.getCell(`${c}${r}`).value = { formula: "SUM(1,1)", result: 2 };
      ws.getCell("M9").value = { formula: '""', result: "" };
      ws.getCell("B4").value = "张三";
    });
    const [sheet] = (await read(file)).sheets;
    expect(sheet.formulas).toEqual(["A4:A503", "K4:L6", "M9"]);
    // Cached results are the values; an empty text result is an empty cell.
    expect(sheet.values[3].slice(0, 2)).toEqual([1, "张三"]);
    expect(sheet.values[8]?.[12] ?? null).toBeNull();
  });

  it("finds merges in a worksheet part whatever the chunking", async () => {
    const xml =
      SHEET_HEAD +
      `<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>` +
      `</sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C9:C3"/>${'<mergeCell ref="D1"/>'}</mergeCells></worksheet>`;
    const file = tmp.path("merges-raw.xlsx");
    writeFileSync(file, makeZip(xlsxParts(xml)));
    const [sheet] = (await read(file)).sheets;
    expect(sheet.merges).toEqual(["A1:B2", "C3:C9", "D1:D1"]);
    expect(sheet.values).toEqual([["标题"]]);
  });

  it("reads inline strings, phonetic runs left out, and cells without an address", async () => {
    const xml =
      SHEET_HEAD +
      `<row r="2"><c t="inlineStr"><is><r><t>老牛</t></r><r><rPr><b/></rPr><t xml:space="preserve">湾 </t></r><rPh sb="0" eb="1"><t>LAO</t></rPh></is></c>` +
      `<c><v>1.5</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><v>a&amp;b</v></c><c t="d"><v>2025-09-12</v></c>` +
      `<c t="inlineStr"><f>CONCATENATE("a","b")</f><is><t>ab</t></is></c></row>` +
      SHEET_TAIL;
    const file = tmp.path("inline.xlsx");
    writeFileSync(file, makeZip(xlsxParts(xml)));
    const [sheet] = (await read(file)).sheets;
    expect(sheet.values).toEqual([[], ["老牛湾 ", 1.5, true, "#N/A", "a&b", 45912, "ab"]]);
    expect(sheet.formulas).toEqual(["G2"]);
  });

  it("reads line ends as XML does (CR LF in the file is LF, &#13; stays CR), and an empty string table", async () => {
    const xml =
      SHEET_HEAD +
      `<row r="1"><c r="A1" t="inlineStr"><is><t>一\r\n二\r三&#13;\n四</t></is></c><c r="B1"><v>2</v></c></row>` +
      SHEET_TAIL;
    const parts = xlsxParts(xml);
    parts.push({ name: "xl/sharedStrings.xml", data: `<?xml version="1.0"?>\r\n<sst xmlns="x"/>` });
    const file = tmp.path("line-ends.xlsx");
    writeFileSync(file, makeZip(parts));
    expect((await read(file)).sheets[0].values).toEqual([["一\n二\n三\r\n四", 2]]);
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
    const r = await readWorkbookInput(file, { messages: m });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^.*bomb\.xlsx：文件压缩比异常（约 \d+ 倍），疑似恶意文件，已拒绝读取。$/,
    );
  });

  it("refuses a zip whose directory declares more than 500 MB", async () => {
    const file = tmp.path("huge.xlsx");
    writeFileSync(file, bombXlsx(1000, 0xfffffff0));
    expect(await readWorkbookInput(file, { messages: m })).toEqual({
      ok: false,
      message: m.tooLarge(file, 4096),
    });
  });

  it("refuses sheet XML that is cut off or not XML", async () => {
    for (const [name, xml] of [
      ["cut.xlsx", SHEET_HEAD + `<row r="1"><c r="A1"><v>1</v></c>`],
      ["garbage.xlsx", SHEET_HEAD + `<row r="1"><c r="A1"><v>1</v></c><<<>>>&&&</row>` + SHEET_TAIL],
      ["bad-index.xlsx", SHEET_HEAD + `<row r="1"><c r="A1" t="s"><v>7</v></c></row>` + SHEET_TAIL],
      ["stray-text.xlsx", SHEET_HEAD.replace("<worksheet", "foo\r\n<worksheet") + SHEET_TAIL],
    ]) {
      const file = tmp.path(name);
      const parts = xlsxParts(xml);
      if (name === "bad-index.xlsx")
        parts.push({ name: "xl/sharedStrings.xml", data: `<sst><si><t>x</t></si></sst>` });
      writeFileSync(file, makeZip(parts));
      expect([name, await readWorkbookInput(file, { messages: m })]).toEqual([
        name,
        { ok: false, message: m.notXlsx(file) },
      ]);
    }
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

describe("the progress line", () => {
  it("is drawn for several files on a terminal, reaching 100 %, and cleared before the report", async () => {
    const files = [await write("p1.xlsx", quirks), await write("p2.xlsx", quirks)];
    const lines: string[] = [];
    let out = "";
    const code = await run(["validate", ...files, "--as-of", "2025-10-01"], {
      out: (t) => (out += t),
      err: () => undefined,
      progress: (line) => lines.push(line),
    });
    expect(code).toBe(0);
    expect(lines).toContain(`正在读取 ${files[0]} … 100%`);
    expect(lines).toContain(`正在读取 ${files[1]} … 100%`);
    expect(lines.at(-1)).toBe("");
    expect(out).toContain("合计：2 个文件");
  });

  it("is not drawn for one small file read in an instant", async () => {
    const file = await write("p3.xlsx", quirks);
    const lines: string[] = [];
    await run(["validate", file, "--as-of", "2025-10-01"], {
      out: () => undefined,
      err: () => undefined,
      progress: (line) => lines.push(line),
    });
    expect(lines.filter(Boolean)).toEqual([]);
  });
});
