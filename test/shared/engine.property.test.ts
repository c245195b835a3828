/** Properties of the engine over arbitrary cell values (fast-check). */
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import type { CellValue, SheetInput, WorkbookInput } from "../../shared/workbook";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { KINDS } from "../../shared/kinds";
import { columnLetter, parseRange } from "../../shared/read/cells";
import { SAMPLE_AS_OF, sampleFiles, toWorkbookInput } from "../fixtures";
import { findingText } from "../../shared/messages/engine";

/** Values clerks type, and values nobody should: dates, numbers with units, junk, error codes. */
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.integer({ min: -5, max: 60000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.string(),
  fc.constantFrom(
    "#REF!",
    "#DIV/0!",
    "=SUM(A1:A3)",
    "2025年9月12日",
    "9月12日",
    "3户",
    "2.5万元",
    "老牛湾",
    "张　三",
    "已办结",
    "140932199001011234",
  ),
);

/** A random sheet under a real header of a random kind, so the rules run, not just detection. */
const sheetArb = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    title: fc.option(fc.string(), { nil: undefined }),
    rows: fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 25 }),
    merges: fc.array(fc.constantFrom("A2:A4", "B3:C3", "D1:D2", "ZZ1:ZZ9", "bogus", "A1"), { maxLength: 3 }),
  })
  .map(({ kind, title, rows, merges }) => {
    const header = kind.columns.map((c) => c.name);
    const values: CellValue[][] = [...(title === undefined ? [] : [[title]]), header, ...rows];
    return { name: kind.title, values, merges };
  });

const workbookArb: fc.Arbitrary<WorkbookInput> = fc.record({
  sheets: fc.array(sheetArb, { minLength: 1, maxLength: 3 }),
  date1904: fc.boolean(),
});

describe("engine properties", () => {
  it("never throws on arbitrary cell values, and every finding's cell lies inside its sheet", () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const results = validateWorkbook(wb, { asOf: "2025-10-01", registry: DEFAULT_REGISTRY });
        expect(results).toHaveLength(wb.sheets.length);
        results.forEach((result, i) => {
          const values = wb.sheets[i].values;
          const height = values.length;
          const width = Math.max(0, ...values.map((r) => r.length));
          for (const f of result.findings) {
            if (f.cell === null) continue;
            const range = parseRange(f.cell);
            expect(range).not.toBeNull();
            expect(range!.r0).toBeLessThan(height);
            expect(range!.c0).toBeLessThan(width);
            expect(f.row).toBe(range!.r0 + 1);
          }
          expect(result.errors).toBe(result.findings.filter((f) => f.severity === "error").length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("judges by the as-of date alone: not the wall clock, the time zone or earlier runs, and leaves its input as it was", () => {
    const judged = (wb: WorkbookInput) =>
      JSON.stringify(
        validateWorkbook(wb, { asOf: "2025-06-30", registry: DEFAULT_REGISTRY }).map(
          ({ records, ...rest }) => ({
            ...rest,
            records: records.map((r) => [r.row, r.values]),
          }),
        ),
      );
    /** The input frozen all the way down: a rule that writes into it throws. */
    const frozen = <T>(value: T): T => {
      if (value && typeof value === "object") {
        Object.values(value).forEach(frozen);
        Object.freeze(value);
      }
      return value;
    };
    const zone = process.env.TZ;
    try {
      fc.assert(
        fc.property(
          workbookArb,
          workbookArb,
          fc.date({ min: new Date("1990-01-01"), max: new Date("2060-12-31"), noInvalidDate: true }),
          fc.constantFrom(
            "UTC",
            "Asia/Shanghai",
            "America/Los_Angeles",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
          ),
          (wb, other, now, tz) => {
            const reference = judged(wb);
            vi.useFakeTimers({ toFake: ["Date"], now });
            process.env.TZ = tz;
            judged(other);
            const copy = frozen(structuredClone(wb));
            expect(judged(copy)).toBe(reference);
            expect(copy).toEqual(wb);
            vi.useRealTimers();
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      vi.useRealTimers();
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("never shows an ID number, its first six digits or its birth date in any message or hint", () => {
    const members = KINDS.find((k) => k.id === "members")!;
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9]{17}[0-9X]$/), { minLength: 1, maxLength: 10 }),
        (ids) => {
          const header = members.columns.map((c) => c.name);
          const idCol = header.indexOf("公民身份号码");
          const rows = ids.flatMap((id) => {
            const row: CellValue[] = header.map(() => null);
            row[idCol] = id;
            return [row, [...row]];
          });
          const [r] = validateWorkbook(
            { sheets: [{ name: "党员花名册", values: [header, ...rows], merges: [] }], date1904: false },
            { asOf: "2025-10-01", registry: DEFAULT_REGISTRY },
          );
          // Not the number, nor its first six digits, nor the birth date it holds (ledgers spec §2),
          // in the findings, their params or their English.
          const english = r.findings.map((f) => Object.values(findingText(f, "en")).join(" "));
          const text = JSON.stringify([r.findings, english]);
          for (const id of ids)
            for (const part of [id, id.slice(0, 6), id.slice(6, 14)]) expect(text).not.toContain(part);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("gives the same findings and figures after any number of template, 小计 or footer rows are added", () => {
    // Every clean sample sheet that starts with a 序号 column, in its workbook (office kinds need the 人员岗位表).
    const cases = sampleFiles()
      .filter((f) => f.mistakesIn === null && !f.date1904)
      .flatMap((f) => f.sheets.map((sheet, i) => ({ file: f, i, sheet })))
      .filter(({ sheet }) => sheet.values[Math.min(...sheet.headerRows) - 1]?.[0] === "序号");
    const footerWords = [
      "合计",
      "总计",
      "填表人：王芳",
      "填报人：王芳",
      "填报单位：老牛湾村",
      "填报日期：2025年9月30日",
      "审核：李强",
      "制表：赵丽",
      "单位负责人：刘海燕",
      "联系人：王芳",
      "盖章",
      "签字：",
      "说明：按月更新",
      "备注：无",
      "注：本表一式两份",
      "注1：以上数据截至月底",
    ];
    const run = (file: (typeof cases)[number]["file"], sheets: SheetInput[], i: number) =>
      validateWorkbook(toWorkbookInput(sheets), { asOf: SAMPLE_AS_OF, registry: DEFAULT_REGISTRY })[i];
    const base = new Map(cases.map((c) => [c, run(c.file, c.file.sheets, c.i)]));
    const inserted = fc.record({
      at: fc.nat(),
      row: fc.oneof(
        fc.record({ kind: fc.constant("template" as const), formula: fc.boolean() }),
        fc.record({ kind: fc.constant("subtotal" as const), second: fc.boolean() }),
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.array(inserted, { maxLength: 30 }),
        fc.array(fc.record({ word: fc.constantFrom(...footerWords), second: fc.boolean() }), {
          maxLength: 3,
        }),
        (c, rows, footers) => {
          const { file, i, sheet } = c;
          const firstData = Math.max(...sheet.headerRows); // 0-based index of the first data row
          let changed: SheetInput = {
            name: sheet.name,
            values: [...sheet.values],
            merges: [...sheet.merges],
          };
          // Anywhere between the header and the sample's own footer (its last row).
          for (const { at, row } of rows) {
            const p = firstData + (at % (changed.values.length - firstData));
            const cells: CellValue[] =
              row.kind === "template"
                ? [changed.values.length]
                : row.second
                  ? ["老牛湾村", "小计", 12]
                  : ["小计", null, 12];
            changed = insertRow(changed, p, cells, row.kind === "template" && row.formula);
          }
          for (const f of footers)
            changed = insertRow(
              changed,
              changed.values.length - 1,
              f.second ? [99, f.word] : [f.word],
              false,
            );
          const result = run(
            file,
            file.sheets.map((s, j) => (j === i ? changed : s)),
            i,
          );
          const expected = base.get(c);
          expect(expected?.findings).toEqual([]);
          expect(result.rows).toBe(expected?.rows);
          expect(result.findings).toEqual([]);
          expect(result.summary).toEqual(expected?.summary);
        },
      ),
      { numRuns: 80 },
    );
  });
});

/** The sheet with `cells` inserted as row index `p`, merges and formula cells moved down with the rows below. */
function insertRow(sheet: SheetInput, p: number, cells: CellValue[], formula: boolean): SheetInput {
  const shift = (a1: string) => {
    const r = parseRange(a1);
    if (!r) return a1;
    const r0 = r.r0 >= p ? r.r0 + 1 : r.r0;
    const r1 = r.r1 >= p ? r.r1 + 1 : r.r1;
    return `${columnLetter(r.c0)}${r0 + 1}:${columnLetter(r.c1)}${r1 + 1}`;
  };
  const values = [...sheet.values];
  values.splice(p, 0, cells);
  const formulas = (sheet.formulas ?? []).map(shift);
  if (formula) formulas.push(`A${p + 1}`);
  return { ...sheet, values, merges: sheet.merges.map(shift), ...(formulas.length ? { formulas } : {}) };
}
