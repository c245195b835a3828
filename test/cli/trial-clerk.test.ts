/**
 * A village clerk's trial (scenario 1): a workbook made from our own template the way clerks fill
 * it (../fixtures/trial.ts). A true ledger comes out with no finding and exit 0; the same ledger
 * with three planted mistakes shows exactly those three, in plain Chinese naming the cell; the
 * annotated copy keeps the WPS picture, the clerk's note and the clerk's cells.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { RESULT_SHEET } from "../../shared/xlsx/annotate";
import { CLERK_NOTE, PICTURE_CELL, PLANTED, clerkWorkbook } from "../fixtures/trial";
import { notesOf, zipParts } from "../shared/xlsx/inspect";
import { AS_OF, cli, openXlsx, tempDir } from "./helpers";

const tmp = tempDir();
const TRUE_FILE = tmp.path("老牛湾村党支部台账2025.xlsx");
const WRONG_FILE = tmp.path("老牛湾村党支部台账2025-有误.xlsx");

beforeAll(async () => {
  writeFileSync(TRUE_FILE, await clerkWorkbook(false));
  writeFileSync(WRONG_FILE, await clerkWorkbook(true));
});
afterAll(() => tmp.cleanup());

interface JsonSheet {
  sheet: string;
  kind: string;
  headerRow: number;
  rows: number;
  errors: number;
  warnings: number;
  findings: { code: string; cell: string; message: string; hint?: string }[];
  summary: Record<string, unknown>;
}

async function report(file: string): Promise<JsonSheet[]> {
  const r = await cli("validate", file, "--json", "--as-of", AS_OF);
  return (JSON.parse(r.stdout) as { files: { sheets: JsonSheet[] }[] }).files[0].sheets;
}

describe("a true ledger made from our template", () => {
  it("is read past the pre-numbered rows, the 小计 row and the footer, with no finding", async () => {
    const sheets = await report(TRUE_FILE);
    expect(
      sheets.map(({ sheet, kind, headerRow, rows, errors, warnings }) => ({
        sheet,
        kind,
        headerRow,
        rows,
        errors,
        warnings,
      })),
    ).toEqual([
      { sheet: "三会一课台账", kind: "branch-meetings", headerRow: 2, rows: 4, errors: 0, warnings: 0 },
      { sheet: "民情问题台账", kind: "problems", headerRow: 2, rows: 6, errors: 0, warnings: 0 },
    ]);
    expect(sheets[0].summary).toMatchObject({ meetings: 4, attendanceRate: 0.8667 });
    expect(sheets[1].summary).toMatchObject({ total: 6, resolved: 3, households: 10, people: 18 });
  });

  it("exits 0: it can be submitted", async () => {
    const r = await cli("validate", TRUE_FILE, "--as-of", AS_OF);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("合计：1 个文件，2 张工作表，0 个错误，0 个警告。");
  });
});

describe("the same ledger with three planted mistakes", () => {
  it("shows exactly those three, with plain Chinese messages and the cell in the report line", async () => {
    const [meetings, problems] = await report(WRONG_FILE);
    expect(meetings.findings).toEqual([]);
    expect(problems.findings.map((f) => `${f.code} ${f.cell}`)).toEqual(PLANTED);
    for (const f of problems.findings) {
      expect(f.message).not.toMatch(/[A-Za-z]/);
      expect(f.hint).not.toMatch(/[A-Za-z]/);
    }
    const r = await cli("validate", WRONG_FILE, "--as-of", AS_OF);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n").filter((l) => l.trimStart().startsWith("错误"));
    expect(lines.map((l) => l.trim().split(/\s+/).slice(0, 3).join(" "))).toEqual([
      "错误 F4 问题类别",
      "错误 J8 解决日期",
      "错误 D9 村",
    ]);
    expect(lines[0]).toContain("问题类别“吃水”不是规定的选项");
    expect(lines[1]).toContain("解决日期 2025-06-28 早于收集日期 2025-07-01");
    expect(lines[2]).toContain("村“老牛弯”不在本镇的村（支部）名单中");
  });

  it("annotates a copy that keeps the WPS picture, the clerk's note and every cell of theirs", async () => {
    const out = tmp.path("annotated.xlsx");
    const r = await cli("annotate", WRONG_FILE, "--out", out, "--as-of", AS_OF);
    expect(r.code).toBe(0);
    const [before, after] = [await zipParts(readFileSync(WRONG_FILE)), await zipParts(readFileSync(out))];
    for (const part of ["xl/cellimages.xml", "xl/_rels/cellimages.xml.rels", "xl/media/image1.png"])
      expect(after.get(part), part).toBe(before.get(part));
    expect(after.get("xl/_rels/workbook.xml.rels")).toContain('Target="cellimages.xml"');

    const notes = (await notesOf(readFileSync(out)))["民情问题台账"];
    expect(Object.keys(notes).sort()).toEqual(["D9", "F4", "H3", "J8"]);
    expect(notes.H3).toBe(CLERK_NOTE);
    for (const cell of ["F4", "J8", "D9"]) expect(notes[cell]).toMatch(/^【台账校验】/);

    const [original, annotated] = [await openXlsx(WRONG_FILE), await openXlsx(out)];
    for (const ws of original.worksheets) {
      const copy = annotated.getWorksheet(ws.name)!;
      ws.eachRow((row) =>
        row.eachCell((cell) =>
          expect(copy.getCell(cell.address).value, `${ws.name}!${cell.address}`).toEqual(cell.value),
        ),
      );
    }
    expect(annotated.getWorksheet("民情问题台账")!.getCell(PICTURE_CELL).value).toMatchObject({
      formula: 'DISPIMG("ID_5C2E",1)',
    });
    const results: unknown[][] = [];
    annotated
      .getWorksheet(RESULT_SHEET)!
      .eachRow((row) => results.push((row.values as unknown[]).slice(1, 6)));
    expect(results.slice(2)).toEqual([
      ["民情问题台账", { text: "F4", hyperlink: "#'民情问题台账'!F4" }, "错误", "不是规定选项", "问题类别"],
      ["民情问题台账", { text: "J8", hyperlink: "#'民情问题台账'!J8" }, "错误", "日期先后不对", "解决日期"],
      ["民情问题台账", { text: "D9", hyperlink: "#'民情问题台账'!D9" }, "错误", "村（支部）不在名单中", "村"],
    ]);
  });
});
