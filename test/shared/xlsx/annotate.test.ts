/**
 * The annotated copy is the clerk's workbook, patched: every part the marks do not need comes
 * back byte for byte (WPS cell images, custom properties, a macro project, the clerk's notes,
 * conditional formats and dropdowns), the marks and notes are there, and the values read the same.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Workbook } from "@cj-tech-master/excelts";
import ExcelJS from "exceljs";
import { annotateXlsx, RESULT_SHEET } from "../../../shared/xlsx/annotate";
import { readXlsx } from "../../../shared/xlsx/read";
import { entryData, listZipEntries, type ZipEntry } from "../../../shared/xlsx/zip";
import { validateWorkbook } from "../../../shared/engine";
import { DEFAULT_REGISTRY } from "../../../shared/registry";
import type { SheetResult } from "../../../shared/report";
import { zlibInflater } from "../../../cli/read";
import { CELL_IMAGE_RELATIONSHIP, CELL_IMAGE_TYPES, cellImageParts } from "../../fixtures/wps";
import { makeZip, type ZipPart } from "../../fixtures/zip";
import { HEADER, cleanRow } from "../../hostile/files";
import { SHEET_HEAD, SHEET_TAIL, xlsxParts } from "../../hostile/helpers";
import { marksIn, notesOf, zipParts } from "./inspect";

const AS_OF = "2025-10-01";
const VBA = Buffer.from("d0cf11e0a1b11ae1" + "00".repeat(504), "hex");

/**
 * A clerk's 民情问题台账 as WPS and Excel users keep them: mistakes in rows 3–4, a note of the
 * clerk's on a marked cell (C3), a conditional format and a dropdown of their own, a WPS in-cell
 * picture (cellimages.xml + DISPIMG), custom document properties and a macro project (.xlsm).
 */
async function clerkWorkbook(): Promise<Uint8Array> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("民情问题台账");
  ws.getRow(1).values = HEADER;
  ws.getRow(2).values = cleanRow(1) as never;
  ws.getRow(3).values = [
    "M2",
    new Date(Date.UTC(2025, 8, 2)),
    "老牛弯",
    "道路",
    "村道破损",
    "待办",
    null,
    2,
    5,
  ] as never;
  ws.getRow(4).values = [
    "M3",
    new Date(Date.UTC(2025, 8, 3)),
    "老牛湾村",
    "修路",
    "村道破损",
    "待办",
    null,
    5,
    2,
  ] as never;
  for (const r of [2, 3, 4]) ws.getCell(`B${r}`).numFmt = "yyyy-mm-dd";
  ws.getCell("C3").note = "王会计：村名按村委会公章写";
  ws.getCell("E2").note = "照片见 J2";
  ws.addConditionalFormatting({
    ref: "H2:I4",
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        formulae: [4],
        priority: 1,
        style: { font: { bold: true } },
      },
    ],
  });
  ws.dataValidations.add("F2:F100", {
    type: "list",
    allowBlank: true,
    formulae: ['"待办,办理中,已解决,无法解决"'],
  });
  ws.getCell("J2").value = { formula: 'DISPIMG("ID_3A1F",1)', result: '=DISPIMG("ID_3A1F",1)' };
  const parts = await zipParts(new Uint8Array(await wb.xlsx.writeBuffer()));
  const out: ZipPart[] = [...parts].map(([name, data]) => ({ name, data }));
  const edit = (name: string, change: (xml: string) => string) => {
    const part = out.find((p) => p.name === name)!;
    part.data = change(part.data as string);
  };
  edit("[Content_Types].xml", (xml) =>
    xml
      .replace("spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml")
      .replace(
        "</Types>",
        CELL_IMAGE_TYPES +
          `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>` +
          `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`,
      ),
  );
  edit("xl/_rels/workbook.xml.rels", (xml) =>
    xml.replace(
      "</Relationships>",
      CELL_IMAGE_RELATIONSHIP +
        `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
    ),
  );
  edit("_rels/.rels", (xml) =>
    xml.replace(
      "</Relationships>",
      `<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`,
    ),
  );
  out.push(
    ...cellImageParts("ID_3A1F"),
    { name: "xl/vbaProject.bin", data: VBA },
    {
      name: "docProps/custom.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>`,
    },
  );
  return new Uint8Array(makeZip(out));
}

function entries(bytes: Uint8Array): Map<string, ZipEntry> {
  const list = listZipEntries(bytes);
  if (typeof list === "string") throw new Error(list);
  return new Map(list.map((e) => [e.name, e]));
}

let original: Uint8Array;
let results: SheetResult[];
let annotated: Awaited<ReturnType<typeof annotateXlsx>>;

beforeAll(async () => {
  original = await clerkWorkbook();
  const read = await readXlsx(original, { inflate: zlibInflater });
  if (!read.ok) throw new Error(read.problem);
  results = validateWorkbook(read.workbook, { asOf: AS_OF, registry: DEFAULT_REGISTRY });
  annotated = await annotateXlsx(original, results, { caption: "clerk.xlsm", inflate: zlibInflater });
});

describe("annotating a clerk's workbook", () => {
  it("finds the mistakes it is meant to", () => {
    expect(results[0].findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
      "unknown-branch C3",
      "enum D4",
      "inconsistent I4",
    ]);
  });

  it("copies every part the marks do not need byte for byte, compressed bytes included", async () => {
    const before = entries(original);
    const after = entries(annotated.bytes);
    const changed = [...before.keys()].filter((name) => {
      const a = entryData(original, before.get(name)!);
      const b = after.has(name) ? entryData(annotated.bytes, after.get(name)!) : null;
      return !b || Buffer.compare(Buffer.from(a!), Buffer.from(b)) !== 0;
    });
    expect(changed.sort()).toEqual([
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/comments1.xml",
      "xl/drawings/vmlDrawing1.vml",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    expect([...after.keys()].filter((n) => !before.has(n))).toEqual(["xl/worksheets/sheet2.xml"]);
    for (const name of [
      "xl/cellimages.xml",
      "xl/media/image1.png",
      "xl/vbaProject.bin",
      "docProps/custom.xml",
    ])
      expect(after.has(name), name).toBe(true);
  });

  it("keeps the clerk's notes, conditional format and dropdown, and adds its own marks beside them", async () => {
    const [a, b] = [await zipParts(original), await zipParts(annotated.bytes)];
    const sheetBefore = a.get("xl/worksheets/sheet1.xml")!;
    const sheetAfter = b.get("xl/worksheets/sheet1.xml")!;
    for (const element of [
      /<conditionalFormatting[^>]*>[\s\S]*?<\/conditionalFormatting>/,
      /<dataValidations[\s\S]*?<\/dataValidations>/,
      /<sheetData>[\s\S]*<\/sheetData>/,
    ])
      expect(sheetAfter).toContain(element.exec(sheetBefore)![0]);
    for (const comment of a.get("xl/comments1.xml")!.match(/<comment [\s\S]*?<\/comment>/g)!)
      expect(b.get("xl/comments1.xml")).toContain(comment);
    expect(marksIn(sheetAfter)).toEqual({ error: ["C3", "D4", "I4"], warning: [] });
    const notes = (await notesOf(annotated.bytes))["民情问题台账"];
    expect(notes).toEqual({
      C3: "王会计：村名按村委会公章写",
      E2: "照片见 J2",
      D4: expect.stringMatching(/^【台账校验】问题类别“修路”不是规定的选项/),
      I4: expect.stringMatching(/^【台账校验】/),
    });
    expect([annotated.cellsMarked, annotated.notesWritten]).toEqual([3, 2]);
  });

  it("reads back with the same values, plus a 校验结果 sheet linking each finding to its cell", async () => {
    const [before, after] = await Promise.all([
      readXlsx(original, { inflate: zlibInflater }),
      readXlsx(annotated.bytes, { inflate: zlibInflater }),
    ]);
    if (!before.ok || !after.ok) throw new Error("unreadable");
    expect(after.workbook.sheets[0]).toEqual(before.workbook.sheets[0]);
    expect(after.workbook.sheets.map((s) => s.name)).toEqual(["民情问题台账", RESULT_SHEET]);
    expect(after.workbook.sheets[1].values.slice(0, 3)).toEqual([
      ["clerk.xlsm"],
      ["工作表", "单元格", "级别", "问题类型", "列", "问题", "建议"],
      [
        "民情问题台账",
        "C3",
        "错误",
        "村（支部）不在名单中",
        "村",
        results[0].findings[0].message,
        results[0].findings[0].hint,
      ],
    ]);
    const sheet = (await zipParts(annotated.bytes)).get("xl/worksheets/sheet2.xml")!;
    expect(sheet).toContain(
      `<hyperlink ref="B3" location="&apos;民情问题台账&apos;!C3" display="C3"/>`.replace(/&apos;/g, "'"),
    );
  });

  it("opens in excelts and ExcelJS", async () => {
    const wb = new Workbook();
    await wb.xlsx.load(annotated.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["民情问题台账", RESULT_SHEET]);
    const js = new ExcelJS.Workbook();
    await js.xlsx.load(Buffer.from(annotated.bytes) as unknown as ArrayBuffer);
    expect(js.worksheets.map((w) => w.name)).toEqual(["民情问题台账", RESULT_SHEET]);
  });

  it("gives a clean workbook a 校验结果 sheet that says so, and marks nothing", async () => {
    const clean = await annotateXlsx(original, [], { inflate: zlibInflater });
    const parts = await zipParts(clean.bytes);
    expect(marksIn(parts.get("xl/worksheets/sheet1.xml")!)).toEqual({ error: [], warning: [] });
    expect(parts.get("xl/comments1.xml")).toBe((await zipParts(original)).get("xl/comments1.xml"));
    expect(parts.get("xl/worksheets/sheet2.xml")).toContain("未发现问题。");
  });

  it("gives a bare workbook (no styles, no strings, no rels of its sheet) the parts its marks need", async () => {
    const bare = new Uint8Array(
      makeZip(
        xlsxParts(
          SHEET_HEAD + `<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c></row>` + SHEET_TAIL,
        ),
      ),
    );
    const finding = { ...results[0].findings[0], sheet: "Sheet1", cell: "A1" };
    const out = await annotateXlsx(bare, [{ ...results[0], sheet: "Sheet1", findings: [finding] }], {
      inflate: zlibInflater,
    });
    const parts = await zipParts(out.bytes);
    expect(parts.get("xl/_rels/workbook.xml.rels")).toContain('Target="styles.xml"');
    expect(parts.get("[Content_Types].xml")).toContain('PartName="/xl/styles.xml"');
    expect(marksIn(parts.get("xl/worksheets/sheet1.xml")!).error).toEqual(["A1"]);
    const wb = new Workbook();
    await wb.xlsx.load(out.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sheet1", RESULT_SHEET]);
    expect((await notesOf(out.bytes)).Sheet1.A1).toMatch(/^【台账校验】/);
  });
});
