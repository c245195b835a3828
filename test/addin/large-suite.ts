/**
 * The workbooks that sank the old adapter, on the strict fake at every ExcelApi level of one
 * platform (one test file per platform, so they run side by side): a 100,000-row sheet, a stray
 * cell at A1048576, 2,000 merged areas, 18-digit 公民身份号码 through 汇总全镇, and cells that
 * already carry the clerk's notes and threaded comments. Each asserts the findings, the marks,
 * that no request or response broke Excel on the web's 5 MB, and that 清除标记 gives the sheet
 * back exactly. The 10- and 100,000-row checks record their syncs and payloads; with
 * LEDGERLINE_FIGURES=1 they are printed (docs/addin.md quotes them).
 */
import { afterAll, describe, expect, it } from "vitest";
import { kindById } from "../../shared/kinds";
import { validateInExcel } from "../../addin/excel/validate";
import { clearMarksInExcel } from "../../addin/excel/clear";
import { consolidateInExcel } from "../../addin/excel/consolidate";
import { MARKER_FORMULA, NOTE_PREFIX } from "../../addin/excel/record";
import { PAYLOAD_BUDGET_BYTES } from "../../addin/excel/writer";
import { PROFILES, profileName, snapshot, type Platform, type StrictExcel } from "./strict-excel";
import { WEB_PAYLOAD_LIMIT } from "./strict-excel/client";
import { keyOf } from "./strict-excel/model";
import { PHONE_MESSAGE, engine, modeOf, problemsSheet, useExcel } from "./excel-helpers";

const SHEET = "民情问题台账";

/** No batch the adapter sent was over what Excel on the web takes. */
function withinWebLimits(excel: StrictExcel): void {
  for (const b of excel.batches) {
    expect(b.requestBytes).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
    expect(b.responseBytes).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  }
}

/** A valid 18-digit ID number (GB 11643 check character) from its first 17 digits. */
function id18(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** Syncs and payload bytes of a run: the figures docs/addin.md gives. */
function figures(excel: StrictExcel) {
  const sum = (k: "requestBytes" | "responseBytes") => excel.batches.reduce((n, b) => n + b[k], 0);
  const max = (k: "requestBytes" | "responseBytes") => Math.max(0, ...excel.batches.map((b) => b[k]));
  return {
    syncs: excel.syncs,
    request: sum("requestBytes"),
    response: sum("responseBytes"),
    largest: Math.max(max("requestBytes"), max("responseBytes")),
  };
}

/** Syncs bounded by the payload: discovery, then one per budget's worth of bytes each way, never one per row. */
function boundedByPayload(f: ReturnType<typeof figures>): void {
  const budget = PAYLOAD_BUDGET_BYTES * 0.75;
  expect(f.syncs).toBeLessThanOrEqual(3 + Math.ceil(f.request / budget) + Math.ceil(f.response / budget));
}

export function largeSuite(platform: Platform): void {
  const table: string[] = [];
  afterAll(() => {
    if (process.env.LEDGERLINE_FIGURES) console.log(table.join("\n"));
  });
  const profiles = PROFILES.filter((p) => p.platform === platform).map((p) => [profileName(p), p] as const);

  describe.each(profiles)("large and awkward workbooks on %s", (name, profile) => {
    const openExcel = useExcel();
    const open = (specs: Parameters<typeof openExcel>[0]) => openExcel(specs, profile, true);
    const mode = modeOf(profile);

    it.each([10, 100_000])(
      "checks a %i-row sheet in syncs bounded by the payload, marks it, and 清除标记 gives it back",
      async (rows) => {
        const excel = open([{ name: SHEET, values: problemsSheet(rows), merges: ["A1:L1"] }]);
        const sheet = excel.sheet(SHEET);
        const before = snapshot(sheet);
        const outcome = await validateInExcel("sheet", engine);
        expect(outcome.results[0]).toMatchObject({ kind: "problems", rows, errors: rows, warnings: 0 });
        expect(outcome.results[0].findings[rows - 1]).toMatchObject({
          cell: `L${rows + 2}`,
          message: PHONE_MESSAGE,
        });
        withinWebLimits(excel);
        const validated = figures(excel);
        if (rows === 10) expect(validated.syncs).toBeLessThanOrEqual(3);
        boundedByPayload(validated);
        if (mode !== "list") {
          expect(sheet.cfs.map((cf) => cf.formula)).toEqual([MARKER_FORMULA.error]);
          expect(sheet.notes.size).toBe(mode === "notes" ? rows : 0);
        }
        excel.reset();
        await clearMarksInExcel();
        withinWebLimits(excel);
        const cleared = figures(excel);
        boundedByPayload(cleared);
        expect(snapshot(sheet)).toEqual(before);
        const mb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
        table.push(
          `${name} · ${rows} rows · validate: ${validated.syncs} syncs, ${mb(validated.request)} sent, ${mb(validated.response)} received, largest batch ${mb(validated.largest)} · clear: ${cleared.syncs} syncs, ${mb(cleared.request)} sent, ${mb(cleared.response)} received`,
        );
      },
    );

    it("reads a sheet with a stray cell at A1048576 in bounded reads and reports that row", async () => {
      const values = problemsSheet(10);
      const excel = open([{ name: SHEET, values }]);
      const sheet = excel.sheet(SHEET);
      sheet.rows.set(1_048_575, ["MQ-stray"]);
      const before = snapshot(sheet);
      const outcome = await validateInExcel("sheet", engine);
      const stray = outcome.results[0].findings.filter((f) => f.row === 1_048_576);
      expect(outcome.results[0].errors).toBe(10 + stray.length);
      expect(stray.map((f) => [f.code, f.cell])).toEqual([
        ["required", "B1048576"],
        ["required", "C1048576"],
        ["required", "E1048576"],
        ["required", "F1048576"],
        ["required", "H1048576"],
      ]);
      withinWebLimits(excel);
      if (mode === "notes") expect(sheet.notes.has(keyOf("B1048576"))).toBe(true);
      await clearMarksInExcel();
      expect(snapshot(sheet)).toEqual(before);
    });

    it("reads 2,000 merged areas (beyond the 512 one read may return) and gives no `required` for merged 村 cells", async () => {
      const rows = 4_000;
      const values = problemsSheet(rows);
      for (let r = 3; r < rows + 2; r += 2) values[r][2] = null; // the lower cell of each merged pair
      const merges = Array.from({ length: rows / 2 }, (_, i) => `C${3 + 2 * i}:C${4 + 2 * i}`);
      const excel = open([{ name: SHEET, values, merges }]);
      const sheet = excel.sheet(SHEET);
      const before = snapshot(sheet);
      const outcome = await validateInExcel("sheet", engine);
      const readMerges = outcome.workbook.sheets[0].merges;
      if (profile.level >= 13) {
        expect([...readMerges].sort()).toEqual([...merges].sort());
        expect(outcome.results[0].findings.map((f) => f.code)).toEqual(Array(rows).fill("pattern"));
      } else {
        // Below ExcelApi 1.13 merged areas cannot be read: the lower cells read as empty, which is why
        // the pane offers the list only there and sends the clerk to the standalone page.
        expect(readMerges).toEqual([]);
        expect(outcome.results[0].findings.filter((f) => f.code === "required")).toHaveLength(rows / 2);
      }
      withinWebLimits(excel);
      await clearMarksInExcel();
      expect(snapshot(sheet)).toEqual(before);
    });

    it.runIf(mode !== "list")(
      "writes a roll's 18-digit 公民身份号码 through 汇总全镇 digit for digit, and they check clean",
      async () => {
        const excel = open([{ name: "Sheet1" }]);
        const members = kindById("members");
        if (!members) throw new Error("members kind missing");
        const ids = Array.from({ length: 300 }, (_, i) =>
          id18(`14093219${String(70 + (i % 20)).padStart(2, "0")}0101${String(100 + i).slice(-3)}`),
        );
        await consolidateInExcel({
          township: "老牛湾镇",
          year: "2025",
          kinds: [
            {
              kind: members,
              rows: ids.map((id, i) => ({
                branch: "老牛湾村党支部",
                values: {
                  姓名: `党员${i}`,
                  性别: Number(id[16]) % 2 ? "男" : "女",
                  公民身份号码: id,
                  出生日期: `19${id.slice(8, 10)}-01-01`,
                  入党时间: "2010-07-01",
                  转正时间: "2011-07-01",
                  人员类别: "正式党员",
                  所在支部: "老牛湾村党支部",
                },
              })),
            },
          ],
        });
        const sheet = excel.sheet("党员花名册汇总");
        const idColumn = 1 + members.columns.findIndex((c) => c.name === "公民身份号码");
        expect(ids.map((_, i) => sheet.rows.get(i + 1)?.[idColumn])).toEqual(ids);
        expect(ids.some((id) => id.endsWith("X"))).toBe(true);
        // Checked again in this workbook: no ID read as a number, so no pattern or checksum error.
        excel.model.active = excel.model.sheets.indexOf(sheet);
        const outcome = await validateInExcel("sheet", engine);
        expect(outcome.results[0].findings.filter((f) => f.column === "公民身份号码")).toEqual([]);
      },
    );

    it.runIf(mode !== "list")(
      "writes 40,000 rows of numbers and blanks through 汇总全镇 in batches Excel on the web accepts",
      async () => {
        const excel = open([{ name: "Sheet1" }]);
        const dues = kindById("dues");
        if (!dues) throw new Error("dues kind missing");
        const months = dues.columns.filter((c) => /^\d+月$/.test(c.name)).map((c) => c.name);
        const rows = Array.from({ length: 40_000 }, (_, i) => ({
          branch: "老牛湾村党支部",
          values: {
            姓名: `党员${i}`,
            人员类别: "农民",
            "月应缴（元）": 100,
            ...Object.fromEntries(months.map((m, j) => [m, j % 3 === 0 ? null : 100])),
          },
        }));
        await consolidateInExcel({ township: "老牛湾镇", year: "2025", kinds: [{ kind: dues, rows }] });
        withinWebLimits(excel);
        const f = figures(excel);
        boundedByPayload(f);
        const sheet = excel.sheet("党费收缴台账汇总");
        expect(sheet.rows.size).toBe(40_001);
        const first = 1 + dues.columns.findIndex((c) => c.name === months[0]);
        // Blanks stay blank, numbers stay numbers (General), nothing became text or a formula.
        expect(
          sheet.rows
            .get(40_000)
            ?.slice(first, first + 3)
            .map((v) => typeof v),
        ).toEqual(["string", "number", "number"]);
        expect(sheet.rows.get(40_000)?.[first]).toBe("");
        expect(sheet.formulas.size).toBe(0);
      },
    );

    it("leaves the clerk's many notes and threaded comments as they are, marks around them, and clears back", async () => {
      const rows = 200;
      const notes: Record<string, string> = {};
      const comments: Record<string, string> = {};
      for (let r = 3; r < rows + 3; r++) {
        if (r % 4 === 0) notes[`L${r}`] = `第 ${r} 行电话待核实`;
        if (r % 4 === 1) comments[`L${r}`] = `第 ${r} 行已回访`;
        if (r % 7 === 0) notes[`F${r}`] = "描述来自走访记录";
      }
      const excel = open([{ name: SHEET, values: problemsSheet(rows), notes, comments }]);
      const sheet = excel.sheet(SHEET);
      const before = snapshot(sheet);
      const outcome = await validateInExcel("sheet", engine);
      expect(outcome.results[0].errors).toBe(rows);
      for (const [cell, text] of Object.entries(notes))
        expect(sheet.notes.get(keyOf(cell))?.content).toBe(text);
      for (const [cell, text] of Object.entries(comments))
        expect(sheet.comments.get(keyOf(cell))?.content).toBe(text);
      const ours = [...sheet.notes.values()].filter((n) => n.content.startsWith(NOTE_PREFIX)).length;
      expect(ours).toBe(
        mode === "notes"
          ? rows - Object.keys(notes).filter((c) => c.startsWith("L")).length - Object.keys(comments).length
          : 0,
      );
      withinWebLimits(excel);
      await validateInExcel("sheet", engine);
      await clearMarksInExcel();
      expect(snapshot(sheet)).toEqual(before);
    });
  });
}
