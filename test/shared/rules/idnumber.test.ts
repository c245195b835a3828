import { describe, expect, it } from "vitest";
import { idFacts, idMismatches } from "../../../shared/rules/idnumber";
import { renderText } from "../../../shared/messages/engine";

const ID_1980_M = "140932198001150113";
const ID_1995_F = "140932199506200221";

describe("ID number consistency", () => {
  it("reads birth date and gender from a valid number", () => {
    expect(idFacts(ID_1980_M)).toEqual({ birth: "1980-01-15", gender: "男" });
    expect(idFacts(ID_1995_F)?.gender).toBe("女");
  });

  it("gives nothing for an invalid number", () => {
    expect(idFacts("140932198001150114")).toBeNull();
    expect(idMismatches("140932198001150114", "1990-01-01", "女")).toEqual([]);
  });

  it("names the cell's value and says it disagrees, never a digit, the birth date or the gender of the ID", () => {
    const out = idMismatches(ID_1980_M, "1980-01-16", "女");
    expect(out.map((m) => [m.field, renderText(m.text, "zh-CN").message])).toEqual([
      ["birth", "出生日期 1980-01-16 与公民身份号码不一致。"],
      ["gender", "性别“女”与公民身份号码不一致。"],
    ]);
    const rendered = out.flatMap((m) => Object.values(renderText(m.text, "en")));
    const text = JSON.stringify([out, rendered]);
    for (const secret of ["140932", "19800115", "1980-01-15"]) expect(text).not.toContain(secret);
    // The hint explains the rule; no message says which gender this number holds, in either language.
    expect(out.map((m) => renderText(m.text, "zh-CN").message).join("")).not.toContain("男");
    expect(out.map((m) => renderText(m.text, "en").message).join("")).not.toMatch(/男|male/);
  });

  it("accepts matching cells, a matching year-month, and skips missing ones", () => {
    expect(idMismatches(ID_1980_M, "1980-01-15", "男")).toEqual([]);
    expect(idMismatches(ID_1980_M, "1980-01", "男")).toEqual([]);
    expect(idMismatches(ID_1980_M, "1980-02", null).map((m) => m.field)).toEqual(["birth"]);
    expect(idMismatches(ID_1980_M, null, null)).toEqual([]);
  });
});
