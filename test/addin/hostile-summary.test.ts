/**
 * Hostile text in the pane's 生成汇总 (writeSummaryInExcel): sheet names, kind, figure names and
 * breakdown labels carrying formula-like text, an XSS payload and a 32,767-character string are
 * written to the 汇总 sheet as text (number format "@" queued before the value, never a formula),
 * beside its native table, charts and A4 page setup; the number of syncs does not grow with the
 * number of sheets. Part of the hostile-input suite (docs/hostile.md).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { SheetResult } from "../../shared/report";
import type { SummaryLabels } from "../../addin/host";
import { writeSummaryInExcel } from "../../addin/excel/adapter";
import { CELL_TEXT_LIMIT, fakeExcel, fakeSheet, type FakeSheet } from "./excel-fake";

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

function summarySheet(sheets: FakeSheet[]): FakeSheet {
  const found = sheets.filter((s) => s.name === LABELS.sheetName);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Every formula-like string written without "@" queued before it at the same cell (none expected). */
function offenders(sheet: FakeSheet): string[] {
  const out: string[] = [];
  sheet.writes.forEach((write, at) => {
    if (write.formulas) out.push(`${write.address}: formulas written`);
    if (!write.values) return;
    const format = sheet.writes
      .slice(0, at)
      .reverse()
      .find((w) => w.address === write.address && w.numberFormat)?.numberFormat;
    write.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== "string") return;
        const f = format?.[r]?.[c];
        if (FORMULA_LIKE.test(v) ? f !== "@" : f !== "@" && f !== "General")
          out.push(`${write.address}[${r}][${c}] ${JSON.stringify(v.slice(0, 40))} as ${String(f)}`);
      }),
    );
  });
  return out;
}

/** Cell values with the long string shown by name, so a failure message stays readable. */
function shown(rows: readonly (readonly unknown[])[] | undefined): unknown[][] | undefined {
  return rows?.map((row) => row.map((v) => (v === LONG ? "<LONG>" : v)));
}

/** Every string written as a cell value. */
function writtenText(sheet: FakeSheet): string[] {
  return sheet.writes.flatMap((w) =>
    (w.values ?? []).flat().filter((v): v is string => typeof v === "string"),
  );
}

describe("生成汇总 with hostile text", () => {
  const saved = {
    Excel: (globalThis as Record<string, unknown>).Excel,
    Office: (globalThis as Record<string, unknown>).Office,
  };
  afterEach(() => Object.assign(globalThis, saved));

  it("writes every sheet name, kind, figure name and breakdown label as text, never as a formula", async () => {
    const n = 20;
    const sheets = [fakeSheet("Sheet1", [])];
    fakeExcel(sheets).install();
    const results = hostileResults(n);
    await writeSummaryInExcel(results, LABELS);
    const sheet = summarySheet(sheets);

    expect(offenders(sheet)).toEqual([]);
    const text = writtenText(sheet);
    for (const p of PAYLOADS) expect(text).toContain(p);
    for (const r of results) expect(text).toContain(r.sheet);
    expect(text.filter((t) => t === LONG).length).toBeGreaterThan(0);
    expect(text.filter((t) => FORMULA_LIKE.test(t)).length).toBeGreaterThan(n * PAYLOADS.length);

    // Figures: a header and one row per numeric figure of every sheet, under a native table.
    const figureRows = 1 + n * PAYLOADS.length;
    const figures = sheet.writes.find((w) => w.values && w.address === `A1:D${figureRows}`);
    expect(figures?.values?.[0]).toEqual(["工作表", "台账", "指标", "数值"]);
    expect(shown(figures?.values?.slice(1, 1 + PAYLOADS.length))).toEqual(
      shown(PAYLOADS.map((p, j) => [results[0].sheet, results[0].kind, p, j / 2])),
    );
    expect(sheet.tables).toEqual([
      { address: `A1:D${figureRows}`, hasHeaders: true, style: "TableStyleMedium2" },
    ]);

    // Errors and warnings per sheet, then the first breakdown: hostile labels verbatim.
    const counts = sheet.writes.find((w) => w.values && w.address === `F1:H${n + 1}`);
    expect(counts?.values?.map((row) => row[0])).toEqual(["工作表", ...results.map((r) => r.sheet)]);
    const top = n + 4; // below the counts and one blank row
    const breakdown = sheet.writes.find((w) => w.values && w.address === `F${top}:G${top + PAYLOADS.length}`);
    expect(shown(breakdown?.values)).toEqual(
      shown([[BREAKDOWN, "数值"], ...PAYLOADS.map((p, j) => [p, j + 1])]),
    );
    expect(breakdown?.values?.[PAYLOADS.length][0]).toHaveLength(CELL_TEXT_LIMIT);

    expect(sheet.charts).toEqual([
      {
        type: "ColumnClustered",
        source: `F1:H${n + 1}`,
        seriesBy: "Columns",
        title: "各表问题数",
        position: ["J2", "Q16"],
      },
      {
        type: "BarClustered",
        source: `F${top}:G${top + PAYLOADS.length}`,
        seriesBy: "Columns",
        // A chart title is plain text in Office.js (ChartTitle.text), not a formula.
        title: `${results[0].sheet} · ${BREAKDOWN}`,
        position: ["J18", "Q34"],
      },
    ]);
    expect(sheet.pageLayout).toEqual({ paperSize: "A4", orientation: "Landscape" });
  });

  it("takes the same number of syncs for 1 sheet and for 20 sheets of results", async () => {
    const counts: number[] = [];
    for (const n of [1, 20]) {
      const sheets = [fakeSheet("Sheet1", [])];
      const excel = fakeExcel(sheets);
      excel.install();
      await writeSummaryInExcel(hostileResults(n), LABELS);
      counts.push(excel.syncs);
      const sheet = summarySheet(sheets);
      expect(offenders(sheet)).toEqual([]);
      expect(sheet.tables).toHaveLength(1);
      expect(sheet.charts).toHaveLength(2);
    }
    // the old 汇总 sheet · write everything (as docs/addin.md states: 生成汇总 2)
    expect(counts).toEqual([2, 2]);
  });

  it("replaces an earlier 汇总 sheet instead of adding a second one", async () => {
    const sheets = [fakeSheet("Sheet1", [])];
    fakeExcel(sheets).install();
    await writeSummaryInExcel(hostileResults(3), LABELS);
    await writeSummaryInExcel(hostileResults(2), LABELS);
    const sheet = summarySheet(sheets);
    expect(sheet.tables).toEqual([expect.objectContaining({ address: `A1:D${1 + 2 * PAYLOADS.length}` })]);
    expect(offenders(sheet)).toEqual([]);
  });
});
