/** Properties of the engine over arbitrary cell values (fast-check). */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CellValue, WorkbookInput } from "../../shared/workbook";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { KINDS } from "../../shared/kinds";
import { parseRange } from "../../shared/read/cells";

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

  it("is deterministic for a fixed as-of date", () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const a = validateWorkbook(wb, { asOf: "2025-06-30", registry: DEFAULT_REGISTRY });
        const b = validateWorkbook(wb, { asOf: "2025-06-30", registry: DEFAULT_REGISTRY });
        expect(JSON.stringify(b.map(({ records: _r, ...rest }) => rest))).toBe(
          JSON.stringify(a.map(({ records: _r, ...rest }) => rest)),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("never shows a full 18-digit ID number in any message or hint", () => {
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
          const text = JSON.stringify(r.findings);
          for (const id of ids) expect(text).not.toContain(id);
        },
      ),
      { numRuns: 100 },
    );
  });
});
