/**
 * The Excel adapter's suite, run on the strict fake under every platform profile (web, Windows,
 * Mac × ExcelApi 1.7, 1.9, 1.14, 1.17, 1.18). What the pane does depends on the level: notes and
 * colours (1.18), colours only (1.13–1.17), the pane's list only (older); whatever it does, the
 * findings are the engine's, the clerk's notes, comments and formats are never touched, and
 * 清除标记 gives the sheet back exactly.
 */
import { describe, expect, it } from "vitest";
import { kindById } from "../../shared/kinds";
import { validateInExcel } from "../../addin/excel/validate";
import { clearMarksInExcel } from "../../addin/excel/clear";
import { consolidateInExcel } from "../../addin/excel/consolidate";
import { createExcelHost, selectCellInExcel } from "../../addin/excel/host";
import { MARKER_FORMULA, MARK_KEY, NOTE_PREFIX } from "../../addin/excel/record";
import { PROFILES, profileName, snapshot } from "./strict-excel";
import { keyOf } from "./strict-excel/model";
import { PHONE_MESSAGE, engine, modeOf, problemsSheet, useExcel } from "./excel-helpers";

const SHEET = "民情问题台账";
const cellsL = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `L${from + i}`);
const noteCells = (notes: Map<number, unknown>) =>
  [...notes.keys()]
    .sort((a, b) => a - b)
    .map((k) => `${String.fromCharCode(65 + (k % 16384))}${Math.floor(k / 16384) + 1}`);

describe.each(PROFILES.map((p) => [profileName(p), p] as const))("Excel adapter on %s", (_name, profile) => {
  const open = useExcel();
  const mode = modeOf(profile);

  it("offers what the level allows", () => {
    open([{ name: SHEET, values: problemsSheet(1) }], profile);
    expect(createExcelHost().reach).toMatchObject({ mode, level: `1.${profile.level}` });
  });

  it("checks a 10-row sheet in at most 3 syncs, marks as the level allows, and 清除标记 gives the sheet back", async () => {
    const excel = open([{ name: SHEET, values: problemsSheet(10), merges: ["A1:L1"] }], profile);
    const sheet = excel.sheet(SHEET);
    const before = snapshot(sheet);

    const outcome = await validateInExcel("sheet", engine);
    expect(excel.syncs).toBeLessThanOrEqual(3);
    expect(outcome.mode).toBe(mode);
    expect(outcome.results[0]).toMatchObject({ kind: "problems", errors: 10, warnings: 0 });
    expect(PHONE_MESSAGE).toContain("“12345”");
    expect(outcome.results[0].findings.map((f) => [f.cell, f.message])).toEqual(
      cellsL(3, 12).map((c) => [c, PHONE_MESSAGE]),
    );
    // Merged areas are read from ExcelApi 1.13 on; formula cells from 1.9 on.
    expect(outcome.workbook.sheets[0].merges).toEqual(profile.level >= 13 ? ["A1:L1"] : []);
    expect(outcome.workbook.sheets[0].formulas).toEqual(profile.level >= 9 ? [] : undefined);

    if (mode === "list") {
      expect(snapshot(sheet)).toEqual(before);
      expect(sheet.props.size).toBe(0);
    } else {
      expect(sheet.cfs.map((cf) => [cf.formula, cf.fill, cf.areas.length])).toEqual([
        [MARKER_FORMULA.error, "#FFC7CE", 1],
      ]);
      expect(outcome.cellsMarked).toBe(10);
      expect(sheet.formatting).toEqual([]);
      if (mode === "notes") {
        expect(noteCells(sheet.notes)).toEqual(cellsL(3, 12));
        const hint = outcome.results[0].findings[0].hint;
        expect(sheet.notes.get(keyOf("L3"))?.content).toBe(`${NOTE_PREFIX}${PHONE_MESSAGE}\n建议：${hint}`);
      } else expect(sheet.notes.size).toBe(0);
    }

    excel.reset();
    await clearMarksInExcel();
    expect(snapshot(sheet)).toEqual(before);
    expect(sheet.props.has(MARK_KEY)).toBe(false);
  });

  it("校验全部 checks every sheet, and checking again replaces the marks instead of piling them up", async () => {
    const excel = open(
      [
        { name: SHEET, values: problemsSheet(4) },
        { name: "民情问题台账（二）", values: problemsSheet(2) },
        { name: "说明", values: [["本工作簿为示例"]] },
      ],
      profile,
    );
    const before = excel.model.sheets.map(snapshot);
    const first = await validateInExcel("all", engine);
    expect(first.results.map((r) => [r.sheet, r.kind, r.errors])).toEqual([
      [SHEET, "problems", 4],
      ["民情问题台账（二）", "problems", 2],
      ["说明", null, 0],
    ]);
    // The sheet list, then as for one sheet.
    expect(excel.syncs).toBeLessThanOrEqual(4);
    const marked = excel.model.sheets.map(snapshot);
    await validateInExcel("all", engine);
    expect(excel.model.sheets.map(snapshot)).toEqual(marked);
    await clearMarksInExcel();
    expect(excel.model.sheets.map(snapshot)).toEqual(before);
  });

  it("never writes over the clerk's notes, threaded comments or formats, and keeps them through 清除标记", async () => {
    const excel = open(
      [
        {
          name: SHEET,
          values: problemsSheet(5),
          notes: { L4: "电话待核实（王会计）", B2: "表头说明" },
          comments: { L5: "已电话联系，号码有误" },
          cfs: [{ ranges: "A3:A7", formula: '=$H3="办理中"', fill: "#00FF00" }],
        },
      ],
      profile,
    );
    const sheet = excel.sheet(SHEET);
    const before = snapshot(sheet);
    const outcome = await validateInExcel("sheet", engine);
    expect(outcome.results[0].errors).toBe(5);
    expect(sheet.notes.get(keyOf("L4"))?.content).toBe("电话待核实（王会计）");
    expect(sheet.comments.get(keyOf("L5"))?.content).toBe("已电话联系，号码有误");
    expect(sheet.cfs.map((cf) => cf.formula)).toEqual(
      mode === "list" ? ['=$H3="办理中"'] : [MARKER_FORMULA.error, '=$H3="办理中"'],
    );
    expect(noteCells(sheet.notes)).toEqual(mode === "notes" ? ["B2", "L3", "L4", "L6", "L7"] : ["B2", "L4"]);
    expect(outcome.notesWritten).toBe(mode === "notes" ? 3 : 0);

    // A note of ours the clerk rewrote is the clerk's now.
    if (mode === "notes") {
      const l6 = sheet.notes.get(keyOf("L6"));
      if (l6) l6.content = "已改为 13800138000";
    }
    await clearMarksInExcel();
    const expected = before as { notes: unknown[][] };
    expect(snapshot(sheet)).toEqual(
      mode === "notes"
        ? {
            ...expected,
            notes: [...expected.notes, ["L6", { content: "已改为 13800138000", author: "台账通" }]].sort(
              (a, b) => keyOf(String(a[0])) - keyOf(String(b[0])),
            ),
          }
        : before,
    );
  });

  it("clears marks in the form they were made: an earlier version's threaded comments", async () => {
    const excel = open(
      [
        {
          name: SHEET,
          values: problemsSheet(3),
          comments: { L3: `${NOTE_PREFIX}旧版标记`, L4: `${NOTE_PREFIX}旧版标记`, L5: "王会计：已核实" },
        },
      ],
      profile,
    );
    const sheet = excel.sheet(SHEET);
    sheet.props.set(MARK_KEY.toLowerCase(), {
      key: MARK_KEY,
      value: JSON.stringify({ v: 1, mode: "comments", notes: ["L3", "L4"] }),
    });
    const outcome = await clearMarksInExcel();
    if (mode === "list") {
      expect(outcome.cleared).toBe(0);
      expect(sheet.comments.size).toBe(3);
    } else {
      expect(outcome.cleared).toBe(2);
      expect([...sheet.comments.values()].map((c) => c.content)).toEqual(["王会计：已核实"]);
      expect(sheet.props.size).toBe(0);
    }
  });

  it.runIf(mode === "notes")(
    "writes the record first, so a write that fails half-way can still be cleared",
    async () => {
      const excel = open([{ name: SHEET, values: problemsSheet(10), notes: { B2: "表头说明" } }], profile);
      const sheet = excel.sheet(SHEET);
      const before = snapshot(sheet);
      let adds = 0;
      excel.failOnce((a) => a.name === "add" && a.type === "Method" && ++adds === 6);
      await expect(validateInExcel("sheet", engine)).rejects.toThrow(/injected failure/);
      expect(sheet.notes.size).toBeGreaterThan(1);
      await clearMarksInExcel();
      expect(snapshot(sheet)).toEqual(before);
    },
  );

  it("checks a protected sheet without marking it, and says so", async () => {
    const excel = open([{ name: SHEET, values: problemsSheet(3), protected: true }], profile);
    const before = snapshot(excel.sheet(SHEET));
    const outcome = await validateInExcel("sheet", engine);
    expect(outcome.results[0].errors).toBe(3);
    expect(outcome.protectedSheets).toEqual([SHEET]);
    expect(outcome.cellsMarked).toBe(0);
    expect(snapshot(excel.sheet(SHEET))).toEqual(before);
  });

  it("selects a finding's cell in one sync", async () => {
    const excel = open(
      [
        { name: SHEET, values: problemsSheet(3) },
        { name: "其他", values: [["x"]] },
      ],
      profile,
    );
    await selectCellInExcel("其他", "A1");
    expect(excel.syncs).toBe(1);
  });

  it.runIf(mode !== "list")(
    "writes text as text and dates as dates in 汇总全镇: nothing is re-read as typed",
    async () => {
      const excel = open([{ name: SHEET, values: problemsSheet(1) }], profile);
      const problems = kindById("problems");
      const members = kindById("members");
      if (!problems || !members) throw new Error("kinds missing");
      await consolidateInExcel({
        township: "老牛湾镇",
        year: "2025",
        kinds: [
          {
            kind: problems,
            rows: [
              {
                branch: "老牛湾村党支部",
                values: {
                  编号: "0012",
                  收集日期: "2025-09-12",
                  问题描述: "3-12",
                  责任人: "TRUE",
                  联系电话: '=HYPERLINK("x")',
                  受益户数: 3,
                },
              },
            ],
          },
          {
            kind: members,
            rows: [
              { branch: "老牛湾村党支部", values: { 姓名: "张三", 公民身份号码: "140932199001011234" } },
            ],
          },
        ],
      });
      const sheet = excel.sheet("民情问题台账汇总");
      const row = sheet.rows.get(1) ?? [];
      expect(row.slice(0, 8)).toEqual(["老牛湾村党支部", "0012", 45912, "", "", "", "3-12", "TRUE"]);
      expect(sheet.formats.get(keyOf("C2"))).toBe("yyyy-mm-dd");
      expect(sheet.formulas.size).toBe(0);
      expect(excel.sheet("党员花名册汇总").rows.get(1)?.[3]).toBe("140932199001011234");
    },
  );
});
