/**
 * The hostile workbooks, written into a temp dir: readable ones that must give findings, and
 * unreadable ones that must give a one-line refusal. Built in code, never checked-in binaries.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Workbook, type Worksheet } from "@cj-tech-master/excelts";
import { SHEET_HEAD, SHEET_TAIL, deflateStream, makeZip, xlsxParts } from "./helpers";

export const HEADER = [
  "编号",
  "收集日期",
  "村",
  "问题类别",
  "问题描述",
  "办理状态",
  "解决日期",
  "受益户数",
  "受益人数",
];
export const LONG_TEXT = "长".repeat(32_767);

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A 民情问题台账 sheet: the header on row 1, then rows (dates given as Date get a date format). */
function problems(ws: Worksheet, rows: unknown[][]): void {
  ws.getRow(1).values = HEADER;
  rows.forEach((row, i) => {
    ws.getRow(2 + i).values = row as never;
    row.forEach((v, c) => {
      if (v instanceof Date) ws.getCell(2 + i, c + 1).numFmt = "yyyy-mm-dd";
    });
  });
}

/** A row that passes every check. */
export const cleanRow = (n: number): unknown[] => [
  "M" + n,
  utc(2025, 9, n),
  "老牛湾村",
  "道路",
  "村道破损",
  "待办",
  null,
  2,
  5,
];

async function save(wb: Workbook, file: string): Promise<string> {
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return file;
}

/** Readable hostile workbooks: name → builder. */
export const READABLE: Record<string, (wb: Workbook) => void> = {
  "empty-workbook.xlsx": () => {},
  "blank-sheet.xlsx": (wb) => {
    wb.addWorksheet("Sheet1");
  },
  "no-header.xlsx": (wb) => {
    const ws = wb.addWorksheet("民情问题台账");
    ws.getRow(1).values = ["M1", "2025-09-01", "老牛湾村", "道路", "村道破损", "待办"];
    ws.getRow(2).values = ["M2", "2025-09-02", "乾坤湾村", "饮水", "水管冻裂", "办理中"];
  },
  "long-text.xlsx": (wb) => {
    problems(wb.addWorksheet("民情问题台账"), [
      ["M1", utc(2025, 9, 1), "老牛湾村", "道路", LONG_TEXT, "待办", null, 2, 5],
    ]);
    // A 32,767-character header that matches nothing.
    wb.getWorksheet("民情问题台账")!.getCell("J1").value = LONG_TEXT;
  },
  "formula-errors.xlsx": (wb) => {
    const ws = wb.addWorksheet("民情问题台账");
    problems(ws, [cleanRow(1), cleanRow(2)]);
    ws.getCell("B2").value = { error: "#REF!" };
    ws.getCell("H2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("C3").value = { formula: "VLOOKUP(1,Z:Z,2,0)", result: { error: "#N/A" } };
  },
  "rich-text.xlsx": (wb) => {
    const ws = wb.addWorksheet("民情问题台账");
    problems(ws, [cleanRow(1)]);
    ws.getCell("B2").value = { richText: [{ text: "2025年" }, { font: { bold: true }, text: "9月12日" }] };
    ws.getCell("C2").value = { richText: [{ text: "老牛" }, { font: { italic: true }, text: "湾村" }] };
  },
  "hyperlinks.xlsx": (wb) => {
    const ws = wb.addWorksheet("民情问题台账");
    problems(ws, [cleanRow(1)]);
    ws.getCell("C2").value = { text: "乾坤湾村", hyperlink: "https://example.org/village" };
    ws.getCell("E2").value = { text: "详见链接", hyperlink: "javascript:alert(1)" };
  },
  "pre-1900.xlsx": (wb) => {
    const ws = wb.addWorksheet("民情问题台账");
    problems(ws, [cleanRow(1), cleanRow(2)]);
    ws.getCell("B2").value = "1899-12-31";
    ws.getCell("B3").value = utc(1850, 3, 1);
    ws.getCell("B3").numFmt = "yyyy-mm-dd";
  },
  "date1904.xlsx": (wb) => {
    wb.properties.date1904 = true;
    problems(wb.addWorksheet("民情问题台账"), [
      ["M1", utc(2025, 9, 1), "老牛湾村", "道路", "村道破损", "已解决", utc(2025, 9, 20), 2, 5],
      ["M2", utc(2025, 9, 30), "老牛湾村", "道路", "村道破损", "已解决", utc(2025, 9, 2), 2, 5],
    ]);
  },
  "hidden-sheets.xlsx": (wb) => {
    problems(wb.addWorksheet("可见"), [
      cleanRow(1),
      ["M2", utc(2025, 9, 2), "老牛湾村", "道路", "村道破损", "待办", null, 5, 2],
    ]);
    problems(wb.addWorksheet("隐藏", { state: "hidden" }), [
      ["M1", utc(2025, 9, 1), "不存在村", "道路", "村道破损", "待办", null, 2, 5],
    ]);
    problems(wb.addWorksheet("深度隐藏", { state: "veryHidden" }), [
      ["M1", utc(2025, 9, 1), "老牛湾村", "道路", "村道破损", "完成", null, 2, 5],
    ]);
  },
  "far-corner.xlsx": (wb) => {
    problems(wb.addWorksheet("民情问题台账"), [cleanRow(1)]);
    wb.getWorksheet("民情问题台账")!.getCell("XFD1048576").value = "尾";
    wb.addWorksheet("最右列").getCell("XFD1").value = "右";
    wb.addWorksheet("最末行").getCell("A1048576").value = "底";
  },
};

export async function writeReadable(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, build] of Object.entries(READABLE)) {
    const wb = new Workbook();
    build(wb);
    out[name] = await save(wb, `${dir}/${name}`);
  }
  // Merged areas over the whole sheet and thousands of full-width merges (written as raw XML:
  // excelts refuses overlapping merges, a hostile file need not).
  const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>村</t></is></c></row>`;
  const merges = [`<mergeCell ref="A1:XFD1048576"/>`];
  for (let i = 2; i <= 5001; i++) merges.push(`<mergeCell ref="A${i}:XFD${i}"/>`);
  const xml =
    SHEET_HEAD +
    rows +
    `</sheetData><mergeCells count="${merges.length}">${merges.join("")}</mergeCells></worksheet>`;
  out["merges.xlsx"] = `${dir}/merges.xlsx`;
  writeFileSync(out["merges.xlsx"], makeZip(xlsxParts(xml)));
  // A sheet part whose <dimension> claims the whole grid around one real cell.
  const dim =
    SHEET_HEAD.replace("<sheetData>", `<dimension ref="A1:XFD1048576"/><sheetData>`) + rows + SHEET_TAIL;
  out["dimension.xlsx"] = `${dir}/dimension.xlsx`;
  writeFileSync(out["dimension.xlsx"], makeZip(xlsxParts(dim)));
  // "Billion laughs": nested entities in the shared strings; a parser that expands them needs gigabytes.
  const lol = [`<!ENTITY lol0 "lollollollollollollollollollol">`];
  for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const parts = xlsxParts(SHEET_HEAD + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + SHEET_TAIL);
  parts.push({
    name: "xl/sharedStrings.xml",
    data: `<?xml version="1.0"?><!DOCTYPE sst [${lol.join("")}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>`,
  });
  out["billion-laughs.xlsx"] = `${dir}/billion-laughs.xlsx`;
  writeFileSync(out["billion-laughs.xlsx"], makeZip(parts));
  return out;
}

/** Unreadable files: each must be refused with one line naming it. */
export async function writeUnreadable(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const put = (name: string, data: Uint8Array | string) => {
    out[name] = `${dir}/${name}`;
    writeFileSync(out[name], data);
  };
  // An encrypted workbook is an OLE/CFB container: its signature, then sectors.
  const cfb = Buffer.alloc(8192, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
  cfb.write("EncryptedPackage", 1024, "utf16le");
  put("encrypted.xlsx", cfb);
  put("text.xlsx", "编号,村\n1,老牛湾村\n");
  put("zero-bytes.xlsx", "");
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from("0000000d49484452000000010000000108060000001f15c489", "hex"),
    Buffer.alloc(64, 0),
  ]);
  put("picture.xlsx", png);
  const wb = new Workbook();
  problems(wb.addWorksheet("民情问题台账"), [cleanRow(1), cleanRow(2)]);
  const good = new Uint8Array(await wb.xlsx.writeBuffer());
  put("truncated.xlsx", good.subarray(0, Math.floor(good.length * 0.6)));
  put("not-a-workbook.xlsx", makeZip([{ name: "word/document.xml", data: "<w:document/>" }]));
  put("invalid-xml.xlsx", makeZip(xlsxParts(SHEET_HEAD + `<row r="1"><c r="A1"><v>1</v></c>` + "<<<>>>&&&")));
  out["folder.xlsx"] = `${dir}/folder.xlsx`;
  mkdirSync(out["folder.xlsx"]);
  out["missing.xlsx"] = `${dir}/missing.xlsx`;
  return out;
}

/** 1 GiB of "0" inside one cell's <v>: the zip bomb's worksheet part, deflated as a stream (≈ 1 MB). */
export async function gigabyteSheet() {
  return deflateStream(
    SHEET_HEAD + `<row r="1"><c r="A1"><v>`,
    Buffer.alloc(1 << 20, 0x30),
    1024,
    `</v></c></row>` + SHEET_TAIL,
  );
}

/** The same bomb, once with honest sizes in the zip directory and once claiming 4 KB. */
export async function writeBombs(dir: string): Promise<{ honest: string; lying: string; ratio: string }> {
  const sheet = await gigabyteSheet();
  const honest = `${dir}/bomb-honest.xlsx`;
  const lying = `${dir}/bomb-lying.xlsx`;
  const ratio = `${dir}/bomb-ratio.xlsx`;
  writeFileSync(honest, makeZip(xlsxParts(sheet)));
  writeFileSync(lying, makeZip(xlsxParts(sheet, { declaredSize: 4096 })));
  // 64 MB that inflates from ≈ 64 KB: under the 500 MB cap, refused by its ratio.
  const small = await deflateStream(
    SHEET_HEAD + `<row r="1"><c r="A1"><v>`,
    Buffer.alloc(1 << 20, 0x30),
    64,
    `</v></c></row>` + SHEET_TAIL,
  );
  writeFileSync(ratio, makeZip(xlsxParts(small)));
  return { honest, lying, ratio };
}

export function sizeOf(file: string): number {
  return readFileSync(file).length;
}
