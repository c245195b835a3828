import { describe, expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { ICON_SIZES, iconPng } from "../../addin/build/icons";

describe("generated icons", () => {
  it("are valid RGBA PNGs of the size their names say", () => {
    for (const size of ICON_SIZES) {
      const png = iconPng(size);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
      const idatLength = png.readUInt32BE(33);
      expect(png.subarray(37, 41).toString("ascii")).toBe("IDAT");
      expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe((size * 4 + 1) * size);
    }
  });
});
