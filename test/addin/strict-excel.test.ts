/**
 * The strict fake refuses what Excel's documentation says Excel refuses — one test per rule, so
 * a rule dropped from the fake fails here before the adapter's suite can pass on a lenient fake.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isoToSerial } from "../../shared/read/dates";
import { API } from "./strict-excel/api";
import { keyOf } from "./strict-excel/model";
import type { Profile, SheetSpec } from "./strict-excel";
import { useExcel } from "./excel-helpers";

const WEB: Profile = { platform: "web", level: 18 };
const WINDOWS: Profile = { platform: "windows", level: 18 };
const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch);
const sheetOf = (context: Excel.RequestContext) => context.workbook.worksheets.getItem("表");
const specs = (extra: Partial<SheetSpec> = {}): SheetSpec[] => [{ name: "表", values: [["a", 1]], ...extra }];

describe("the strict Excel fake", () => {
  const open = useExcel();

  it("throws when a property is read before it is loaded and synced", async () => {
    open(specs(), WEB);
    await run(async (context) => {
      const range = sheetOf(context).getRange("A1:B1");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load("values");
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(range.values).toEqual([["a", 1]]);
    });
  });

  it("refuses a member above the profile's ExcelApi level when the batch runs", async () => {
    open(specs(), { platform: "windows", level: 17 });
    await expect(
      run(async (context) => {
        sheetOf(context).notes.getCount();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    open(specs(), { platform: "windows", level: 7 });
    await expect(
      run(async (context) => {
        sheetOf(context).getRanges("A1, B1").load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("refuses on the web a note property the web lacks, and a parameter-less load that asks for it (office-js#6198)", async () => {
    for (const [profile, outcome] of [
      [WEB, "NotImplemented"],
      [WINDOWS, null],
    ] as const) {
      open(specs({ notes: { A1: "说明" } }), profile);
      const load = (names?: string) =>
        run(async (context) => {
          const note = sheetOf(context).notes.getItemAt(0);
          note.load(names);
          await context.sync();
          return note.content;
        });
      await expect(load("content")).resolves.toBe("说明");
      if (outcome) {
        await expect(load("height")).rejects.toMatchObject({ code: outcome });
        await expect(load()).rejects.toMatchObject({ code: outcome });
      } else await expect(load()).resolves.toBe("说明");
    }
  });

  it('fails notes.load("items") on the web, as OfficeDev/office-js#6198 was closed by design, and takes named item loads', async () => {
    const load = (names: string) =>
      run(async (context) => {
        const notes = sheetOf(context).notes;
        notes.load(names);
        await context.sync();
        return notes.items.map((n) => n.content);
      });
    open(specs({ notes: { A1: "说明", B1: "备注" } }), WEB);
    await expect(load("items")).rejects.toMatchObject({ code: "NotImplemented" });
    await expect(load("items/content")).resolves.toEqual(["说明", "备注"]);
    open(specs({ notes: { A1: "说明", B1: "备注" } }), WINDOWS);
    await expect(load("items")).resolves.toEqual(["说明", "备注"]);
  });

  it("refuses on the web a request over 5 MB, which desktop Excel takes", async () => {
    const write = () =>
      run(async (context) => {
        const range = sheetOf(context).getRange("A1:A2000");
        range.values = Array.from({ length: 2000 }, () => ["字".repeat(1000)]);
        await context.sync();
      });
    open(specs(), WEB);
    await expect(write()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    open(specs(), WINDOWS);
    await expect(write()).resolves.toBeUndefined();
  });

  it("refuses on the web a response over 5 MB, which desktop Excel gives", async () => {
    const values = Array.from({ length: 2000 }, () => ["字".repeat(1000)]);
    const read = () =>
      run(async (context) => {
        const range = sheetOf(context).getRange("A1:A2000");
        range.load("values");
        await context.sync();
        return range.values.length;
      });
    open(specs({ values }), WEB);
    await expect(read()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    open(specs({ values }), WINDOWS);
    await expect(read()).resolves.toBe(2000);
  });

  it("gives null values for a read over 5,000,000 cells or of an unbounded range", async () => {
    open(specs(), WINDOWS);
    const read = (address: string) =>
      run(async (context) => {
        const range = sheetOf(context).getRange(address);
        range.load("values, rowCount");
        await context.sync();
        return [range.values === null, range.rowCount];
      });
    await expect(read("A1:E1000000")).resolves.toEqual([false, 1_000_000]);
    await expect(read("A1:F1000000")).resolves.toEqual([true, 1_000_000]);
    await expect(read("A:A")).resolves.toEqual([true, 1_048_576]);
  });

  it("fails getMergedAreasOrNullObject above 512 merged areas", async () => {
    const merges = (n: number) => Array.from({ length: n }, (_, i) => `A${2 * i + 1}:B${2 * i + 1}`);
    const read = () =>
      run(async (context) => {
        const areas = sheetOf(context).getRange("A1:B2000").getMergedAreasOrNullObject();
        areas.load("areaCount");
        await context.sync();
        return areas.isNullObject;
      });
    open(specs({ merges: merges(512) }), WINDOWS);
    await expect(read()).resolves.toBe(false);
    open(specs({ merges: merges(513) }), WINDOWS);
    await expect(read()).rejects.toMatchObject({ code: "GeneralException" });
  });

  it("refuses a typed dropdown list longer than 255 characters", async () => {
    open(specs(), WEB);
    const set = (source: string) =>
      run(async (context) => {
        sheetOf(context).getRange("A2:A10").dataValidation.rule = { list: { inCellDropDown: true, source } };
        await context.sync();
      });
    await expect(set("甲".repeat(255))).resolves.toBeUndefined();
    await expect(set("甲".repeat(256))).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("stores text written as General as Excel would type it, and text written as @ as it is", async () => {
    const excel = open(specs(), WEB);
    const texts = ["140932199001011234", "0012", "3-12", "TRUE", "=1+1", "-路面塌陷", "12%", "老牛湾"];
    await run(async (context) => {
      const sheet = sheetOf(context);
      sheet.getRange("A2:H2").values = [texts];
      const asText = sheet.getRange("A3:H3");
      asText.numberFormat = [texts.map(() => "@")];
      asText.values = [texts];
      await context.sync();
    });
    const model = excel.sheet("表");
    expect(model.rows.get(1)).toEqual([
      140932199001011000,
      12,
      isoToSerial("2025-03-12"),
      true,
      "#NAME?",
      "#NAME?",
      0.12,
      "老牛湾",
    ]);
    expect(model.formulas.get(keyOf("E2"))).toBe("=1+1");
    expect(model.rows.get(2)).toEqual(texts);
  });

  it("refuses every write to a protected sheet, and reads it", async () => {
    open(specs({ protected: true }), WEB);
    await expect(
      run(async (context) => {
        const range = sheetOf(context).getRange("A1");
        range.load("values");
        await context.sync();
        return range.values;
      }),
    ).resolves.toEqual([["a"]]);
    await expect(
      run(async (context) => {
        sheetOf(context).getRange("A1").values = [["b"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("refuses a note or a threaded comment where either already is", async () => {
    open(specs({ notes: { A1: "说明" }, comments: { B1: "讨论" } }), WEB);
    for (const [kind, cell] of [
      ["notes", "A1"],
      ["notes", "B1"],
      ["comments", "A1"],
      ["comments", "B1"],
    ] as const)
      await expect(
        run(async (context) => {
          sheetOf(context)[kind].add(cell, "新的");
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  it("refuses a custom property key over 255 characters, and new sheets in a protected structure", async () => {
    const excel = open(specs(), WEB);
    await expect(
      run(async (context) => {
        sheetOf(context).customProperties.add("k".repeat(256), "v");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    excel.model.structureProtected = true;
    await expect(
      run(async (context) => {
        context.workbook.worksheets.add("新表");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("resolves an item taken by position when the action runs, as Excel does", async () => {
    const excel = open(specs({ notes: { A1: "一", A2: "二", A3: "三" } }), WEB);
    await run(async (context) => {
      const notes = sheetOf(context).notes;
      notes.getItemAt(0).delete();
      notes.getItemAt(1).delete(); // now "三", not "二"
      await context.sync();
    });
    expect([...excel.sheet("表").notes.values()].map((n) => n.content)).toEqual(["二"]);
  });

  it("refuses work queued and never synced", async () => {
    open(specs(), WEB);
    await expect(
      run(async (context) => {
        sheetOf(context).getRange("A1").values = [["b"]];
      }),
    ).rejects.toMatchObject({ code: "UnsyncedWork" });
  });

  it("gives every modelled member the requirement set its reference page (and @types/office-js) gives", () => {
    const dts = readFileSync(join(process.cwd(), "node_modules/@types/office-js/index.d.ts"), "utf8");
    const start = dts.indexOf("\ndeclare namespace Excel {");
    const excel = dts.slice(start, dts.indexOf("\ndeclare namespace", start + 5));
    const mismatches: string[] = [];
    for (const [cls, members] of Object.entries(API)) {
      const body = new RegExp(
        `\\n    class ${cls} extends OfficeExtension\\.ClientObject \\{([\\s\\S]*?)\\n    \\}`,
      ).exec(excel)?.[1];
      if (!body) {
        mismatches.push(`${cls}: no class`);
        continue;
      }
      for (const [member, { set, noWeb }] of Object.entries(members)) {
        if (member === "items") continue;
        const doc = new RegExp(
          `/\\*\\*((?:(?!\\*/)[\\s\\S])*?)\\*/\\s*\\n\\s*(?:readonly\\s+)?${member}\\??[(:<]`,
        ).exec(body)?.[1];
        const found = doc && /\[Api set: ExcelApi 1\.(\d+)/.exec(doc)?.[1];
        const web = doc ? /not supported in Excel on the web/.test(doc) : false;
        if (Number(found) !== set || web !== Boolean(noWeb))
          mismatches.push(
            `${cls}.${member}: fake 1.${set}${noWeb ? " (not on the web)" : ""}, docs 1.${found}${web ? " (not on the web)" : ""}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
