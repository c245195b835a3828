import { describe, expect, it } from "vitest";
import { completedMonthsOf, duesAccepted, duesExpectation, unpaidRuns } from "../../../shared/rules/dues";

const due = (category: Parameters<typeof duesExpectation>[0], baseYuan: number | null) => {
  const e = duesExpectation(category, baseYuan === null ? null : Math.round(baseYuan * 100));
  return e && { min: e.minFen, max: e.maxFen, rate: e.rate, exemptable: e.exemptable };
};

describe("党费 rates (中组发〔2008〕3号)", () => {
  it("applies the 在职 bands to the whole base, boundaries inclusive", () => {
    expect(due("在职", 3000)).toEqual({ min: 1400, max: 1600, rate: 0.005 });
    expect(due("在职", 3000.01)).toEqual({ min: 2900, max: 3100, rate: 0.01 });
    expect(due("在职", 5000)).toEqual({ min: 4900, max: 5100, rate: 0.01 });
    expect(due("在职", 10000)).toEqual({ min: 14900, max: 15100, rate: 0.015 });
    expect(due("在职", 10001)).toEqual({ min: 19902, max: 20102, rate: 0.02 });
  });

  it("applies the 离退休 bands", () => {
    expect(due("离退休", 5000)).toEqual({ min: 2400, max: 2600, rate: 0.005 });
    expect(due("离退休", 6000)).toEqual({ min: 5900, max: 6100, rate: 0.01 });
  });

  it("uses fixed amounts for 农民 and for 学生、下岗失业、低保 (which may pay less or be exempted)", () => {
    expect(due("农民", null)).toEqual({ min: 20, max: 100, rate: undefined, exemptable: true });
    for (const c of ["学生", "下岗失业", "低保"] as const) {
      expect(due(c, null)).toEqual({ min: 0, max: 20, rate: undefined, exemptable: true });
    }
  });

  it("accepts 0 (经批准免交) for fixed amounts but not for a percentage of a base", () => {
    const farmer = duesExpectation("农民", null);
    const employed = duesExpectation("在职", 400_000);
    expect(farmer && [duesAccepted(farmer, 0), duesAccepted(farmer, 10), duesAccepted(farmer, 100)]).toEqual([
      true,
      false,
      true,
    ]);
    expect(employed && duesAccepted(employed, 0)).toBe(false);
  });

  it("does not check 其他, nor a percentage category without a base", () => {
    expect(due("其他", 8000)).toBeNull();
    expect(due("在职", null)).toBeNull();
  });
});

describe("unpaid months", () => {
  it("finds maximal runs, broken by paid and unknown months", () => {
    expect(unpaidRuns(["unpaid", "unpaid", "paid", "unpaid", "unknown", "unpaid"])).toEqual([
      { from: 1, to: 2 },
      { from: 4, to: 4 },
      { from: 6, to: 6 },
    ]);
    expect(unpaidRuns([])).toEqual([]);
  });

  it("counts only months that ended on or before the as-of date", () => {
    expect(completedMonthsOf(2025, "2025-10-01")).toBe(9);
    expect(completedMonthsOf(2025, "2025-09-30")).toBe(9);
    expect(completedMonthsOf(2025, "2025-02-28")).toBe(2);
    expect(completedMonthsOf(2024, "2025-01-15")).toBe(12);
    expect(completedMonthsOf(2026, "2025-12-31")).toBe(0);
  });
});
