import { describe, expect, it } from "vitest";
import {
  cellText,
  closest,
  isBlank,
  levenshtein,
  normalizeEnumText,
  normalizeHeader,
  normalizeName,
  normalizeText,
  splitHeaderUnit,
  splitList,
} from "../../../shared/read/text";

describe("normalizeHeader", () => {
  it("removes every kind of white space including U+3000 and line breaks", () => {
    expect(normalizeHeader(" 收集\u3000日期\n ")).toBe("收集日期");
    expect(normalizeHeader("问题\r\n描述\t")).toBe("问题描述");
  });
  it("drops one trailing required mark, half- or full-width", () => {
    expect(normalizeHeader("姓名*")).toBe("姓名");
    expect(normalizeHeader("姓名＊")).toBe("姓名");
    expect(normalizeHeader("姓名 ＊ ")).toBe("姓名");
    expect(normalizeHeader("姓名**")).toBe("姓名*");
  });
  it("turns full-width brackets into half-width ones", () => {
    expect(normalizeHeader("投资金额（万元）")).toBe("投资金额(万元)");
  });
});

describe("splitHeaderUnit", () => {
  it("splits a trailing bracketed unit", () => {
    expect(splitHeaderUnit("投资金额(万元)")).toEqual({ base: "投资金额", unit: "万元" });
    expect(splitHeaderUnit("服务时长(小时)")).toEqual({ base: "服务时长", unit: "小时" });
  });
  it("gives a null unit without a unit in brackets", () => {
    expect(splitHeaderUnit("姓名")).toEqual({ base: "姓名", unit: null });
    expect(splitHeaderUnit("姓名()")).toEqual({ base: "姓名", unit: null });
    expect(splitHeaderUnit("(元)")).toEqual({ base: "(元)", unit: null });
  });
});

describe("normalizeText", () => {
  it("trims outer white space including U+3000 and collapses inner runs", () => {
    expect(normalizeText("\u3000 路灯  不亮\u3000")).toBe("路灯 不亮");
  });
  it("keeps content as typed, with no width folding", () => {
    expect(normalizeText("ＡＢ１２")).toBe("ＡＢ１２");
  });
});

describe("normalizeName", () => {
  it("removes white space between CJK characters", () => {
    expect(normalizeName("张　三")).toBe("张三");
    expect(normalizeName(" 李 四 ")).toBe("李四");
    expect(normalizeName("王 小 二")).toBe("王小二");
  });
  it("keeps one space between Latin words", () => {
    expect(normalizeName("  Li   Na ")).toBe("Li Na");
  });
});

describe("normalizeEnumText", () => {
  it("applies NFKC and removes all white space", () => {
    expect(normalizeEnumText(" 已 解决（部分） ")).toBe("已解决(部分)");
  });
});

describe("closest", () => {
  it("returns null when there are no candidates", () => {
    expect(closest("党员", [])).toBeNull();
  });
  it("picks the smallest edit distance among values sharing a character and differing in at most a third", () => {
    expect(levenshtein("已解决", "未解决")).toBe(1);
    expect(closest("已解快", ["办理中", "已解决", "未解决"])).toBe("已解决");
    expect(closest("老牛弯", ["乾坤湾", "老牛湾"])).toBe("老牛湾");
    // 供暖 shares nothing with 饮水; 吃水 differs from 饮水 in half its characters.
    expect(closest("供暖", ["饮水", "道路", "其他"])).toBeNull();
    expect(closest("吃水", ["饮水", "道路", "其他"])).toBeNull();
  });
  it("never suggests the opposite: a negation only one of the two has", () => {
    expect(closest("未解决", ["待办", "办理中", "已解决", "无法解决"])).toBeNull();
    expect(closest("不太称职", ["优秀", "称职", "不称职"])).toBe("不称职");
    expect(closest("合格了", ["合格", "不合格"])).toBe("合格");
  });
  it("breaks ties with the first candidate", () => {
    expect(closest("abc", ["abx", "aby"])).toBe("abx");
  });
  it("skips values over 64 characters", () => {
    expect(closest("老牛湾".repeat(30), ["老牛湾"])).toBeNull();
  });
  it("prefers a candidate that contains the target or is contained in it", () => {
    expect(closest("第一支部", ["第二支部", "老牛湾村第一支部"])).toBe("老牛湾村第一支部");
    expect(closest("老牛湾村第一党支部委员会", ["第二支部", "第一党支部"])).toBe("第一党支部");
  });
});

describe("splitList", () => {
  it("splits on every list separator and white space, dropping empties", () => {
    expect(splitList("张三、李四,王五，赵六;钱七；孙八/周九 吴十\u3000郑十一")).toEqual([
      "张三",
      "李四",
      "王五",
      "赵六",
      "钱七",
      "孙八",
      "周九",
      "吴十",
      "郑十一",
    ]);
    expect(splitList(" 、、 ")).toEqual([]);
  });
});

describe("cellText and isBlank", () => {
  it("renders each cell type", () => {
    expect(cellText("  路灯 ")).toBe("路灯");
    expect(cellText(12.5)).toBe("12.5");
    expect(cellText(true)).toBe("TRUE");
    expect(cellText(false)).toBe("FALSE");
    expect(cellText(null)).toBe("");
  });
  it("treats null, empty and white-space-only cells as blank", () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank("")).toBe(true);
    expect(isBlank(" \u3000\n")).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
    expect(isBlank("0")).toBe(false);
  });
});
