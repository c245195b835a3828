import { describe, expect, it } from "vitest";
import {
  MergeMap,
  address,
  columnIndex,
  columnIndexAt,
  columnLetter,
  getCell,
  parseRange,
} from "../../../shared/read/cells";

describe("column letters", () => {
  it("converts between indexes and letters", () => {
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(25)).toBe("Z");
    expect(columnLetter(26)).toBe("AA");
    expect(columnLetter(701)).toBe("ZZ");
    expect(columnLetter(702)).toBe("AAA");
    expect(columnLetter(16383)).toBe("XFD");
    expect(columnIndex("A")).toBe(0);
    expect(columnIndex("aa")).toBe(26);
    expect(columnIndex("XFD")).toBe(16383);
    expect(columnIndex("A1")).toBe(-1);
    for (let i = 0; i < 1000; i++) expect(columnIndex(columnLetter(i))).toBe(i);
  });
  it("reads the column of a cell reference in place, stopping at its row", () => {
    expect(columnIndexAt("B12", 0, 3)).toBe(1);
    expect(columnIndexAt('r="ab7"', 3, 6)).toBe(27);
    expect(columnIndexAt("12", 0, 2)).toBe(-1);
  });
  it("builds addresses from a 1-based row and a 0-based column", () => {
    expect(address(3, 1)).toBe("B3");
    expect(address(100000, 27)).toBe("AB100000");
  });
});

describe("parseRange", () => {
  it("reads plain, absolute, single-cell and sheet-qualified ranges", () => {
    expect(parseRange("A3:A7")).toEqual({ r0: 2, c0: 0, r1: 6, c1: 0 });
    expect(parseRange("$A$3:$A$7")).toEqual({ r0: 2, c0: 0, r1: 6, c1: 0 });
    expect(parseRange("B2")).toEqual({ r0: 1, c0: 1, r1: 1, c1: 1 });
    expect(parseRange("Sheet1!A1:B2")).toEqual({ r0: 0, c0: 0, r1: 1, c1: 1 });
    expect(parseRange("'民情 台账'!C5:D9")).toEqual({ r0: 4, c0: 2, r1: 8, c1: 3 });
    expect(parseRange("b7:a3")).toEqual({ r0: 2, c0: 0, r1: 6, c1: 1 });
  });
  it.each(["", "A", "3", "A0", "A:A", "1:3", "A1:B2:C3", "A1:", "AAAA1", "XFE1", "A1048577", "A1 B2"])(
    "returns null for %j",
    (text) => {
      expect(parseRange(text)).toBeNull();
    },
  );
});

describe("MergeMap", () => {
  it("points covered cells at the top-left of their merge", () => {
    const m = new MergeMap(["A3:A7", "B1:D1", "F10:G12"]);
    expect(m.anchor(2, 0)).toBeNull();
    expect(m.anchor(3, 0)).toEqual([2, 0]);
    expect(m.anchor(6, 0)).toEqual([2, 0]);
    expect(m.anchor(7, 0)).toBeNull();
    expect(m.anchor(1, 0)).toBeNull();
    expect(m.anchor(0, 2)).toEqual([0, 1]);
    expect(m.anchor(0, 4)).toBeNull();
    expect(m.anchor(11, 6)).toEqual([9, 5]);
    expect(m.anchor(9, 5)).toBeNull();
    expect(m.anchor(0, 100)).toBeNull();
  });
  it("ignores malformed and single-cell merges and lists the rest", () => {
    const m = new MergeMap(["A1", "oops", "C1:C2"]);
    expect(m.areas).toEqual([{ r0: 0, c0: 2, r1: 1, c1: 2 }]);
    expect(m.anchor(0, 0)).toBeNull();
    expect(m.anchor(1, 2)).toEqual([0, 2]);
  });
  it("resolves cells under an area that starts before a shorter later one (overlapping input)", () => {
    const m = new MergeMap(["A1:A100", "A5:B6"]);
    expect(m.anchor(50, 0)).toEqual([0, 0]);
    expect(m.areaAt(50, 0)).toEqual({ r0: 0, c0: 0, r1: 99, c1: 0 });
  });
  it("answers quickly for 100,000 rows with both small and huge areas", () => {
    const merges: string[] = ["A2:A50001", "M1:M100000"];
    for (let r = 50002; r <= 100000; r += 5) merges.push(`B${r}:B${r + 4}`);
    const m = new MergeMap(merges);
    let covered = 0;
    for (let r = 0; r < 100000; r++) for (let c = 0; c < 13; c++) if (m.anchor(r, c)) covered++;
    // A: 49,999 covered cells; B: 10,000 areas of 5 rows, the last cut to 4 by the scan (39,999); M: 99,999.
    expect(covered).toBe(49999 + 39999 + 99999);
    expect(m.anchor(99999, 12)).toEqual([0, 12]);
    expect(m.anchor(50005, 1)).toEqual([50001, 1]);
  });
});

describe("getCell", () => {
  it("reads ragged grids, giving null for missing cells", () => {
    const values = [["a", 1], [null], []];
    expect(getCell(values, 0, 1)).toBe(1);
    expect(getCell(values, 1, 0)).toBeNull();
    expect(getCell(values, 1, 5)).toBeNull();
    expect(getCell(values, 9, 0)).toBeNull();
  });
});
