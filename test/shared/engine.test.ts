/** The reading rules of ledgers spec §1, through the engine's one entry point. */
import { describe, expect, it } from "vitest";
import { run, sheet } from "./helpers";
import type { CellValue } from "../../shared/workbook";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { KindDef } from "../../shared/kinds/types";
import { volunteers } from "../../shared/kinds/volunteers";
import { PROBLEM_HEADER, problemRow as fixtureRow } from "../fixtures/problem-rows";
import { msg } from "../../shared/messages/engine";

const AS_OF = "2025-10-01";
/** The 民情问题台账 header without 责任人 and 联系电话. */
const HEADER = PROBLEM_HEADER.filter((h) => h !== "责任人" && h !== "联系电话");

function problemRow(n: number, overrides: Partial<Record<string, CellValue>> = {}): CellValue[] {
  return fixtureRow(
    n,
    { 收集人: "王芳", 问题描述: "饮水管道冻裂", 解决日期: "2025-09-10", 受益人数: 9, ...overrides },
    HEADER,
  );
}

const codes = (r: { findings: { code: string; cell: string | null }[] }) =>
  r.findings.map((f) => `${f.code}@${f.cell}`);

describe("header row and kind", () => {
  it("finds the header under a merged title row and reports its row", () => {
    const [r] = run(
      sheet("Sheet1", [["老牛湾镇民情问题台账（2025年）"], [], HEADER, problemRow(1)], ["A1:K1"]),
      AS_OF,
    );
    expect(r.kind).toBe("problems");
    expect(r.headerRow).toBe(3);
    expect(r.rows).toBe(1);
    expect(r.findings).toEqual([]);
    expect(r.period).toBe("2025");
  });

  it("matches headers after NFKC, white space removal and a trailing required marker", () => {
    const header = ["序 号", "编号*", "收集\n日期＊", "村　", "问题类别", "问题描述", "办理状态"];
    const [r] = run(
      sheet("台账", [header, [1, "A1", "2025-09-01", "乾坤湾", "道路", "村道破损", "待办"]]),
      AS_OF,
    );
    expect(r.kind).toBe("problems");
    expect(r.findings).toEqual([]);
    expect(r.records[0].values["村"]).toBe("乾坤湾村党支部");
  });

  it("accepts an alias with another money unit and converts it (投资金额（元）)", () => {
    const header = ["村", "项目名称", "项目类型", "投资金额（元）", "进度"];
    const [r] = run(sheet("项目", [header, ["麦虎村", "光伏", "产业发展", "25,000元", "谋划中"]]), AS_OF);
    expect(r.kind).toBe("projects");
    expect(r.findings).toEqual([]);
    // 25,000 元 = 2.5 万元 = 2,500,000 分
    expect(r.records[0].values["投资金额（万元）"]).toBe(2_500_000);
  });

  it("reads a two-row header: group label over sub-labels (受益情况 / 户数, 人数)", () => {
    const top = ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态", "解决日期", "受益情况", null];
    const low = [null, null, null, null, null, null, null, "户数", "人数"];
    const data = ["B1", "2025-09-01", "滑石村", "住房", "危房", "已解决", "2025-09-05", "2户", "7人"];
    const merges = ["H1:I1", "A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:G2"];
    const [r] = run(sheet("民情", [top, low, data], merges), AS_OF);
    expect(r.kind).toBe("problems");
    expect(r.headerRow).toBe(2);
    expect(r.findings).toEqual([]);
    expect(r.records[0].values["受益户数"]).toBe(2);
    expect(r.records[0].values["受益人数"]).toBe(7);
  });

  it("reports a sheet that matches no kind once, as info, and does not validate it", () => {
    const [r] = run(sheet("说明", [["本工作簿用于……"], ["联系人", "电话"]]), AS_OF);
    expect(r.kind).toBeNull();
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([["unknown-sheet", "info"]]);
    expect(r.errors).toBe(0);
  });

  it("still recognises a sheet that lacks a required column and reports missing-column once", () => {
    const header = ["编号", "收集日期", "村", "问题类别", "问题描述"]; // no 办理状态
    const [r] = run(
      sheet("民情", [
        header,
        ["C1", "2025-09-01", "麦虎村", "医疗", "看病远"],
        ["C2", "2025-09-02", "麦虎村", "医疗", "缺药"],
      ]),
      AS_OF,
    );
    expect(r.kind).toBe("problems");
    expect(codes(r)).toEqual(["missing-column@null"]);
    expect(r.findings[0].column).toBeNull();
    expect(r.findings[0].message).toContain("办理状态");
  });

  it("reports a second header mapping to the same column as duplicate-column on that header", () => {
    const header = ["编号", "收集日期", "登记日期", "村", "问题类别", "问题描述", "办理状态"];
    const [r] = run(
      sheet("民情", [header, ["D1", "2025-09-01", "2025-09-01", "麦虎村", "医疗", "看病远", "待办"]]),
      AS_OF,
    );
    expect(codes(r)).toEqual(["duplicate-column@C1"]);
  });
});

describe("data rows", () => {
  it("stops before a footer row and skips blank rows inside the data", () => {
    const rows: CellValue[][] = [
      HEADER,
      problemRow(1),
      [],
      [null, "", "  "],
      problemRow(2, { 编号: "MQ-2" }),
      ["填表人：王芳", null, "审核人：李强"],
      ["这一行在页脚下面", "不是数据"],
    ];
    const [r] = run(sheet("民情问题台账", rows), AS_OF);
    expect(r.rows).toBe(2);
    expect(r.findings).toEqual([]);
  });

  it("gives cells inside a vertical merge the top-left value, with no required findings", () => {
    const rows = [
      HEADER,
      problemRow(1),
      problemRow(2, { 村: null, 编号: "MQ-2" }),
      problemRow(3, { 村: null, 编号: "MQ-3" }),
    ];
    const [r] = run(sheet("民情问题台账", rows, ["D2:D4"]), AS_OF);
    expect(r.findings).toEqual([]);
    expect(r.records.map((x) => x.values["村"])).toEqual([
      "老牛湾村党支部",
      "老牛湾村党支部",
      "老牛湾村党支部",
    ]);
  });

  it("reads dates as serials (1900 and 1904 systems) and as text in five forms", () => {
    const dates: CellValue[] = [45901, "2025/9/1", "2025.9.1", "2025年9月1日", "20250901"];
    const rows = [HEADER, ...dates.map((d, i) => problemRow(i + 1, { 收集日期: d, 编号: `X${i}` }))];
    const [r] = run(sheet("民情问题台账", rows), AS_OF);
    expect(r.findings).toEqual([]);
    expect(r.records.map((x) => x.values["收集日期"])).toEqual(Array(5).fill("2025-09-01"));

    const wb1904 = {
      sheets: [sheet("民情问题台账", [HEADER, problemRow(1, { 收集日期: 45901 - 1462 })])],
      date1904: true,
    };
    const [r1904] = validateWorkbook(wb1904, { asOf: AS_OF, registry: DEFAULT_REGISTRY });
    expect(r1904.records[0].values["收集日期"]).toBe("2025-09-01");
  });

  it("reports a date without a year as a type error whose hint names the expected form", () => {
    const [r] = run(sheet("民情问题台账", [HEADER, problemRow(1, { 收集日期: "9月1日" })]), AS_OF);
    expect(codes(r)).toEqual(["type@C2"]);
    expect(r.findings[0].hint).toContain("2025-09-12");
  });

  it("flags a date after the as-of date as future-date", () => {
    const [r] = run(
      sheet("民情问题台账", [
        HEADER,
        problemRow(1, { 收集日期: "2025-10-02", 解决日期: null, 办理状态: "待办" }),
      ]),
      AS_OF,
    );
    expect(codes(r)).toEqual(["future-date@C2"]);
  });

  it("reads numbers with units and full-width digits; rejects words", () => {
    const rows = [
      HEADER,
      problemRow(1, { 受益户数: "３户", 受益人数: "12人" }),
      problemRow(2, { 编号: "MQ-2", 受益户数: "三户" }),
    ];
    const [r] = run(sheet("民情问题台账", rows), AS_OF);
    expect(r.records[0].values["受益户数"]).toBe(3);
    expect(r.records[0].values["受益人数"]).toBe(12);
    expect(codes(r)).toEqual(["type@J3"]);
  });

  it("reports an enum value with the closest allowed value as hint and accepts listed aliases", () => {
    const rows = [
      HEADER,
      problemRow(1, { 办理状态: "已办结" }),
      problemRow(2, { 编号: "MQ-2", 办理状态: "已解诀" }),
    ];
    const [r] = run(sheet("民情问题台账", rows), AS_OF);
    expect(r.records[0].values["办理状态"]).toBe("已解决");
    expect(codes(r)).toEqual(["enum@H3"]);
    expect(r.findings[0].hint).toContain("已解决");
  });

  it("reports an unknown village with the closest registry name", () => {
    const [r] = run(sheet("民情问题台账", [HEADER, problemRow(1, { 村: "老牛弯村" })]), AS_OF);
    expect(codes(r)).toEqual(["unknown-branch@D2"]);
    expect(r.findings[0].hint).toContain("老牛湾村党支部");
  });

  it("reports an empty required cell as required", () => {
    const [r] = run(sheet("民情问题台账", [HEADER, problemRow(1, { 问题描述: "  " })]), AS_OF);
    expect(codes(r)).toEqual(["required@G2"]);
  });

  it("keeps extra columns in the raw record and ignores them", () => {
    const [r] = run(
      sheet("民情问题台账", [
        [...HEADER, "照片编号"],
        [...problemRow(1), "P-77"],
      ]),
      AS_OF,
    );
    expect(r.findings).toEqual([]);
    expect(r.records[0].raw["照片编号"]).toBe("P-77");
    // The sheet the raw cells come from stays out of the record's JSON.
    expect(Object.keys(JSON.parse(JSON.stringify(r.records[0])))).toEqual(["row", "values", "invalid"]);
  });

  it("reports repeats of a unique column after the first", () => {
    const rows = [HEADER, problemRow(1), problemRow(2, { 编号: "MQ-1" }), problemRow(3, { 编号: "MQ-1" })];
    const [r] = run(sheet("民情问题台账", rows), AS_OF);
    expect(codes(r)).toEqual(["duplicate-key@B3", "duplicate-key@B4"]);
    expect(r.findings[0].message).toContain("第 2 行");
  });

  it("treats failed cells as empty in the summary and counts every data row", () => {
    const rows = [HEADER, problemRow(1), problemRow(2, { 编号: "MQ-2", 受益户数: "很多" })];
    const [r] = run(sheet("民情问题台账", rows), AS_OF);
    expect(r.summary?.total).toBe(2);
    expect(r.summary?.households).toBe(3);
  });
});

describe("staff across sheets (§4)", () => {
  const staffSheet = sheet("人员岗位表", [
    ["姓名", "职务", "岗位"],
    ["王　芳", "主任", "统筹"],
    ["李强", "常务副主任", "组织"],
  ]);
  const meetings = sheet("工作例会台账", [
    ["日期", "会议类型", "主持人", "参会人数"],
    ["2025-09-01", "周小结", "王芳", 8],
    ["2025-09-02", "周小结", "赵六", 8],
  ]);

  it("checks staff against the workbook's 人员岗位表 when the registry lists none", () => {
    const results = validateWorkbook(
      { sheets: [staffSheet, meetings], date1904: false },
      { asOf: "2025-09-03", registry: DEFAULT_REGISTRY },
    );
    const m = results[1];
    expect(m.findings.filter((f) => f.code === "unknown-staff").map((f) => f.cell)).toEqual(["C3"]);
  });

  it("skips staff checks when neither registry nor workbook lists staff", () => {
    const [m] = validateWorkbook(
      { sheets: [meetings], date1904: false },
      { asOf: "2025-09-03", registry: DEFAULT_REGISTRY },
    );
    expect(m.findings.filter((f) => f.code === "unknown-staff")).toEqual([]);
  });

  it("uses the caller's fallback staff list (the Worker's current 人员岗位表)", () => {
    const [m] = validateWorkbook(
      { sheets: [meetings], date1904: false },
      { asOf: "2025-09-03", registry: DEFAULT_REGISTRY, fallbackStaff: ["王芳"] },
    );
    expect(m.findings.filter((f) => f.code === "unknown-staff").map((f) => f.cell)).toEqual(["C3"]);
  });
});

describe("title rows", () => {
  it("reads a one-cell title above the header as a title, not as a group row, and takes its year", () => {
    const rows = [
      ["老牛湾镇民情问题台账（2024年）"],
      HEADER,
      problemRow(1, { 收集日期: "2024-09-01", 解决日期: "2024-09-10" }),
    ];
    const [r] = run(sheet("民情问题台账", rows, ["A1:K1"]), AS_OF);
    expect(r.headerRow).toBe(2);
    expect(r.period).toBe("2024");
    expect(r.findings).toEqual([]);
  });
});

describe("money", () => {
  it("names the header's own unit when a 元 amount under a 万元 column is negative", () => {
    const header = ["村", "项目名称", "项目类型", "投资金额（元）", "进度"];
    const [r] = run(sheet("项目", [header, ["麦虎村", "光伏", "产业发展", "-50000", "谋划中"]]), AS_OF);
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([["range", "D2"]]);
    expect(r.findings[0].message).toContain("投资金额（元）");
  });
});

describe("the submitting branch", () => {
  it("flags rows that name another branch when a branch submits, and none for the office", () => {
    const rows = [HEADER, problemRow(1), problemRow(2, { 编号: "MQ-2", 村: "乾坤湾" })];
    const wb = { sheets: [sheet("民情问题台账", rows)], date1904: false };
    const [own] = validateWorkbook(wb, { asOf: AS_OF, registry: DEFAULT_REGISTRY, branch: "老牛湾村党支部" });
    expect(own.findings.map((f) => [f.code, f.cell])).toEqual([["inconsistent", "D3"]]);
    expect(own.findings[0].message).toContain("乾坤湾村党支部");
    const [office] = validateWorkbook(wb, { asOf: AS_OF, registry: DEFAULT_REGISTRY });
    expect(office.findings).toEqual([]);
  });
});

describe("dates before 1900", () => {
  it("says a date cell before 1900 is not a valid date, without showing the raw serial", () => {
    const [r] = run(sheet("民情问题台账", [HEADER, problemRow(1, { 收集日期: -18201 })]), AS_OF);
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([["type", "C2"]]);
    expect(r.findings[0].message).toBe("收集日期早于 1900 年，不是有效的日期。");
  });
});

describe("a sheet rule with very many findings", () => {
  it("returns 300,000 findings without overflowing the call stack", () => {
    const many: KindDef = {
      ...volunteers,
      id: "many",
      sheetRules: (_rows, ctx) =>
        Array.from({ length: 300_000 }, () => ctx.finding({ code: "quota", text: msg("advice.branch") })),
    };
    const input = sheet("志愿服务台账", [
      ["日期", "队伍", "地点", "服务类型", "参与党员人数", "服务时长（小时）"],
      ["2025-09-01", "红色先锋队", "老牛湾村", "政策宣传", 5, 2],
    ]);
    const [result] = validateWorkbook(
      { sheets: [input], date1904: false },
      { asOf: "2025-10-01", registry: DEFAULT_REGISTRY, kinds: [many] },
    );
    expect(result.warnings).toBe(300_000);
  });
});
