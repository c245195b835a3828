import { describe, expect, it } from "vitest";
import {
  completedPeriods,
  monthOf,
  monthsOfYear,
  periodBounds,
  periodGrain,
  periodOf,
  quarterOf,
  weekOf,
  weeksInYear,
  yearOf,
} from "../../shared/period";

describe("weekOf", () => {
  it.each([
    ["2025-09-12", "2025-W37"],
    ["2025-09-08", "2025-W37"],
    ["2025-09-14", "2025-W37"],
    ["2025-09-15", "2025-W38"],
    ["2024-12-30", "2025-W01"],
    ["2024-12-29", "2024-W52"],
    ["2021-01-03", "2020-W53"],
    ["2021-01-04", "2021-W01"],
    ["2020-12-31", "2020-W53"],
    ["2026-12-31", "2026-W53"],
    ["2027-01-03", "2026-W53"],
    ["2025-01-01", "2025-W01"],
    ["2025-12-28", "2025-W52"],
    ["2025-12-29", "2026-W01"],
  ])("puts %s in %s", (iso, week) => {
    expect(weekOf(iso)).toBe(week);
  });
  it("knows which years have 53 weeks", () => {
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(weeksInYear(2026)).toBe(53);
  });
});

describe("month, quarter, year and periodOf", () => {
  it("names each grain", () => {
    expect(monthOf("2025-09-12")).toBe("2025-09");
    expect(quarterOf("2025-09-12")).toBe("2025-Q3");
    expect(quarterOf("2025-01-01")).toBe("2025-Q1");
    expect(quarterOf("2025-10-01")).toBe("2025-Q4");
    expect(yearOf("2025-09-12")).toBe("2025");
    expect(periodOf("2025-09-12", "week")).toBe("2025-W37");
    expect(periodOf("2025-09-12", "month")).toBe("2025-09");
    expect(periodOf("2025-09-12", "quarter")).toBe("2025-Q3");
    expect(periodOf("2025-09-12", "year")).toBe("2025");
  });
});

describe("periodGrain", () => {
  it("recognises the four forms and nothing else", () => {
    expect(periodGrain("2025-W37")).toBe("week");
    expect(periodGrain("2020-W53")).toBe("week");
    expect(periodGrain("2025-W53")).toBeNull();
    expect(periodGrain("2025-W00")).toBeNull();
    expect(periodGrain("2025-W7")).toBeNull();
    expect(periodGrain("2025-09")).toBe("month");
    expect(periodGrain("2025-13")).toBeNull();
    expect(periodGrain("2025-Q3")).toBe("quarter");
    expect(periodGrain("2025-Q5")).toBeNull();
    expect(periodGrain("2025")).toBe("year");
    expect(periodGrain("2025-09-12")).toBeNull();
    expect(periodGrain("")).toBeNull();
  });
});

describe("periodBounds", () => {
  it("gives inclusive first and last days", () => {
    expect(periodBounds("2025-W37")).toEqual({ start: "2025-09-08", end: "2025-09-14" });
    expect(periodBounds("2025-W01")).toEqual({ start: "2024-12-30", end: "2025-01-05" });
    expect(periodBounds("2020-W53")).toEqual({ start: "2020-12-28", end: "2021-01-03" });
    expect(periodBounds("2024-02")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(periodBounds("2025-02")).toEqual({ start: "2025-02-01", end: "2025-02-28" });
    expect(periodBounds("2025-12")).toEqual({ start: "2025-12-01", end: "2025-12-31" });
    expect(periodBounds("2025-Q1")).toEqual({ start: "2025-01-01", end: "2025-03-31" });
    expect(periodBounds("2025-Q4")).toEqual({ start: "2025-10-01", end: "2025-12-31" });
    expect(periodBounds("2025")).toEqual({ start: "2025-01-01", end: "2025-12-31" });
  });
  it("agrees with weekOf for every day of a year", () => {
    for (let w = 1; w <= 53; w++) {
      const period = `2026-W${String(w).padStart(2, "0")}`;
      const { start, end } = periodBounds(period);
      expect(weekOf(start)).toBe(period);
      expect(weekOf(end)).toBe(period);
    }
  });
  it("throws on a malformed period", () => {
    expect(() => periodBounds("2025-W60")).toThrow();
  });
});

describe("completedPeriods", () => {
  it("covers weeks from the earliest date's week to the as-of date, whole weeks only", () => {
    // Earliest 2025-09-10 is in W37 (from 09-08); as of 2025-10-01 (a Wednesday), W40 is unfinished.
    expect(
      completedPeriods("week", { earliest: "2025-09-10", asOf: "2025-10-01", within: ["2025"] }),
    ).toEqual(["2025-W37", "2025-W38", "2025-W39"]);
  });
  it("counts a period that ends on the as-of date", () => {
    expect(
      completedPeriods("week", { earliest: "2025-09-08", asOf: "2025-09-14", within: ["2025"] }),
    ).toEqual(["2025-W37"]);
    expect(
      completedPeriods("month", { earliest: "2025-09-30", asOf: "2025-09-30", within: ["2025"] }),
    ).toEqual(["2025-09"]);
  });
  it("skips exempt periods", () => {
    expect(
      completedPeriods("week", {
        earliest: "2025-09-08",
        asOf: "2025-10-12",
        within: ["2025"],
        exempt: ["2025-W40", "2025-W41"],
      }),
    ).toEqual(["2025-W37", "2025-W38", "2025-W39"]);
  });
  it("stops at the end of the ledger's year, dropping a week that straddles it", () => {
    const weeks = completedPeriods("week", { earliest: "2025-12-01", asOf: "2026-03-01", within: ["2025"] });
    // 2026-W01 runs 2025-12-29 … 2026-01-04, so it is not wholly inside 2025.
    expect(weeks).toEqual(["2025-W49", "2025-W50", "2025-W51", "2025-W52"]);
  });
  it("drops a week that straddles the start of the ledger's year too: it is not wholly the ledger's", () => {
    // 2025-W01 runs 2024-12-30 … 2025-01-05.
    const weeks = completedPeriods("week", { earliest: "2025-01-02", asOf: "2025-01-12", within: ["2025"] });
    expect(weeks).toEqual(["2025-W02"]);
  });
  it("judges a monthly ledger on the weeks wholly inside its month only (ledgers spec §2)", () => {
    // October 2025 runs Wednesday 1st to Friday 31st: W40 and W44 straddle into September and November.
    const october = completedPeriods("week", {
      earliest: "2025-10-01",
      asOf: "2025-12-01",
      within: ["2025-10"],
    });
    expect(october).toEqual(["2025-W41", "2025-W42", "2025-W43"]);
  });
  it("judges a straddling week where both months are held, and not across a month that is missing", () => {
    const held = { earliest: "2025-09-01", asOf: "2025-12-01" };
    expect(completedPeriods("week", { ...held, within: ["2025-09", "2025-10"] })).toContain("2025-W40");
    expect(completedPeriods("week", { ...held, within: ["2025-09", "2025-11"] })).not.toContain("2025-W40");
    expect(completedPeriods("week", { ...held, within: ["2025-09", "2025-11"] })).not.toContain("2025-W44");
  });
  it("covers months, quarters and years", () => {
    expect(
      completedPeriods("month", { earliest: "2025-03-15", asOf: "2025-07-10", within: ["2025"] }),
    ).toEqual(["2025-03", "2025-04", "2025-05", "2025-06"]);
    expect(
      completedPeriods("month", { earliest: "2025-10-15", asOf: "2026-05-01", within: ["2025"] }),
    ).toEqual(["2025-10", "2025-11", "2025-12"]);
    expect(
      completedPeriods("quarter", { earliest: "2025-02-01", asOf: "2025-09-29", within: ["2025"] }),
    ).toEqual(["2025-Q1", "2025-Q2"]);
    expect(
      completedPeriods("quarter", { earliest: "2025-02-01", asOf: "2025-09-30", within: ["2025"] }),
    ).toEqual(["2025-Q1", "2025-Q2", "2025-Q3"]);
    expect(
      completedPeriods("year", { earliest: "2025-02-01", asOf: "2025-12-30", within: ["2025"] }),
    ).toEqual([]);
    expect(
      completedPeriods("year", { earliest: "2025-02-01", asOf: "2026-01-05", within: ["2025"] }),
    ).toEqual(["2025"]);
  });
  it("gives nothing when the earliest date is after the span's end", () => {
    expect(
      completedPeriods("month", { earliest: "2025-10-01", asOf: "2025-09-30", within: ["2025"] }),
    ).toEqual([]);
  });
  it("lists the 51 weeks wholly inside 2025", () => {
    const weeks = completedPeriods("week", { earliest: "2025-01-01", asOf: "2026-02-01", within: ["2025"] });
    expect(weeks).toHaveLength(51);
    expect(weeks[0]).toBe("2025-W02");
    expect(weeks[50]).toBe("2025-W52");
  });
});

describe("monthsOfYear", () => {
  it("lists the twelve months", () => {
    expect(monthsOfYear(2025)).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
    ]);
  });
});
