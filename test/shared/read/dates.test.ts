import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays,
  ageOn,
  dayOfWeek,
  dayNumber,
  daysBetween,
  isoToSerial,
  parseDate,
  parseMonth,
  serialToIso,
  todayIn,
  yearFromText,
} from "../../../shared/read/dates";

describe("serialToIso in the 1900 system", () => {
  it("maps serials around Excel's fictitious 1900-02-29", () => {
    expect(serialToIso(1, false)).toBe("1900-01-01");
    expect(serialToIso(59, false)).toBe("1900-02-28");
    expect(serialToIso(60, false)).toBeNull();
    expect(serialToIso(61, false)).toBe("1900-03-01");
  });
  it("maps modern serials and drops the time fraction", () => {
    expect(serialToIso(45912, false)).toBe("2025-09-12");
    expect(serialToIso(45912.99, false)).toBe("2025-09-12");
    expect(serialToIso(2958465, false)).toBe("9999-12-31");
  });
  it("refuses serials below 1, absurd ones and non-finite ones", () => {
    expect(serialToIso(0, false)).toBeNull();
    expect(serialToIso(-5, false)).toBeNull();
    expect(serialToIso(2958466, false)).toBeNull();
    expect(serialToIso(Number.NaN, false)).toBeNull();
  });
});

describe("serialToIso in the 1904 system", () => {
  it("starts at 1904-01-01 and sits 1462 below the 1900 serial", () => {
    expect(serialToIso(0, true)).toBe("1904-01-01");
    expect(serialToIso(45912 - 1462, true)).toBe("2025-09-12");
    expect(serialToIso(44450, true)).toBe("2025-09-12");
    expect(serialToIso(-1, true)).toBeNull();
  });
});

describe("isoToSerial", () => {
  it("inverts serialToIso in both systems", () => {
    expect(isoToSerial("2025-09-12")).toBe(45912);
    expect(isoToSerial("1900-03-01")).toBe(61);
    expect(isoToSerial("1900-02-28")).toBe(59);
    expect(isoToSerial("1900-01-01")).toBe(1);
    expect(isoToSerial("2025-09-12", true)).toBe(44450);
    expect(isoToSerial("1904-01-01", true)).toBe(0);
    for (const s of [1, 59, 61, 366, 45000, 45912]) expect(isoToSerial(serialToIso(s, false) ?? "")).toBe(s);
  });
});

describe("parseDate", () => {
  it("gives null for blank cells", () => {
    expect(parseDate(null, false)).toBeNull();
    expect(parseDate("  ", false)).toBeNull();
  });
  it("reads serial numbers in either date system", () => {
    expect(parseDate(45912, false)).toEqual({ ok: true, value: "2025-09-12" });
    expect(parseDate(44450, true)).toEqual({ ok: true, value: "2025-09-12" });
    expect(parseDate(45912.4375, false)).toEqual({ ok: true, value: "2025-09-12" });
    expect(parseDate(0, false)).toEqual({ ok: false, reason: "invalid" });
  });
  it("reads a compact date typed into a number cell", () => {
    expect(parseDate(20250912, false)).toEqual({ ok: true, value: "2025-09-12" });
    expect(parseDate(20250230, false)).toEqual({ ok: false, reason: "invalid" });
  });
  it.each([
    "2025-09-12",
    "2025/9/12",
    "2025.9.12",
    "2025年9月12日",
    "2025年9月12号",
    "2025 年 9 月 12 日",
    "20250912",
    "2025-09-12 10:30",
    "2025/9/12 10:30:15",
    "2025-09-12T10:30",
    "2025年9月12日 8:05",
    "２０２５－０９－１２",
    "２０２５年９月１２日",
    " 2025-9-12 ",
  ])("accepts %s as 2025-09-12", (text) => {
    expect(parseDate(text, false)).toEqual({ ok: true, value: "2025-09-12" });
  });
  it.each(["9月12日", "9月12号", "9-12", "9/12", "9.12"])("reports %s as lacking a year", (text) => {
    expect(parseDate(text, false)).toEqual({ ok: false, reason: "no-year" });
  });
  it.each(["2025-02-30", "2025-13-01", "2025/9-12", "明天", "2025-09-12 下午", "20251301", "TRUE"])(
    "rejects %s as invalid",
    (text) => {
      expect(parseDate(text, false)).toEqual({ ok: false, reason: "invalid" });
    },
  );
  it("reads two-digit years as 20xx up to the as-of year's last two digits, else 19xx", () => {
    const asOf = "2025-10-01";
    expect(parseDate("25/9/12", false, { asOf })).toEqual({ ok: true, value: "2025-09-12" });
    expect(parseDate("25.9.12", false, { asOf })).toEqual({ ok: true, value: "2025-09-12" });
    expect(parseDate("25-9-12", false, { asOf })).toEqual({ ok: true, value: "2025-09-12" });
    expect(parseDate("26.1.5", false, { asOf })).toEqual({ ok: true, value: "1926-01-05" });
    expect(parseDate("65.3.12", false, { asOf })).toEqual({ ok: true, value: "1965-03-12" });
  });
  it("reads year-months where the column allows them, and says the day is missing elsewhere", () => {
    for (const v of [1980.02, "1980.02", "1980-02", "1980/2", "1980年2月", "198002", 198002]) {
      expect(parseDate(v, false, { monthOk: true })).toEqual({ ok: true, value: "1980-02" });
      expect(parseDate(v, false)).toEqual({ ok: false, reason: "no-day" });
    }
    expect(parseDate(1980.12, false, { monthOk: true })).toEqual({ ok: true, value: "1980-12" });
    expect(parseDate("1980.1", false, { monthOk: true })).toEqual({ ok: true, value: "1980-01" });
  });
  it("never reads 1980.02 or 1980 as a day serial in 1905, and refuses the number 1980.1 as ambiguous", () => {
    expect(parseDate(1980.1, false, { monthOk: true })).toEqual({ ok: false, reason: "ambiguous-month" });
    expect(parseDate(1980.1, false)).toEqual({ ok: false, reason: "ambiguous-month" });
    expect(parseDate(1980, false, { monthOk: true })).toEqual({ ok: false, reason: "year-only" });
    expect(parseDate(1980.13, false, { monthOk: true })).toEqual({ ok: false, reason: "invalid" });
  });
  it("accepts 29 February only in leap years", () => {
    expect(parseDate("2024-02-29", false)).toEqual({ ok: true, value: "2024-02-29" });
    expect(parseDate("2025-02-29", false)).toEqual({ ok: false, reason: "invalid" });
    expect(parseDate("2100-02-29", false)).toEqual({ ok: false, reason: "invalid" });
    expect(parseDate("2000-02-29", false)).toEqual({ ok: true, value: "2000-02-29" });
  });
  it("rejects booleans", () => {
    expect(parseDate(true, false)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("parseMonth", () => {
  it.each([
    "2025-09",
    "2025/9",
    "2025.9",
    "2025年9月",
    "2025年9月份",
    "202509",
    "２０２５年９月",
    "2025-09-12",
    "2025年9月12日",
  ])("reads %s as 2025-09", (text) => {
    expect(parseMonth(text, false)).toEqual({ ok: true, value: "2025-09" });
  });
  it("reads serials, YYYYMM numbers and year.month numbers", () => {
    expect(parseMonth(45912, false)).toEqual({ ok: true, value: "2025-09" });
    expect(parseMonth(44450, true)).toEqual({ ok: true, value: "2025-09" });
    expect(parseMonth(202509, false)).toEqual({ ok: true, value: "2025-09" });
    expect(parseMonth(2025.9, false)).toEqual({ ok: true, value: "2025-09" });
    expect(parseMonth(2025.12, false)).toEqual({ ok: true, value: "2025-12" });
  });
  it("refuses 2025.1 as a number, since 2025.10 arrives the same way", () => {
    expect(parseMonth(2025.1, false)).toEqual({ ok: false, reason: "ambiguous-month" });
  });
  it("rejects impossible and unreadable months, and gives null for blanks", () => {
    expect(parseMonth("2025-13", false)).toEqual({ ok: false, reason: "invalid" });
    expect(parseMonth("2025-00", false)).toEqual({ ok: false, reason: "invalid" });
    expect(parseMonth("九月", false)).toEqual({ ok: false, reason: "invalid" });
    expect(parseMonth("9月", false)).toEqual({ ok: false, reason: "invalid" });
    expect(parseMonth("", false)).toBeNull();
  });
});

describe("date arithmetic", () => {
  it("adds days across month, year and leap boundaries", () => {
    expect(addDays("2025-09-12", 1)).toBe("2025-09-13");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
  });
  it("counts days from a to b", () => {
    expect(daysBetween("2025-01-01", "2025-12-31")).toBe(364);
    expect(daysBetween("2025-09-12", "2025-09-10")).toBe(-2);
  });
  it("numbers weekdays Monday 1 to Sunday 7", () => {
    expect(dayOfWeek("2025-09-08")).toBe(1);
    expect(dayOfWeek("2025-09-12")).toBe(5);
    expect(dayOfWeek("2025-09-14")).toBe(7);
    expect(dayOfWeek("1960-01-01")).toBe(5);
  });
  it("computes whole years of age", () => {
    expect(ageOn("1990-09-12", "2025-09-11")).toBe(34);
    expect(ageOn("1990-09-12", "2025-09-12")).toBe(35);
    expect(ageOn("2004-02-29", "2022-02-28")).toBe(17);
    expect(ageOn("2004-02-29", "2022-03-01")).toBe(18);
  });
});

describe("todayIn", () => {
  it("gives the calendar date in the named zone", () => {
    const now = new Date("2025-09-11T16:30:00Z");
    expect(todayIn("Asia/Shanghai", now)).toBe("2025-09-12");
    expect(todayIn("UTC", now)).toBe("2025-09-11");
  });
});

describe("yearFromText", () => {
  it("finds the first 19xx年 or 20xx年", () => {
    expect(yearFromText("老牛湾镇民情问题台账（2025年）")).toBe(2025);
    expect(yearFromText("2025年度党员发展台账")).toBe(2025);
    expect(yearFromText("１９９９年 与 2025年")).toBe(1999);
    expect(yearFromText("2025 年")).toBe(2025);
  });
  it("gives null without a year followed by 年", () => {
    expect(yearFromText("民情问题台账 2025")).toBeNull();
    expect(yearFromText("12025年")).toBeNull();
    expect(yearFromText("1800年")).toBeNull();
  });
});

describe("dayNumber", () => {
  it("counts days exactly as Date does, for every year, month and day (0 and 31 roll over)", () => {
    const byDate = (y: number, m: number, d: number) => {
      const date = new Date(0);
      date.setUTCFullYear(y, m - 1, d);
      return Math.round(date.getTime() / 86_400_000);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 31 }),
        (y, m, d) => {
          const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          expect(dayNumber(iso)).toBe(byDate(y, m, d));
        },
      ),
      { numRuns: 5000 },
    );
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2024-03")).toBe(dayNumber("2024-02-29"));
  });
});
