/**
 * One template layout (shared/template-layout.ts), two writers: 插入模板 in Excel and the .xlsx
 * template draw the same title, headers, widths, text columns, dropdowns and hints. A dropdown
 * too long for Excel's 255 typed characters (a township with 30 branches) goes to the hidden list
 * sheet in both, instead of being refused by Excel (and leaving a half-built sheet).
 */
import { describe, expect, it } from "vitest";
import { Workbook } from "@cj-tech-master/excelts";
import { kindById } from "../../shared/kinds";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { LIST_SHEET, templateLayout } from "../../shared/template-layout";
import { buildTemplate } from "../../shared/xlsx/template";
import { insertTemplateInExcel } from "../../addin/excel/template";
import { PROFILES, profileName } from "./strict-excel";
import { areaAddress } from "./strict-excel/model";
import { useExcel } from "./excel-helpers";

const problems = kindById("problems");
const members = kindById("members");
if (!problems || !members) throw new Error("kinds missing");

/** A township with 30 village branches: their names joined are far over 255 characters. */
const BIG: Registry = {
  ...DEFAULT_REGISTRY,
  branches: Array.from({ length: 30 }, (_, i) => ({
    name: `第${i + 1}行政村党支部`,
    village: `第${i + 1}行政村`,
    aliases: [],
  })),
};

describe("the template layout", () => {
  it("is derived from the kind's columns: headers, text columns, dropdowns and hints", () => {
    const layout = templateLayout(members, DEFAULT_REGISTRY, { year: 2025 });
    expect(layout.title.text).toBe("老牛湾镇党员花名册（2025年）");
    expect(layout.columns.map((c) => c.header)).toEqual(
      members.columns.map((c) => (c.required ? `${c.name}*` : c.name)),
    );
    expect(layout.columns.filter((c) => c.text).map((c) => c.def.name)).toEqual(["公民身份号码", "联系电话"]);
    expect(layout.columns.find((c) => c.def.name === "性别")?.dropdown).toEqual({
      kind: "inline",
      values: ["男", "女"],
      source: "男,女",
    });
    expect(layout.lists).toEqual([]);
  });

  it("puts a list over 255 typed characters on the list sheet", () => {
    const layout = templateLayout(problems, BIG, { year: 2025 });
    const village = layout.columns.find((c) => c.def.name === "村");
    expect(village?.dropdown).toMatchObject({ kind: "sheet", list: 0 });
    expect(layout.lists).toEqual([BIG.branches.map((b) => b.name)]);
  });
});

describe("the .xlsx template draws the layout", () => {
  it("with long lists on a hidden list sheet the validation points at", async () => {
    const wb = new Workbook();
    await wb.xlsx.load(await buildTemplate(problems, { registry: BIG, year: 2025 }).xlsx.writeBuffer());
    const lists = wb.getWorksheet(LIST_SHEET);
    expect(lists?.state).toBe("hidden");
    expect(lists?.getCell("A30").value).toBe("第30行政村党支部");
    const ws = wb.getWorksheet("民情问题台账");
    expect(ws?.dataValidations.find("D3")).toMatchObject({
      type: "list",
      formulae: [`'${LIST_SHEET}'!$A$1:$A$30`],
    });
    expect(ws?.dataValidations.find("F3")).toMatchObject({
      type: "list",
      formulae: ['"饮水,道路,住房,医疗,教育,就业,社会保障,环境卫生,产业,其他"'],
    });
  });
});

const WRITING = PROFILES.filter((p) => p.level >= 13);

describe.each(WRITING.map((p) => [profileName(p), p] as const))(
  "插入模板 on %s draws the same layout",
  (_n, profile) => {
    const open = useExcel();

    it("title, headers, text columns, dropdowns, hints, frozen header and A4, in one write", async () => {
      const excel = open([{ name: "Sheet1" }], profile);
      const name = await insertTemplateInExcel(members, DEFAULT_REGISTRY, 2025);
      expect(name).toBe("党员花名册");
      expect(excel.syncs).toBe(2);
      const sheet = excel.sheet(name);
      const layout = templateLayout(members, DEFAULT_REGISTRY, { year: 2025 });
      expect(sheet.rows.get(0)?.[0]).toBe(layout.title.text);
      expect(sheet.rows.get(1)).toEqual([layout.serial.header, ...layout.columns.map((c) => c.header)]);
      expect(sheet.merges.map(areaAddress)).toEqual([
        `A1:${String.fromCharCode(65 + layout.columns.length)}1`,
      ]);
      const id = 1 + layout.columns.findIndex((c) => c.def.name === "公民身份号码");
      expect(sheet.formats.get(2 * 16384 + id)).toBe("@");
      expect(sheet.formats.get(501 * 16384 + id)).toBe("@");
      const gender = sheet.validations.find((v) => areaAddress(v.areas[0]) === "C3:C502");
      expect(gender).toMatchObject({
        rule: { list: { inCellDropDown: true, source: "男,女" } },
        prompt: { showPrompt: true, title: "性别", message: layout.columns[1].prompt.message },
      });
      expect(sheet.layout.freeze).toBe("A1:A2");
      expect(sheet.page).toMatchObject({
        paperSize: "A4",
        orientation: "Landscape",
        printTitleRows: "$1:$2",
        centerFooter: layout.page.footer,
      });
    });

    it("puts a 30-branch dropdown on the hidden list sheet instead of a list Excel refuses", async () => {
      const excel = open([{ name: "Sheet1" }], profile);
      await insertTemplateInExcel(problems, BIG, 2025);
      const lists = excel.sheet(LIST_SHEET);
      expect(lists.visibility).toBe("Hidden");
      expect([...lists.rows.values()].map((r) => r[0])).toEqual(BIG.branches.map((b) => b.name));
      const village = excel
        .sheet("民情问题台账")
        .validations.find((v) => areaAddress(v.areas[0]) === "D3:D502");
      expect(village?.rule).toEqual({ list: { inCellDropDown: true, source: `=${LIST_SHEET}!A1:A30` } });

      // A second template adds its lists beside the first's, leaving them in place.
      await insertTemplateInExcel(problems, BIG, 2026);
      expect(excel.sheet(LIST_SHEET).rows.get(0)?.slice(0, 2)).toEqual([
        "第1行政村党支部",
        "第1行政村党支部",
      ]);
      const again = excel
        .sheet("民情问题台账(2)")
        .validations.find((v) => areaAddress(v.areas[0]) === "D3:D502");
      expect(again?.rule).toEqual({ list: { inCellDropDown: true, source: `=${LIST_SHEET}!B1:B30` } });
    });

    it("refuses politely, before writing anything, when the workbook's structure is protected", async () => {
      const excel = open([{ name: "Sheet1" }], profile);
      excel.model.structureProtected = true;
      await expect(insertTemplateInExcel(problems, BIG, 2025)).rejects.toMatchObject({
        key: "workbookProtected",
      });
      expect(excel.model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    });
  },
);
