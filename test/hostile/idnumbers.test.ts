/**
 * The privacy tests' attacker (test/hostile/idnumbers.ts) on its own: it rebuilds a number from a
 * mask, a birth date and a tail however they are spread or spaced, and takes no tail from a
 * machine stamp (a digest, a UUID, a date-time), whose digits would make every scan of a database
 * fail by chance on some day or other.
 */
import { describe, expect, it } from "vitest";
import { idLeaks, idNumber, rebuildableIds } from "./idnumbers";

// Born 1980-11-12; its tail is the day and hour of a stamp written on the 1st at 10 o'clock.
const ID = idNumber("1980-11-12", 5, true);
const MASK = `${ID.slice(0, 6)}************`;
const TAIL = ID.slice(14);

describe("the attacker of the privacy tests", () => {
  it("uses a number whose tail reads as a day and an hour", () => {
    expect(TAIL).toBe("0110");
  });

  it.each([
    ["one text", [`${MASK} 生于1980年11月12日，尾号${TAIL}`]],
    ["three texts", [MASK, "出生日期 1980-11-12", `尾号 ${TAIL}`]],
    ["a tail split by a space", [MASK, "1980/11/12", `尾号 01 10`]],
    ["a tail split by a zero-width space", [MASK, "1980.11.12", `尾号 01\u200b10`]],
    ["a tail after a date-time", [MASK, "1980-11-12", `2026-12-01 10:05:34 尾号${TAIL}`]],
  ])("rebuilds a number from a mask, a birth date and a tail in %s", (_, texts) => {
    expect(idLeaks(texts, [ID])).toEqual([ID]);
  });

  it.each([
    ["a date-time with a space", "2026-12-01 10:05:34"],
    ["an ISO date-time", "2026-12-01T10:05:34.120Z"],
    ["a date-time without seconds", "2026/12/01 10:05"],
    ["a hex digest", "created by key 9f3a0110bc"],
    ["a UUID", "a1b2c3d4-0110-4abc-8def-0123456789ab"],
  ])("takes no tail from %s", (_, stamp) => {
    expect(idLeaks([MASK, "1980-11-12", stamp], [ID])).toEqual([]);
    expect([...rebuildableIds([`${MASK} 1980-11-12 ${stamp}`])]).not.toContain(ID);
  });

  it("still finds the number given whole inside a date-time's neighbourhood", () => {
    expect(idLeaks([`2026-12-01 10:05:34 ${ID}`], [ID], { parts: false })).toEqual([ID]);
  });
});
