/**
 * The ID scanner (shared/privacy.ts) against numbers typed every way a clerk or a paste can type
 * them: whatever the engine accepts as an ID number, the scanner masks down to its first 6 digits,
 * wherever it stands in a text. Numbers that are not IDs (phone numbers, dates) are left alone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskIds, maskIdsInText } from "../../shared/privacy";
import { checkId18 } from "../../shared/read/idcard";
import { idNumber, rebuildableIds } from "./idnumbers";

const ID = idNumber("1980-01-01", 7, true);
const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
/** Characters the normalisation removes: spaces, U+3000, tabs, zero-width and other invisible ones. */
const INVISIBLE = [" ", "\u3000", "\t", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0"];

describe("the ID scanner", () => {
  it.each([
    ["plain", ID, "140932************"],
    ["in a sentence", `身份证号${ID}，请核对`, "身份证号140932************，请核对"],
    ["spaced 6-8-4", `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`, "140932************"],
    ["in fours", ID.replace(/(.{4})/g, "$1 ").trim(), "140932************"],
    ["full-width", FULL_WIDTH(ID), "140932************"],
    ["U+3000", `${ID.slice(0, 6)}\u3000${ID.slice(6)}`, "140932************"],
    ["zero-width", [...ID].join("\u200b"), "140932************"],
    ["dashed 6-8-4", `${ID.slice(0, 6)}-${ID.slice(6, 14)}-${ID.slice(14)}`, "140932************"],
    ["lower-case x", "11010519491231002x", "110105************"],
    ["17 digits", ID.slice(0, 17), "140932***********"],
    ["glued to more digits", `${ID}12`, "140932**************"],
    ["15-digit (old card)", "140932800101001", "140932*********"],
    ["15-digit spaced 6-6-3", "140932 800101 001", "140932*********"],
    ["15-digit in fours", "备注 1409 3280 0101 001", "备注 140932*********"],
    ["15-digit dashed 6-6-3", "身份证 140932-800101-001。", "身份证 140932*********。"],
    ["two in a row", `${ID} ${idNumber("1990-02-02", 3, false)}`, "140932************ 140932************"],
  ])("masks an ID %s", (_, text, masked) => {
    expect(maskIdsInText(text)).toBe(masked);
  });

  it.each([
    "13812345678、13912345678",
    "13812345678 2025年",
    "电话 13812345678，备注 2025年",
    "2025-09-12-2025-10-01",
    "0350-7123456",
    "MQ-00012",
    "受益 3 户 8 人",
    // 15 digits split by spaces that are not laid out as a first-generation number.
    "1 2 3 4 5 6 7 8 9 10 11 12",
    "0350 7123456 2025",
    "7123456 2025 1005",
  ])("leaves %s alone", (text) => {
    expect(maskIdsInText(text)).toBe(text);
  });

  it("masks two phone numbers split only by a space: their 22 digits could be an ID and its neighbours", () => {
    expect(maskIdsInText("13812345678 13912345678")).toBe("138123****************");
  });

  it("masks the last characters of a number split off by a space", () => {
    expect(maskIdsInText(`${ID.slice(0, 15)} ${ID.slice(15)}`)).toBe("140932************");
  });

  it("masks an ID typed as a number, and inside arrays, objects and their keys", () => {
    expect(maskIds({ [ID]: [140932198001010000, `x${ID}`], n: 12 })).toEqual({
      "140932************": ["140932************", "x140932************"],
      n: 12,
    });
  });

  it("masks every number the engine accepts, however it was typed", () => {
    const typed = fc
      .tuple(
        fc.integer({ min: 0, max: 400 }),
        fc.date({ min: new Date("1930-01-01"), max: new Date("2007-12-31"), noInvalidDate: true }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 18 }), fc.constantFrom(...INVISIBLE)), { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom("", "身份证：", "备注 ", "号码"),
      )
      .map(([seq, birth, inserts, wide, prefix]) => {
        const id = idNumber(birth.toISOString().slice(0, 10), seq, seq % 2 === 0);
        const chars = [...(wide ? FULL_WIDTH(id) : id)];
        for (const [at, ch] of inserts) chars.splice(Math.min(at, chars.length), 0, ch);
        return { id, text: `${prefix}${chars.join("")}` };
      });
    fc.assert(
      fc.property(typed, ({ id, text }) => {
        const cell = text.replace(/^(身份证：|备注 |号码)/, "");
        expect(checkId18(cell)).toMatchObject({ ok: true });
        expect([...rebuildableIds([maskIdsInText(text)])]).not.toContain(id);
        expect(maskIdsInText(text)).not.toMatch(/\d{7}/);
      }),
      { numRuns: 300 },
    );
  });

  it("takes a bounded time on a cell of 32,767 characters made to be scanned", () => {
    for (const text of ["1 ".repeat(16_383), "1".repeat(32_767), "１\u200b".repeat(16_383)]) {
      expect(maskIdsInText(text)).not.toMatch(/\d{7}/);
    }
  });
});
