import { describe, expect, it } from "vitest";
import {
  approvedReduction,
  arrearsOf,
  asOfMonth,
  duesAccepted,
  duesExpectation,
  lastCompletedMonth,
  type MonthPayment,
} from "../../../shared/rules/dues";

const due = (category: Parameters<typeof duesExpectation>[0], baseYuan: number | null) => {
  const e = duesExpectation(category, baseYuan === null ? null : Math.round(baseYuan * 100));
  return e && { min: e.minFen, max: e.maxFen, rate: e.rate };
};

describe("党费 rates (中组发〔2008〕3号)", () => {
  it("applies the 在职 bands to the whole base, boundaries inclusive, and the same to 个体经营", () => {
    expect(due("在职", 3000)).toEqual({ min: 1400, max: 1600, rate: 0.005 });
    expect(due("在职", 3000.01)).toEqual({ min: 2900, max: 3100, rate: 0.01 });
    expect(due("在职", 5000)).toEqual({ min: 4900, max: 5100, rate: 0.01 });
    expect(due("在职", 10000)).toEqual({ min: 14900, max: 15100, rate: 0.015 });
    expect(due("在职", 10001)).toEqual({ min: 19902, max: 20102, rate: 0.02 });
    expect(due("个体经营", 4200)).toEqual({ min: 4100, max: 4300, rate: 0.01 });
  });

  it("applies the 离退休 bands", () => {
    expect(due("离退休", 5000)).toEqual({ min: 2400, max: 2600, rate: 0.005 });
    expect(due("离退休", 6000)).toEqual({ min: 5900, max: 6100, rate: 0.01 });
  });

  it("uses 0.2–1 元 for 农民 and exactly 0.2 元 for 学生、下岗失业、低保、抚恤救济 (第六条)", () => {
    expect(due("农民", null)).toEqual({ min: 20, max: 100, rate: undefined });
    for (const c of ["学生", "下岗失业", "低保", "抚恤救济"] as const) {
      expect(due(c, null)).toEqual({ min: 20, max: 20, rate: undefined });
    }
    const farmer = duesExpectation("农民", null);
    expect(farmer && [0, 10, 20, 100, 101].map((f) => duesAccepted(farmer, f))).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it("does not check 其他, nor a percentage category without a base", () => {
    expect(due("其他", 8000)).toBeNull();
    expect(due("在职", null)).toBeNull();
  });

  it("reads an approved 免交 or 少交 (第七条) from 备注", () => {
    expect(
      ["经支部研究、镇党委批准免交", "批准少交", "减交", "按时交纳", "", null].map(approvedReduction),
    ).toEqual(["免交", "少交", "少交", null, null, null]);
  });
});

/** Months 1..12 from a short list (the rest blank). */
const months = (...cells: MonthPayment[]): MonthPayment[] =>
  Array.from({ length: 12 }, (_, i) => (i < cells.length ? cells[i] : null));

describe("arrears (cumulative, 第十二条)", () => {
  it("owes nothing for a quarterly payer who pays within the quarter's last month", () => {
    const a = arrearsOf({
      dueFen: 100,
      months: months(null, null, 300, null, null, 300, null, null, 300),
      first: 1,
      last: 12,
      upTo: 9,
      receivedTo: 10,
    });
    expect(a).toMatchObject({ owedFen: 900, paidFen: 900, arrearsFen: 0, unpaid: [], longestGap: 2 });
    const midQuarter = arrearsOf({
      dueFen: 100,
      months: months(null, null, 300, null, null),
      first: 1,
      last: 12,
      upTo: 5,
      receivedTo: 6,
    });
    expect(midQuarter).toMatchObject({ arrearsFen: 200, unpaid: [4, 5] });
  });

  it("owes nothing after paying a year ahead (预交) or after catching up (补交)", () => {
    expect(
      arrearsOf({ dueFen: 50, months: months(600), first: 1, last: 12, upTo: 9, receivedTo: 10 })?.arrearsFen,
    ).toBe(0);
    const caughtUp = months(null, null, null, null, null, null, null, 400, 100);
    expect(
      arrearsOf({ dueFen: 50, months: caughtUp, first: 1, last: 12, upTo: 9, receivedTo: 10 }),
    ).toMatchObject({
      arrearsFen: 0,
      longestGap: 7,
    });
  });

  it("settles the oldest months first and names the ones still open", () => {
    const a = arrearsOf({
      dueFen: 100,
      months: months(100, 100, null, null, 150),
      first: 1,
      last: 12,
      upTo: 9,
      receivedTo: 10,
    });
    expect(a).toMatchObject({ owedFen: 900, paidFen: 350, arrearsFen: 550, unpaid: [4, 5, 6, 7, 8, 9] });
  });

  it("counts √ as the month's dues, skips 免 months, and owes only from 起缴 to 停缴", () => {
    const a = arrearsOf({
      dueFen: 100,
      months: months("due", "exempt", "due"),
      first: 1,
      last: 12,
      upTo: 3,
      receivedTo: 4,
    });
    expect(a).toMatchObject({ owedFen: 200, paidFen: 200, arrearsFen: 0 });
    const joinedInJuly = arrearsOf({
      dueFen: 100,
      months: months(),
      first: 7,
      last: 12,
      upTo: 9,
      receivedTo: 10,
    });
    expect(joinedInJuly).toMatchObject({ owedFen: 300, unpaid: [7, 8, 9], longestGap: 3 });
    const leftInMarch = arrearsOf({
      dueFen: 100,
      months: months(100, 100),
      first: 1,
      last: 3,
      upTo: 9,
      receivedTo: 10,
    });
    expect(leftInMarch).toMatchObject({ owedFen: 300, arrearsFen: 100, unpaid: [3] });
  });

  it("owes nothing in a month whose column the sheet does not have, and cannot judge an unreadable month", () => {
    const half: MonthPayment[] = [
      ...months(100, 100, 100, 100, 100, 100).slice(0, 6),
      ...Array<MonthPayment>(6).fill("absent"),
    ];
    expect(
      arrearsOf({ dueFen: 100, months: half, first: 1, last: 12, upTo: 9, receivedTo: 10 })?.arrearsFen,
    ).toBe(0);
    expect(
      arrearsOf({ dueFen: 100, months: months(100, "unknown"), first: 1, last: 12, upTo: 9, receivedTo: 10 }),
    ).toBeNull();
  });

  it("judges to the as-of date's previous month, December for a past year, nothing for a future one", () => {
    expect(lastCompletedMonth(2025, "2025-10-01")).toBe(9);
    expect(lastCompletedMonth(2025, "2025-09-30")).toBe(8);
    expect(lastCompletedMonth(2025, "2025-01-20")).toBe(0);
    expect(lastCompletedMonth(2024, "2025-01-15")).toBe(12);
    expect(lastCompletedMonth(2026, "2025-12-31")).toBe(0);
  });

  it("counts payments to the as-of date's month only: later columns had not been paid then", () => {
    expect([
      asOfMonth(2025, "2025-10-01"),
      asOfMonth(2024, "2025-01-15"),
      asOfMonth(2026, "2025-12-31"),
    ]).toEqual([10, 12, 0]);
    // A year's ledger filled to September, judged as it stood at the end of the first quarter.
    const monthly = months(100, 100, 100, 100, 100, 100, 100, 100, 100);
    expect(
      arrearsOf({ dueFen: 100, months: monthly, first: 1, last: 12, upTo: 2, receivedTo: 3 }),
    ).toMatchObject({
      owedFen: 200,
      paidFen: 300,
      arrearsFen: 0,
    });
    // Nothing paid to May: a payment in September does not settle it as of the end of May.
    const late = months(null, null, null, null, null, null, null, null, 900);
    expect(
      arrearsOf({ dueFen: 100, months: late, first: 1, last: 12, upTo: 5, receivedTo: 6 }),
    ).toMatchObject({
      paidFen: 0,
      arrearsFen: 500,
      unpaid: [1, 2, 3, 4, 5],
    });
  });
});
