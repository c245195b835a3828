import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const ASOF = "2025-10-01";
const HEADER = [
  "姓名",
  "性别",
  "公民身份号码",
  "出生日期",
  "民族",
  "学历",
  "申请入党时间",
  "入党时间",
  "转正时间",
  "人员类别",
  "所在支部",
  "联系电话",
];

// Valid GB 11643 numbers (check character computed); the 17th digit gives the gender.
const ID_1980_M = "140932198001150113";
const ID_1995_F = "140932199506200221";
const ID_1970_M = "140932197003010339";
const ID_2001_F = "140932200105100444";
const ID_1960_M = "14093219600101055X";
const ID_1962_F = "140932196212310667";
const ID_1990_M = "140932199008080773";

function validate(rows: CellValue[][]) {
  const [result] = run(sheet("党员花名册", [HEADER, ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

/** One member row: [姓名, 性别, ID, 出生, 申请, 入党, 转正, 类别]. */
function member(
  gender: string,
  id: string,
  birth: string,
  applied: string,
  joined: string,
  confirmed: string,
  category: string,
): CellValue[] {
  return [
    "张三",
    gender,
    id,
    birth,
    "汉族",
    "高中",
    applied,
    joined,
    confirmed,
    category,
    "老牛湾村党支部",
    "",
  ];
}

describe("members kind", () => {
  it("accepts a clean roll and computes the summary", () => {
    const r = validate([
      [
        "张三",
        "男",
        ID_1980_M,
        "1980-01-15",
        "汉族",
        "高中",
        "2000-03-01",
        "2002-07-01",
        "2003-07-01",
        "正式党员",
        "老牛湾村党支部",
        "13800138000",
      ],
      [
        "李梅",
        "女",
        ID_1995_F,
        "1995-06-20",
        "汉族",
        "大专",
        "2020-01-10",
        "2024-11-01",
        "",
        "预备党员",
        "老牛湾村",
        "",
      ],
      [
        "王五",
        "男",
        ID_1960_M,
        "1960-01-01",
        "汉族",
        "初中",
        "1980-05-01",
        "1982-06-01",
        "1983-06-01",
        "正式党员",
        "乾坤湾村",
        "",
      ],
      ["赵芳", "女", ID_1962_F, "", "回族", "小学", "", "1985-07-01", "1986-07-01", "正式党员", "乾坤湾", ""],
    ]);
    expect(r.kind).toBe("members");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      members: 4,
      byBranch: { 老牛湾村党支部: 2, 乾坤湾村党支部: 2 },
      probationary: 1,
      female: 2,
      // From the 出生日期 cells only (赵芳 has none): the ID's digits never make a figure.
      averageAge: 46.7,
      over60: 1,
    });
  });

  it("flags 出生日期 that disagrees with the ID number, naming the cell's value only", () => {
    const r = validate([
      member("男", ID_1980_M, "1980-01-16", "2000-03-01", "2002-07-01", "2003-07-01", "正式党员"),
    ]);
    expect(brief(r)).toEqual(["inconsistent D2 error"]);
    expect(r.findings[0].message).toBe("出生日期 1980-01-16 与公民身份号码不一致。");
    for (const secret of ["140932", "1980-01-15", "19800115"])
      expect(JSON.stringify(r.findings)).not.toContain(secret);
  });

  it("flags 性别 that disagrees with the ID number's 17th digit, without saying which the ID holds", () => {
    const r = validate([member("女", ID_1980_M, "", "2000-03-01", "2002-07-01", "2003-07-01", "正式党员")]);
    expect(brief(r)).toEqual(["inconsistent B2 error"]);
    expect(r.findings[0].message).toBe("性别“女”与公民身份号码不一致。");
    expect(JSON.stringify(r.findings)).not.toContain("140932");
  });

  it("flags an applicant under 18 at 申请入党时间, without showing the birth date the ID holds", () => {
    const r = validate([member("女", ID_2001_F, "", "2019-01-01", "2021-06-01", "2022-06-01", "正式党员")]);
    expect(brief(r)).toEqual(["age G2 error"]);
    expect(r.findings[0].message).toBe(
      "申请入党时间 2019-01-01 时未满 18 周岁（按公民身份号码中的出生日期计算），年满十八岁方可申请入党（《中国共产党章程》第一条）。",
    );
  });

  it("checks the age at 入党时间 when 申请入党时间 is blank", () => {
    const r = validate([member("女", ID_2001_F, "", "", "2019-03-01", "2020-03-01", "正式党员")]);
    expect(brief(r)).toEqual(["age H2 error"]);
  });

  it("flags 申请入党时间 not after 出生日期", () => {
    const r = validate([member("男", ID_1980_M, "", "1979-01-01", "2002-07-01", "2003-07-01", "正式党员")]);
    expect(brief(r)).toEqual(["date-order G2 error"]);
  });

  it("flags 入党时间 before 申请入党时间", () => {
    const r = validate([member("男", ID_1990_M, "", "2015-01-01", "2014-01-01", "2015-01-01", "正式党员")]);
    expect(brief(r)).toEqual(["date-order H2 error"]);
    expect(r.findings[0].message).toBe(
      "入党时间 2014-01-01 早于申请入党时间 2015-01-01，入党时间应不早于申请入党时间。",
    );
  });

  it("flags 转正时间 not after 入党时间, without a probation warning too", () => {
    const r = validate([member("男", ID_1970_M, "", "1998-01-01", "2000-01-01", "1999-12-01", "正式党员")]);
    expect(brief(r)).toEqual(["date-order I2 error"]);
  });

  it("flags 正式党员 without 转正时间 and 预备党员 with one", () => {
    const r = validate([
      member("男", ID_1970_M, "", "1998-01-01", "2000-01-01", "", "正式党员"),
      member("男", ID_1990_M, "", "2020-01-01", "2023-01-01", "2024-01-01", "预备党员"),
    ]);
    expect(brief(r)).toEqual(["inconsistent I2 error", "inconsistent I3 error"]);
    expect(r.findings[0].message).toContain("正式党员");
    expect(r.findings[1].message).toContain("预备党员");
  });

  it("warns when 转正 comes less than a year after 入党", () => {
    const r = validate([member("男", ID_1990_M, "", "2020-01-01", "2023-01-01", "2023-10-01", "正式党员")]);
    expect(brief(r)).toEqual(["probation I2 warning"]);
    expect(r.findings[0].message).toContain("不满一年");
    expect(r.findings[0].hint).toContain("2024-01-01");
  });

  it("accepts 转正 exactly one year after 入党", () => {
    const r = validate([member("男", ID_1990_M, "", "2020-01-01", "2023-01-01", "2024-01-01", "正式党员")]);
    expect(r.findings).toEqual([]);
  });

  it("warns when 转正 comes more than two years after 入党 (one extension at most)", () => {
    const r = validate([member("男", ID_1970_M, "", "2008-01-01", "2010-01-01", "2012-06-01", "正式党员")]);
    expect(brief(r)).toEqual(["probation I2 warning"]);
    expect(r.findings[0].message).toContain("超过两年");
  });

  it("warns about a 预备党员 whose year of probation has run out at the as-of date", () => {
    const r = validate([
      member("男", ID_1990_M, "", "2020-01-01", "2024-09-30", "", "预备党员"),
      member("男", ID_1970_M, "", "2020-01-01", "2024-10-01", "", "预备党员"),
    ]);
    expect(brief(r)).toEqual(["probation H2 warning"]);
    expect(r.findings[0].message).toBe(
      "预备党员入党时间为 2024-09-30，预备期已于 2025-09-30 期满，仍未转正：预备期已满，请及时讨论转正。",
    );
  });

  it("flags a repeated 公民身份号码 without showing it in full", () => {
    const row = member("男", ID_1990_M, "", "2020-01-01", "2023-01-01", "2024-01-01", "正式党员");
    const r = validate([row, row]);
    expect(brief(r)).toEqual(["duplicate-key C3 error"]);
    expect(JSON.stringify(r.findings)).not.toContain(ID_1990_M);
  });
});
