/**
 * Hostile text in the pane's 生成汇总 (writeSummaryInExcel): sheet names, kind, figure names and
 * breakdown labels carrying formula-like text, an XSS payload and a 32,767-character string are
 * written to the 汇总 sheet as text (number format "@" queued before the value, never a formula),
 * beside its native table, charts and A4 page setup; the number of syncs does not grow with the
 * number of sheets. Part of the hostile-input suite (docs/hostile.md).
 */
import { describe, expect, it } from "vitest";
import type { SheetResult } from "../../shared/report";
import type { SummaryLabels } from "../../addin/host";
import { writeSummaryInExcel } from "../../addin/excel/summary";
import { PROFILES, profileName, type ModelSheet } from "./strict-excel";
import { CELL_TEXT_LIMIT } from "./strict-excel/ranges";
import { useExcel } from "./excel-helpers";

/** The longest text a cell holds, formula-like too. */
const LONG = "=" + "x".repeat(CELL_TEXT_LIMIT - 1);
const PAYLOADS = [
  '=HYPERLINK("http://x","y")',
  "+1+1",
  "-2",
  "@SUM(A1)",
  "<img src=x onerror=alert(1)>",
  LONG,
];
/** Excel caps sheet names at 31 characters: every payload but the long one. */
const SHEET_NAMES = PAYLOADS.filter((p) => p.length <= 31);
const BREAKDOWN = "@byCategory";
const FORMULA_LIKE = /^[=+\-@]/;
const LABELS: SummaryLabels = { sheetName: "汇总", figure: "指标", value: "数值" };

/**
 * `n` sheets of results: hostile sheet names ("-2", "-25", …), kinds, figure names (every payload,
 * as numeric figures) and one breakdown per sheet whose labels are every payload.
 */
function hostileResults(n: number): SheetResult[] {
  return Array.from({ length: n }, (_, i): SheetResult => {
    const base = SHEET_NAMES[i % SHEET_NAMES.length];
    return {
      sheet: i < SHEET_NAMES.length ? base : `${base}${i}`,
      kind: PAYLOADS[i % PAYLOADS.length],
      headerRow: 2,
      rows: 3,
      errors: i,
      warnings: 2 * i,
      findings: [],
      records: [],
      summary: {
        ...Object.fromEntries(PAYLOADS.map((p, j) => [p, i + j / 2])),
        [BREAKDOWN]: Object.fromEntries(PAYLOADS.map((p, j) => [p, j + 1])),
        skipped: null,
      },
    };
  });
}

/** Rows × columns of a sheet's values from the top-left (0-based), as stored. */
function block(sheet: ModelSheet, row: number, col: number, rows: number, cols: number): unknown[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => sheet.rows.get(row + r)?.[col + c] ?? ""),
  );
}

/** Cell values with the long string shown by name, so a failure message stays readable. */
function shown(rows: readonly (readonly unknown[])[] | undefined): unknown[][] | undefined {
  return rows?.map((row) => row.map((v) => (v === LONG ? "<LONG>" : v)));
}

/** Every string stored as a cell value. */
function storedText(sheet: ModelSheet): string[] {
  return [...sheet.rows.values()].flat().filter((v): v is string => typeof v === "string" && v !== "");
}

const WRITING = PROFILES.filter((p) => p.level >= 13);

describe.each(WRITING.map((p) => [profileName(p), p] as const))(
  "生成汇总 with hostile text on %s",
  (_name, profile) => {
    const open = useExcel();

    it("writes every sheet name, kind, figure name and breakdown label as text, never as a formula", async () => {
      const n = 20;
      const excel = open([{ name: "Sheet1" }], profile);
      const results = hostileResults(n);
      await writeSummaryInExcel(results, LABELS);
      const sheet = excel.sheet(LABELS.sheetName);

      expect(sheet.formulas.size).toBe(0);
      const text = storedText(sheet);
      for (const p of PAYLOADS) expect(text).toContain(p);
      for (const r of results) expect(text).toContain(r.sheet);
      expect(text.filter((t) => t === LONG).length).toBeGreaterThan(0);
      expect(text.filter((t) => FORMULA_LIKE.test(t)).length).toBeGreaterThan(n * PAYLOADS.length);

      // Figures: a header and one row per numeric figure of every sheet, under a native table.
      const figureRows = 1 + n * PAYLOADS.length;
      expect(block(sheet, 0, 0, 1, 5)).toEqual([["工作表", "台账", "指标", "数值", "单位"]]);
      expect(shown(block(sheet, 1, 0, PAYLOADS.length, 5))).toEqual(
        shown(PAYLOADS.map((p, j) => [results[0].sheet, results[0].kind, p, j / 2, ""])),
      );
      expect(sheet.tables).toEqual([
        { address: `A1:E${figureRows}`, hasHeaders: true, style: "TableStyleMedium2" },
      ]);

      // Errors and warnings per sheet, then the first breakdown: hostile labels verbatim.
      expect(block(sheet, 0, 6, n + 1, 1).map((row) => row[0])).toEqual([
        "工作表",
        ...results.map((r) => r.sheet),
      ]);
      const top = n + 3; // below the counts and one blank row (0-based)
      expect(shown(block(sheet, top, 6, PAYLOADS.length + 1, 2))).toEqual(
        shown([[BREAKDOWN, "数值"], ...PAYLOADS.map((p, j) => [p, j + 1])]),
      );
      expect(String(sheet.rows.get(top + PAYLOADS.length)?.[6])).toHaveLength(CELL_TEXT_LIMIT);

      expect(sheet.charts).toEqual([
        {
          type: "ColumnClustered",
          source: `G1:I${n + 1}`,
          seriesBy: "Columns",
          title: "各表问题数",
          position: ["J2", "Q16"],
        },
        {
          type: "BarClustered",
          source: `G${top + 1}:H${top + 1 + PAYLOADS.length}`,
          seriesBy: "Columns",
          // A chart title is plain text in Office.js (ChartTitle.text), not a formula.
          title: `${results[0].sheet} · ${BREAKDOWN}`,
          position: ["J18", "Q34"],
        },
      ]);
      expect(sheet.page).toEqual({
        paperSize: "A4",
        orientation: "Landscape",
        zoom: { horizontalFitToPages: 1 },
      });
    });

    it("takes the same number of syncs for 1 sheet and for 20 sheets of results", async () => {
      const counts: number[] = [];
      for (const n of [1, 20]) {
        const excel = open([{ name: "Sheet1" }], profile);
        await writeSummaryInExcel(hostileResults(n), LABELS);
        counts.push(excel.syncs);
        const sheet = excel.sheet(LABELS.sheetName);
        expect(sheet.formulas.size).toBe(0);
        expect(sheet.tables).toHaveLength(1);
        expect(sheet.charts).toHaveLength(2);
      }
      // the old 汇总 sheet and the workbook's protection · write everything (docs/addin.md: 生成汇总 2)
      expect(counts).toEqual([2, 2]);
    });

    it("replaces an earlier 汇总 sheet instead of adding a second one", async () => {
      const excel = open([{ name: "Sheet1" }], profile);
      await writeSummaryInExcel(hostileResults(3), LABELS);
      await writeSummaryInExcel(hostileResults(2), LABELS);
      expect(excel.model.sheets.map((s) => s.name)).toEqual(["Sheet1", LABELS.sheetName]);
      expect(excel.sheet(LABELS.sheetName).tables).toEqual([
        expect.objectContaining({ address: `A1:E${1 + 2 * PAYLOADS.length}` }),
      ]);
    });

    it("refuses politely when the workbook's structure is protected", async () => {
      const excel = open([{ name: "Sheet1" }], profile);
      excel.model.structureProtected = true;
      await expect(writeSummaryInExcel(hostileResults(1), LABELS)).rejects.toMatchObject({
        key: "workbookProtected",
      });
      expect(excel.model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    });
  },
);

describe("生成汇总 with a ledger's real figures", () => {
  const open = useExcel();

  it("writes each figure with its unit beside it and a rate as a percentage", async () => {
    const excel = open([{ name: "Sheet1" }], WRITING[WRITING.length - 1]);
    const dues: SheetResult = {
      sheet: "党费",
      kind: "dues",
      headerRow: 3,
      rows: 3,
      errors: 0,
      warnings: 2,
      findings: [],
      records: [],
      summary: { members: 3, expected: 27, paid: 18.5, paidRate: 0.68518, unpaidMonths: 17.25, inArrears: 2 },
    };
    await writeSummaryInExcel([dues], LABELS);
    expect(block(excel.sheet(LABELS.sheetName), 0, 0, 7, 5)).toEqual([
      ["工作表", "台账", "指标", "数值", "单位"],
      ["党费", "党费收缴台账", "党员人数", 3, "人"],
      ["党费", "党费收缴台账", "应缴", 27, "元"],
      ["党费", "党费收缴台账", "实缴", 18.5, "元"],
      ["党费", "党费收缴台账", "缴纳率", 68.5, "%"],
      ["党费", "党费收缴台账", "欠缴月数", 17.25, "个月"],
      ["党费", "党费收缴台账", "欠缴 3 个月以上人数", 2, "人"],
    ]);
  });
});
