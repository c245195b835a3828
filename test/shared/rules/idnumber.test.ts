import { describe, expect, it } from "vitest";
import { idFacts, idMismatches } from "../../../shared/rules/idnumber";

const ID_1980_M = "140932198001150113";
const ID_1995_F = "140932199506200221";

describe("ID number consistency", () => {
  it("reads birth date and gender from a valid number", () => {
    expect(idFacts(ID_1980_M)).toEqual({ birth: "1980-01-15", gender: "男", masked: "140932************" });
    expect(idFacts(ID_1995_F)?.gender).toBe("女");
  });

  it("gives nothing for an invalid number", () => {
    expect(idFacts("140932198001150114")).toBeNull();
    expect(idMismatches("140932198001150114", "1990-01-01", "女")).toEqual([]);
  });

  it("reports a different birth date and gender with the number masked", () => {
    const out = idMismatches(ID_1980_M, "1980-01-16", "女");
    expect(out.map((m) => m.field)).toEqual(["birth", "gender"]);
    expect(out.every((m) => m.message.includes("140932************") && !m.message.includes(ID_1980_M))).toBe(
      true,
    );
  });

  it("accepts matching cells and skips missing ones", () => {
    expect(idMismatches(ID_1980_M, "1980-01-15", "男")).toEqual([]);
    expect(idMismatches(ID_1980_M, null, null)).toEqual([]);
  });
});
