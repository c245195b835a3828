/**
 * GET /api/report (issue 15, reports): the 季总结 / 年盘点 draft's figures are /api/summary's, its
 * comparisons are the summaries of the periods before, its lists are the rows behind the figures,
 * and a branch gets its own report only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatFigure } from "../../shared/figures";
import { kindFigure } from "../../shared/kinds";
import type { PeriodReport } from "../../shared/period-report/schema";
import type { CellValue } from "../../shared/workbook";
import { PROBLEM_COLUMNS, problemRow } from "../fixtures/problem-rows";
import { BRANCH1, BRANCH2, call, newKey, seedUsers } from "./helpers";

type Who = "office" | "branch1" | "branch2";

async function submit(who: Who, kind: string, period: string, values: CellValue[][], branch?: string) {
  const res = await call(who, "POST", "/api/submissions", {
    kind,
    period,
    sheetName: kind,
    sheet: { values, merges: [], date1904: false },
    idempotencyKey: newKey(),
    ...(branch ? { branch } : {}),
  });
  expect([kind, period, res.status, res.body.error]).toEqual([kind, period, 201, undefined]);
}

const problem = (n: number, village: string, collected: string, solved: string | null) =>
  problemRow(n, {
    编号: `MQ-${n}`,
    村: village,
    收集日期: collected,
    办理状态: solved ? "已解决" : "办理中",
    解决日期: solved,
  });

const problems = (year: string, rows: CellValue[][]): CellValue[][] => [
  [`${year}年民情问题台账`],
  [...PROBLEM_COLUMNS],
  ...rows,
];

beforeAll(async () => {
  await seedUsers();
  await submit(
    "branch1",
    "problems",
    "2025",
    problems("2025", [
      problem(1, "老牛湾村", "2025-02-10", "2025-02-20"),
      problem(2, "老牛湾村", "2025-05-03", null), // open 151 days at 2025-10-01
      problem(3, "老牛湾村", "2025-08-01", "2025-08-05"),
      problem(4, "老牛湾村", "2025-09-20", null), // open 11 days: within the limit
    ]),
  );
  await submit("branch2", "problems", "2025", problems("2025", [problem(5, "乾坤湾村", "2025-07-15", null)]));
  await submit(
    "branch1",
    "problems",
    "2024",
    problems("2024", [
      problem(6, "老牛湾村", "2024-03-01", "2024-03-02"),
      problem(7, "老牛湾村", "2024-08-01", "2024-08-02"),
    ]),
  );
  await submit("branch1", "disputes", "2025", [
    ["2025年矛盾纠纷排查化解台账"],
    ["编号", "登记日期", "村", "纠纷类型", "状态", "化解层级", "化解日期"],
    ["JF-1", "2025-03-01", "老牛湾村", "邻里纠纷", "已化解", "村级", "2025-03-05"],
    ["JF-2", "2025-06-01", "老牛湾村", "土地权属", "已移交", null, null],
  ]);
});

async function report(who: Who, query: string): Promise<PeriodReport> {
  const res = await call<PeriodReport>(who, "GET", `/api/report?${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

const figure = (r: PeriodReport, kind: string, name: string) =>
  r.kinds.find((k) => k.kind === kind)?.figures.find((f) => f.name === name);

describe("GET /api/report", () => {
  it("gives the 年盘点 every figure of /api/summary, and last year's from /api/summary of the year before", async () => {
    const r = await report("office", "year=2025");
    const now = (await call("office", "GET", "/api/summary?year=2025")).body;
    const before = (await call("office", "GET", "/api/summary?year=2024")).body;
    expect(r.title).toBe("老牛湾镇2025年年盘点（初稿）");
    expect(r.kinds.map((k) => k.kind)).toEqual(["problems", "disputes"]);
    for (const k of r.kinds) {
      const total = now.kinds.find((x: { kind: string }) => x.kind === k.kind).total;
      const last = before.kinds.find((x: { kind: string }) => x.kind === k.kind).total;
      for (const f of k.figures) {
        const meta = kindFigure(k.kind, f.name);
        expect([k.kind, f.name, f.value]).toEqual([k.kind, f.name, total[f.name] ?? null]);
        expect([k.kind, f.name, f.text]).toEqual([
          k.kind,
          f.name,
          formatFigure(meta, total[f.name], "zh-CN"),
        ]);
        const lastText = Object.keys(last).length ? formatFigure(meta, last[f.name], "zh-CN") : null;
        expect([k.kind, f.name, f.lastYear]).toEqual([k.kind, f.name, lastText]);
      }
    }
    expect(figure(r, "problems", "total")).toMatchObject({
      text: "5 件",
      lastYear: "2 件",
      changeLastYear: "+3 件",
      previous: null,
    });
    expect(figure(r, "problems", "resolvedRate")).toMatchObject({
      text: "40%",
      lastYear: "100%",
      changeLastYear: "−60 个百分点",
    });
  });

  it("counts a 季总结 to the quarter's end and compares it with the quarter before and last year's", async () => {
    const r = await report("office", "year=2025&quarter=2");
    expect(r.title).toBe("老牛湾镇2025年第二季度季总结（初稿）");
    expect([r.period, r.previousPeriod, r.lastYearPeriod]).toEqual(["2025-Q2", "2025-Q1", "2024-Q2"]);
    expect(figure(r, "problems", "total")).toMatchObject({
      text: "2 件",
      previous: "1 件",
      changePrevious: "+1 件",
      lastYear: "1 件",
      changeLastYear: "+1 件",
    });
    // At the quarter's end MQ-2 had been open 58 days.
    expect(r.attention.openProblems.rows.map((row) => [row[0], row[5]])).toEqual([["MQ-2", "58"]]);
  });

  it("lists the open problems behind 超期未办结, the disputes passed up, and nothing for a quiet period", async () => {
    const r = await report("office", "year=2025");
    expect(r.attention.openProblems.title).toBe("（一）超过 30 天未办结的民情问题");
    expect(r.attention.openProblems.rows.map((row) => [row[0], row[4], row[5]])).toEqual([
      ["MQ-2", "办理中", "151"],
      ["MQ-5", "办理中", "78"],
    ]);
    expect(figure(r, "problems", "openOver30Days")?.value).toBe(2);
    expect(r.attention.disputesUp.rows.map((row) => [row[0], row[2], row[3]])).toEqual([
      ["JF-2", "土地权属", "2025-06-01"],
    ]);
    const q1 = await report("office", "year=2025&quarter=1");
    expect([q1.attention.openProblems.rows, q1.attention.disputesUp.rows]).toEqual([[], []]);
  });

  it("heads the draft with the 143 system and leaves 【请补充】 where only a person can write", async () => {
    const r = await report("office", "year=2025");
    expect(r.system.map((s) => s.heading)).toEqual(["（一）一个牵头", "（二）四项机制", "（三）三个融合"]);
    const business = r.system[2].items[0];
    expect(business.lines).toEqual([
      "民情问题台账：问题总数 5 件，已解决 2 件，解决率 40%，受益户数 6 户，受益人数 16 人，办结天数中位数 7 天。",
      "主要做法和成效：【请补充】",
    ]);
    expect(r.system[0].items[0].lines[0]).toBe("本期未收到人员岗位表。");
    expect(r.closing.map((c) => c.lines)).toEqual([["【请补充】"], ["【请补充】"]]);
  });

  it("gives a branch its own report, and refuses it another branch's", async () => {
    const own = await report("branch1", "year=2025");
    expect([own.branch, own.title]).toEqual([BRANCH1, `老牛湾镇${BRANCH1}2025年年盘点（初稿）`]);
    expect(figure(own, "problems", "total")?.text).toBe("4 件");
    expect(own.branches).toEqual([]);
    // The office's own ledgers (人员岗位表 …) are not the branch's to report, nor missing from it.
    expect(own.system[0].items[0].lines).toEqual(["主要做法和成效：【请补充】"]);
    expect(own.missingKinds).toEqual([
      "志愿服务台账",
      "项目台账",
      "党员花名册",
      "党费收缴台账",
      "三会一课台账",
    ]);
    expect(own.attention.openProblems.rows.map((row) => row[0])).toEqual(["MQ-2"]);
    expect((await report("branch1", "year=2025&branch=老牛湾")).branch).toBe(BRANCH1);

    const other = await call("branch1", "GET", "/api/report?year=2025&branch=乾坤湾村");
    expect([other.status, other.body.error.code]).toEqual([403, "forbidden"]);
    expect(JSON.stringify(other.body)).not.toContain("MQ-5");

    const byOffice = await report("office", `year=2025&branch=${encodeURIComponent(BRANCH2)}`);
    expect(figure(byOffice, "problems", "total")?.text).toBe("1 件");
  });

  it("refuses a missing year, a fifth quarter and an unknown branch with the field named", async () => {
    const cases = [
      ["quarter=1", 400],
      ["year=2025&quarter=5", 400],
      ["year=2025&branch=火星村", 400],
    ] as const;
    for (const [query, status] of cases) {
      const res = await call("office", "GET", `/api/report?${query}`);
      expect([query, res.status]).toEqual([query, status]);
    }
  });
});
