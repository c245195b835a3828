import { describe, expect, it } from "vitest";
import {
  checkId18,
  idCheckChar,
  isMobile,
  maskId,
  normalizeId,
  normalizeMobile,
} from "../../../shared/read/idcard";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid ID built from a 17-digit base with GB 11643's algorithm, written out independently. */
function withCheck(base17: string): string {
  const sum = [...base17].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return base17 + "10X98765432".charAt(sum % 11);
}

function wrongCheck(id: string): string {
  const right = id.charAt(17);
  const wrong = right === "0" ? "1" : "0";
  return id.slice(0, 17) + wrong;
}

describe("checkId18", () => {
  it("accepts the standard's published example", () => {
    // GB 11643-1999 example: 11010519491231002X.
    expect(checkId18("11010519491231002X")).toEqual({ ok: true, birth: "1949-12-31", male: false });
  });
  it("accepts IDs built with the algorithm and reads birth and sex", () => {
    const male = withCheck("14093219900912123");
    expect(idCheckChar(male.slice(0, 17))).toBe(male.charAt(17));
    expect(checkId18(male)).toEqual({ ok: true, birth: "1990-09-12", male: true });
    const female = withCheck("14093220000229002");
    expect(checkId18(female)).toEqual({ ok: true, birth: "2000-02-29", male: false });
  });
  it("normalises full-width digits, spaces and a lower-case x first", () => {
    expect(checkId18(" 11010519491231002x ")).toMatchObject({ ok: true });
    expect(checkId18("１１０１０５１９４９１２３１００２Ｘ")).toMatchObject({ ok: true });
    expect(normalizeId(" 110105 19491231 002x")).toBe("11010519491231002X");
  });
  it("drops a leading apostrophe, Excel's text marker that exports write into the cell", () => {
    expect(normalizeId("'11010519491231002X")).toBe("11010519491231002X");
    expect(checkId18("’１１０１０５１９４９１２３１００２x")).toEqual({
      ok: true,
      birth: "1949-12-31",
      male: false,
    });
  });
  it("reads a 15-digit first-generation number as its 18-digit form (born 19xx, last digit odd = 男)", () => {
    expect(normalizeId("140932650308123")).toBe(withCheck("14093219650308123"));
    expect(checkId18("140932 650308 123")).toEqual({ ok: true, birth: "1965-03-08", male: true });
    expect(checkId18("140932651308124")).toEqual({ ok: false, code: "birth" });
  });
  it("reports a wrong check character as checksum", () => {
    const id = withCheck("14093219900912123");
    const result = checkId18(wrongCheck(id));
    expect(result).toMatchObject({ ok: false, code: "checksum" });
  });
  it.each([
    "1409321990091212",
    "14093219900912",
    "1409321990091212345",
    "14093219900912123Y",
    "X40932199009121234",
    "",
    "身份证",
  ])("reports %j as a pattern error", (id) => {
    expect(checkId18(id)).toMatchObject({ ok: false, code: "pattern" });
  });
  it("reports an impossible birth date with a correct check character as birth", () => {
    expect(checkId18(withCheck("14093219901332123"))).toMatchObject({ ok: false, code: "birth" });
    expect(checkId18(withCheck("14093220010229123"))).toMatchObject({ ok: false, code: "birth" });
    expect(checkId18(withCheck("14093218991231123"))).toMatchObject({ ok: false, code: "birth" });
  });
  it("says what is wrong and nothing of the digits", () => {
    const id = withCheck("14093219900912123");
    expect([wrongCheck(id), id.slice(0, 17) + "Y", withCheck("14093219901332123")].map(checkId18)).toEqual([
      { ok: false, code: "checksum" },
      { ok: false, code: "pattern" },
      { ok: false, code: "birth" },
    ]);
  });
});

describe("maskId", () => {
  it("keeps the first 6 characters only: no birth date, no tail", () => {
    expect(maskId("14093219900912123X")).toBe("140932************");
    expect(maskId("14093219900912123x")).toBe("140932************");
    expect(maskId("140932199009121")).toBe("140932************");
  });
  it("hides short numbers too", () => {
    expect(maskId("1234567890")).toBe("123456****");
    expect(maskId("123")).toBe("***");
  });
});

describe("mobile numbers", () => {
  it.each([
    "13800138000",
    "138 0013 8000",
    "138-0013-8000",
    "+86 138 0013 8000",
    "8613800138000",
    "０１３８００１３８０００".slice(1),
    "19912345678",
  ])("accepts %s", (text) => {
    expect(isMobile(text)).toBe(true);
  });
  it.each(["12800138000", "1380013800", "138001380001", "0351-1234567", "1380013800X", ""])(
    "rejects %s",
    (text) => {
      expect(isMobile(text)).toBe(false);
    },
  );
  it("normalises to 11 digits", () => {
    expect(normalizeMobile("+86 138-0013-8000")).toBe("13800138000");
    expect(normalizeMobile("0086 13800138000")).toBe("13800138000");
    expect(normalizeMobile("8613800138000")).toBe("13800138000");
  });
});
