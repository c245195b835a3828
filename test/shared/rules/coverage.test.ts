import { describe, expect, it } from "vitest";
import { uncovered } from "../../../shared/rules/coverage";

describe("uncovered", () => {
  it("lists the expected entities not covered, in expected order, once each", () => {
    expect(uncovered(["甲", "乙", "丙", "乙", "丁"], ["丙", "戊"])).toEqual(["甲", "乙", "丁"]);
  });

  it("is empty when everything is covered", () => {
    expect(uncovered(new Set(["甲"]), ["甲", "乙"])).toEqual([]);
  });
});
