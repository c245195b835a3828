/**
 * Kinds are typed by their column names: a misspelt column fails the type-check (`npm test` runs
 * tsc over the tests, so each `@ts-expect-error` below fails the suite once the error is gone).
 */
import { describe, expect, it } from "vitest";
import { problems } from "../../../shared/kinds/problems";
import { dues } from "../../../shared/kinds/dues";
import { countBy, str } from "../../../shared/rules/tally";
import type { ParsedRow } from "../../../shared/kinds/types";

type Row<K> = K extends { rowRules?(row: infer R, ...rest: never[]): unknown } ? R : never;

describe("columns typed by name", () => {
  it("reads a row by its kind's own column names only", () => {
    const row: Row<typeof problems> = { row: 3, values: { 办理状态: "已解决" }, invalid: new Set(), raw: {} };
    expect(str(row, "办理状态")).toBe("已解决");
    // @ts-expect-error 办理壮态 is no column of 民情问题台账
    expect(str(row, "办理壮态")).toBeNull();
    // @ts-expect-error 月应缴（元） is a column of 党费收缴台账, not of 民情问题台账
    expect(countBy([row], "月应缴（元）")).toEqual({});
  });

  it("still takes any column name for a kind known only at run time", () => {
    const row: ParsedRow = { row: 3, values: { 值班人: "张三" }, invalid: new Set(), raw: {} };
    expect(str(row, "值班人")).toBe("张三");
    expect(dues.columns.map((c) => c.name)).toContain("12月");
  });
});
