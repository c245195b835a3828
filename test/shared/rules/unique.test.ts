import { describe, expect, it } from "vitest";
import { findDuplicates } from "../../../shared/rules/unique";
import type { ParsedRow, Value } from "../../../shared/kinds/types";

const row = (n: number, values: Record<string, Value>): ParsedRow => ({
  row: n,
  values,
  invalid: new Set(),
  raw: {},
});

describe("findDuplicates (composite keys)", () => {
  it("reports each repeat after the first with the first occurrence's row", () => {
    const rows = [
      row(3, { a: "张三", b: 2025 }),
      row(4, { a: "张三", b: 2024 }),
      row(5, { a: "张三", b: 2025 }),
      row(6, { a: "张三", b: 2025 }),
    ];
    expect(findDuplicates(rows, ["a", "b"]).map((d) => [d.row.row, d.firstRow, d.parts])).toEqual([
      [5, 3, ["张三", "2025"]],
      [6, 3, ["张三", "2025"]],
    ]);
  });

  it("skips rows with an empty key part", () => {
    const rows = [row(3, { a: "张三", b: null }), row(4, { a: "张三", b: null }), row(5, { a: "张三" })];
    expect(findDuplicates(rows, ["a", "b"])).toEqual([]);
  });

  it("does not confuse parts that concatenate alike", () => {
    const rows = [row(3, { a: "ab", b: "c" }), row(4, { a: "a", b: "bc" })];
    expect(findDuplicates(rows, ["a", "b"])).toEqual([]);
  });
});
