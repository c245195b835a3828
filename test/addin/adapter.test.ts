import { afterEach, describe, expect, it } from "vitest";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { kindById } from "../../shared/kinds";
import type { CellValue } from "../../shared/workbook";
import type { Engine } from "../../addin/host";
import {
  MARKER_FORMULA,
  MARK_KEY,
  clearMarksInExcel,
  consolidateInExcel,
  textSafeFormats,
  validateInExcel,
  valuesFromA1,
} from "../../addin/excel/adapter";
import { fakeExcel, fakeSheet } from "./excel-fake";
import { PROBLEM_COLUMNS, PROBLEM_TITLE, problemRow } from "../fixtures/problem-rows";

/** A 民情问题台账 with `rows` data rows; every row has a bad phone number in column L. */
function problemsSheet(rows: number): CellValue[][] {
  const values: CellValue[][] = [[PROBLEM_TITLE], [...PROBLEM_COLUMNS]];
  for (let i = 1; i <= rows; i++) {
    values.push(
      problemRow(i, {
        村: "老牛湾",
        问题描述: "水管坏了",
        办理状态: "办理中",
        解决日期: null,
        受益户数: 1,
        受益人数: 2,
        联系电话: "12345",
      }),
    );
  }
  return values;
}

const engine: Engine = (workbook, sheets) =>
  validateWorkbook(workbook, { asOf: "2025-10-01", registry: DEFAULT_REGISTRY, sheets });

describe("Excel adapter", () => {
  const saved = {
    Excel: (globalThis as Record<string, unknown>).Excel,
    Office: (globalThis as Record<string, unknown>).Office,
  };
  afterEach(() => Object.assign(globalThis, saved));

  it("validates a 10-row and a 10,000-row sheet with the same number of syncs, at most 3", async () => {
    const counts: number[] = [];
    for (const rows of [10, 10_000]) {
      const sheet = fakeSheet("民情问题台账", problemsSheet(rows), ["A1:L1"]);
      const excel = fakeExcel([sheet]);
      excel.install();
      const outcome = await validateInExcel("sheet", engine);
      counts.push(excel.syncs);
      expect(outcome.results[0].kind).toBe("problems");
      expect(outcome.results[0].errors).toBe(rows);
      expect(outcome.cellsMarked).toBe(rows);
      expect(outcome.notesWritten).toBe(rows);
      expect(sheet.notes.size).toBe(rows);
    }
    // read · look up existing marks · write every mark
    expect(counts).toEqual([3, 3]);
  });

  it("校验全部 and 清除标记 take the same number of syncs for 10 and 10,000 rows, at most 3", async () => {
    const counts: { validate: number[]; clear: number[] } = { validate: [], clear: [] };
    for (const rows of [10, 10_000]) {
      const big = fakeSheet("民情问题台账", problemsSheet(rows), ["A1:L1"]);
      const small = fakeSheet("民情问题台账（二）", problemsSheet(3));
      small.notes.set("L4", "电话待核实（王会计）");
      small.cfs.push({
        id: "clerk",
        type: "Custom",
        ranges: "A3:A5",
        formula: '=$H3="办理中"',
        fill: "#00FF00",
      });
      const excel = fakeExcel([big, small]);
      excel.install();

      const outcome = await validateInExcel("all", engine);
      counts.validate.push(excel.syncs);
      expect(outcome.results.map((r) => [r.sheet, r.errors])).toEqual([
        ["民情问题台账", rows],
        ["民情问题台账（二）", 3],
      ]);
      expect(outcome.cellsMarked).toBe(rows + 3);
      expect(outcome.notesWritten).toBe(rows + 2); // not over the clerk's note at L4
      expect(big.notes.size).toBe(rows);
      expect(small.notes.get("L4")).toBe("电话待核实（王会计）");
      expect(big.cfs.map((c) => c.formula)).toEqual([MARKER_FORMULA.error]);
      expect(small.cfs.map((c) => c.id)).toEqual(["clerk", expect.any(String)]);

      excel.syncs = 0;
      const removed = await clearMarksInExcel();
      counts.clear.push(excel.syncs);
      expect(removed).toBe(1 + rows + 1 + 2);
      expect(big.notes.size).toBe(0);
      expect([...small.notes.entries()]).toEqual([["L4", "电话待核实（王会计）"]]);
      expect(big.cfs).toEqual([]);
      expect(small.cfs.map((c) => c.id)).toEqual(["clerk"]);
      expect(big.props.has(MARK_KEY) || small.props.has(MARK_KEY)).toBe(false);
      expect([...big.fillWrites, ...small.fillWrites]).toEqual([]);
    }
    // 校验全部: the sheets and notes · values, merges, existing marks · write every mark
    expect(counts.validate).toEqual([3, 3]);
    // 清除标记: the sheets and notes · records, conditional formats, note cells · delete
    expect(counts.clear).toEqual([3, 3]);
  });

  it("校验全部 and 清除标记 take the same number of syncs for one sheet and for five", async () => {
    const counts: number[] = [];
    for (const n of [1, 5]) {
      const sheets = Array.from({ length: n }, (_, i) => fakeSheet(`民情问题台账${i + 1}`, problemsSheet(2)));
      const excel = fakeExcel(sheets);
      excel.install();
      const outcome = await validateInExcel("all", engine);
      expect(outcome.notesWritten).toBe(2 * n);
      const validateSyncs = excel.syncs;
      excel.syncs = 0;
      expect(await clearMarksInExcel()).toBe(3 * n);
      counts.push(validateSyncs, excel.syncs);
      for (const sheet of sheets)
        expect([sheet.notes.size, sheet.cfs.length, sheet.props.size]).toEqual([0, 0, 0]);
    }
    expect(counts).toEqual([3, 3, 3, 3]);
  });

  it("marks with conditional formats and notes, never with direct fills", async () => {
    const sheet = fakeSheet("民情问题台账", problemsSheet(3));
    fakeExcel([sheet]).install();
    await validateInExcel("sheet", engine);
    expect(sheet.cfs).toHaveLength(1);
    expect(sheet.cfs[0]).toMatchObject({ ranges: "L3:L5", formula: MARKER_FORMULA.error, fill: "#FFC7CE" });
    expect(sheet.fillWrites).toEqual([]);
    expect(sheet.notes.get("L3")).toContain("联系电话“12345”不是有效的电话号码。");
    expect(JSON.parse(sheet.props.get(MARK_KEY) ?? "{}")).toEqual({
      v: 1,
      mode: "notes",
      notes: ["L3", "L4", "L5"],
    });
  });

  it("keeps the clerk's own note where a finding is, and 清除标记 removes only what validate added", async () => {
    const sheet = fakeSheet("民情问题台账", problemsSheet(3));
    sheet.notes.set("L4", "电话待核实（王会计）");
    sheet.notes.set("B2", "表头说明");
    sheet.cfs.push({
      id: "clerk",
      type: "Custom",
      ranges: "A3:A5",
      formula: '=$H3="办理中"',
      fill: "#00FF00",
    });
    fakeExcel([sheet]).install();

    await validateInExcel("sheet", engine);
    expect(sheet.notes.get("L4")).toBe("电话待核实（王会计）");
    expect([...sheet.notes.keys()].sort()).toEqual(["B2", "L3", "L4", "L5"]);
    expect(sheet.cfs).toHaveLength(2);

    // Validating again replaces our marks instead of piling them up.
    await validateInExcel("sheet", engine);
    expect(sheet.cfs).toHaveLength(2);
    expect([...sheet.notes.keys()].sort()).toEqual(["B2", "L3", "L4", "L5"]);

    const removed = await clearMarksInExcel();
    expect(removed).toBe(3); // one conditional format, two notes
    expect([...sheet.notes.entries()].sort()).toEqual([
      ["B2", "表头说明"],
      ["L4", "电话待核实（王会计）"],
    ]);
    expect(sheet.cfs.map((c) => c.id)).toEqual(["clerk"]);
    expect(sheet.fillWrites).toEqual([]);
    expect(sheet.props.has(MARK_KEY)).toBe(false);
  });

  it("falls back to the list alone where neither notes nor comments are supported", async () => {
    const sheet = fakeSheet("民情问题台账", problemsSheet(2));
    fakeExcel([sheet], 9).install();
    const outcome = await validateInExcel("sheet", engine);
    expect(outcome.mode).toBe("list");
    expect(outcome.results[0].errors).toBe(2);
    expect(sheet.notes.size).toBe(0);
    expect(sheet.cfs).toHaveLength(0);
  });

  it("falls back to comments on ExcelApi 1.10–1.17", async () => {
    const sheet = fakeSheet("民情问题台账", problemsSheet(2));
    fakeExcel([sheet], 12).install();
    const outcome = await validateInExcel("sheet", engine);
    expect(outcome.mode).toBe("comments");
    expect(outcome.notesWritten).toBe(2);
  });

  it("writes formula-like text with number format @ (text), never as a formula", async () => {
    const sheet = fakeSheet("民情问题台账", problemsSheet(1));
    const sheets = [sheet];
    fakeExcel(sheets).install();
    const kind = kindById("problems");
    if (!kind) throw new Error("problems kind missing");
    await consolidateInExcel({
      township: "老牛湾镇",
      year: "2025",
      kinds: [
        {
          kind,
          rows: [
            {
              branch: "老牛湾村党支部",
              values: { 编号: '=HYPERLINK("http://x")', 问题描述: "-路面塌陷", 受益户数: 3 },
            },
          ],
        },
      ],
    });
    const written = sheets[1].writes;
    const values = written.find((w) => w.values)?.values ?? [];
    const formats = written.find((w) => w.numberFormat)?.numberFormat ?? [];
    expect(values[1][1]).toBe('=HYPERLINK("http://x")');
    expect(formats[1][1]).toBe("@");
    expect(formats[1][6]).toBe("@");
    expect(formats[1][10]).toBe("General");
    // The format is queued before the value, so Excel never parses the text as a formula.
    expect(written.findIndex((w) => w.numberFormat)).toBeLessThan(written.findIndex((w) => w.values));
  });

  it("text-safe formats mark every string starting with = + - @", () => {
    expect(textSafeFormats([["=1+1", "+86", "-", "@me", "a=b", 5, null]])).toEqual([
      ["@", "@", "@", "@", "General", "General", "General"],
    ]);
  });

  it("pads a used range that does not start at A1", () => {
    expect(valuesFromA1("Sheet1!B3:C3", [["x", "y"]])).toEqual([[], [], [null, "x", "y"]]);
  });
});
