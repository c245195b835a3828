import { describe, expect, it } from "vitest";
import { checkCadence, periodText, shareOf, type CadenceSpan } from "../../../shared/rules/cadence";
import { paramText } from "../../../shared/messages/engine";

const span = (earliest: string | null, asOf: string, exempt: string[] = []): CadenceSpan => ({
  earliest,
  asOf,
  within: [asOf.slice(0, 4)],
  exempt,
});

describe("checkCadence", () => {
  it("finds the completed periods without an event of each type and the share held", () => {
    const events = [
      { date: "2025-09-02", type: "周" },
      { date: "2025-09-16", type: "周" },
      { date: "2025-09-30", type: "月" },
    ];
    // As of Monday 2025-09-22: weeks 36–38 complete, September not.
    const result = checkCadence(events, { 周: "week", 月: "month" }, span("2025-09-02", "2025-09-22"));
    expect(result.gaps).toEqual([{ type: "周", period: "2025-W37", frequency: "week" }]);
    expect(result.share).toEqual({ 周: 0.6667, 月: null });
  });

  it("starts the span at the period holding the earliest date", () => {
    const result = checkCadence(
      [{ date: "2025-09-30", type: "季" }],
      { 季: "quarter" },
      span("2025-09-01", "2025-10-01"),
    );
    expect(result.gaps).toEqual([]);
    expect(result.share).toEqual({ 季: 1 });
  });

  it("skips exempt periods", () => {
    const result = checkCadence([], { 周: "week" }, span("2025-09-01", "2025-09-15", ["2025-W36"]));
    expect(result.gaps.map((g) => g.period)).toEqual(["2025-W37"]);
  });

  it("checks nothing without dates", () => {
    expect(checkCadence([], { 周: "week" }, span(null, "2025-09-15"))).toEqual({
      gaps: [],
      share: { 周: null },
    });
  });
});

describe("shareOf and periodText", () => {
  it("rounds to 4 decimals and gives null for an empty denominator", () => {
    expect(shareOf(1, 3)).toBe(0.3333);
    expect(shareOf(0, 0)).toBeNull();
  });

  it("labels periods as a clerk reads them", () => {
    const periods = ["2025-W07", "2025-09", "2025-Q3", "2025"];
    expect(periods.map((p) => paramText(periodText(p), "zh-CN"))).toEqual([
      "2025 年第 7 周",
      "2025-09",
      "2025 年第 3 季度",
      "2025 年",
    ]);
    expect(periods.map((p) => paramText(periodText(p), "en"))).toEqual([
      "week 7 of 2025",
      "2025-09",
      "Q3 2025",
      "2025",
    ]);
  });
});
