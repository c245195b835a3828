import { describe, expect, it } from "vitest";
import { formatYuan, fromFen, parseNumber, toFen } from "../../../shared/read/numbers";

describe("parseNumber", () => {
  it("gives null for blank cells", () => {
    expect(parseNumber(null, [])).toBeNull();
    expect(parseNumber(" \u3000", [])).toBeNull();
  });
  it("passes finite numbers through and refuses NaN and Infinity", () => {
    expect(parseNumber(12.5, [])).toEqual({ ok: true, value: 12.5 });
    expect(parseNumber(-3, [])).toEqual({ ok: true, value: -3 });
    expect(parseNumber(Number.NaN, [])).toEqual({ ok: false });
    expect(parseNumber(Number.POSITIVE_INFINITY, [])).toEqual({ ok: false });
  });
  it.each([
    ["12", 12],
    [" 12 ", 12],
    ["+12", 12],
    ["-12.5", -12.5],
    ["－３", -3],
    ["１２３", 123],
    ["1,234.5", 1234.5],
    ["1，234", 1234],
    ["12,345,678", 12345678],
    [".5", 0.5],
    ["3.", 3],
  ])("reads the text %s as %d", (text, value) => {
    expect(parseNumber(text, [])).toEqual({ ok: true, value });
  });
  it("strips one trailing unit from the list and reports it", () => {
    expect(parseNumber("12人", ["人"])).toEqual({ ok: true, value: 12, unit: "人" });
    expect(parseNumber("3 户", ["户"])).toEqual({ ok: true, value: 3, unit: "户" });
    expect(parseNumber("2.5万元", ["万元", "元"])).toEqual({ ok: true, value: 2.5, unit: "万元" });
    expect(parseNumber("2.5元", ["元", "万元"])).toEqual({ ok: true, value: 2.5, unit: "元" });
    expect(parseNumber("1,200元", ["元"])).toEqual({ ok: true, value: 1200, unit: "元" });
    expect(parseNumber("3.5小时", ["小时", "h"])).toEqual({ ok: true, value: 3.5, unit: "小时" });
    expect(parseNumber("3.5H", ["小时", "h"])).toEqual({ ok: true, value: 3.5, unit: "h" });
  });
  it.each([
    ["12人", []],
    ["12人人", ["人"]],
    ["12元", ["人"]],
    ["人", ["人"]],
    ["十二", []],
    ["1,2", []],
    ["1,23,456", []],
    ["1.2.3", []],
    ["12 34", []],
    ["1e3", []],
    ["--1", []],
    ["约12", []],
  ] as const)("rejects %s with units %j", (text, units) => {
    expect(parseNumber(text, units)).toEqual({ ok: false });
  });
  it("rejects booleans", () => {
    expect(parseNumber(true, [])).toEqual({ ok: false });
  });
});

describe("toFen", () => {
  it("converts 元 and 万元 to integer 分", () => {
    expect(toFen(12.5, "元")).toBe(1250);
    expect(toFen(2.5, "万元")).toBe(2_500_000);
    expect(toFen(0.0001, "万元")).toBe(100);
    expect(toFen(0, "元")).toBe(0);
  });
  it("is not fooled by float noise", () => {
    expect(toFen(0.1 + 0.2, "元")).toBe(30);
    expect(toFen(1.005, "元")).toBe(101);
    expect(toFen(19.99, "元")).toBe(1999);
    expect(toFen(1.15, "万元")).toBe(1_150_000);
  });
  it("rounds half away from zero on 分", () => {
    expect(toFen(0.125, "元")).toBe(13);
    expect(toFen(-0.125, "元")).toBe(-13);
    expect(toFen(0.124, "元")).toBe(12);
    expect(toFen(-0.001, "元")).toBe(0);
    expect(Object.is(toFen(-0.001, "元"), -0)).toBe(false);
  });
});

describe("fromFen and formatYuan", () => {
  it("shows 分 as 元", () => {
    expect(fromFen(1250, "元")).toBe(12.5);
    expect(fromFen(125_000, "万元")).toBe(0.125);
    expect(formatYuan(1250)).toBe("12.50");
    expect(formatYuan(5)).toBe("0.05");
    expect(formatYuan(0)).toBe("0.00");
    expect(formatYuan(-1205)).toBe("-12.05");
    expect(formatYuan(123456789)).toBe("1234567.89");
  });
});
