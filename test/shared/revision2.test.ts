/**
 * Ledgers spec revision 2, §5: one test per item, each on a workbook shaped the way a clerk or
 * the party-membership system really makes it, asserting the exact findings and figures.
 */
import { describe, expect, it } from "vitest";
import { Workbook } from "@cj-tech-master/excelts";
import type { CellValue, SheetInput } from "../../shared/workbook";
import type { Finding } from "../../shared/findings";
import type { SheetResult } from "../../shared/report";
import { straddlingWeekFindings, validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY, RegistrySchema, type Registry } from "../../shared/registry";
import { workbookToInput } from "../../shared/xlsx";
import { duesRow, duesSheet, exportRoll, filledProblemsTemplate, idOf as id } from "../fixtures/revision2";
import { findingText } from "../../shared/messages/engine";

const AS_OF = "2025-10-01";

function validate(sheets: SheetInput[], asOf = AS_OF, registry: Registry = DEFAULT_REGISTRY): SheetResult[] {
  return validateWorkbook({ sheets, date1904: false }, { asOf, registry });
}
const one = (sheet: SheetInput, asOf = AS_OF, registry: Registry = DEFAULT_REGISTRY): SheetResult =>
  validate([sheet], asOf, registry)[0];
const brief = (findings: readonly Finding[]) =>
  findings.map(
    (f) => `${f.severity} ${f.code} ${f.cell ?? f.period ?? ""}${f.subject ? ` ${f.subject}` : ""}`,
  );

/** The registry with branch and township settings (interfaces spec revision 2). */
function registryWith(extra: Partial<Registry>, branches: Record<string, object> = {}): Registry {
  return RegistrySchema.parse({
    ...DEFAULT_REGISTRY,
    ...extra,
    branches: DEFAULT_REGISTRY.branches.map((b) => ({ ...b, ...(branches[b.name] ?? {}) })),
  });
}

// ------------------------------------------------------------------ §5 items

describe("§5.1 errors are mistakes in the sheet, warnings are facts: a true ledger is always submittable", () => {
  it("gives a true dues ledger with long arrears, a branch nobody is linked to and a vacant post no error", () => {
    const dues = one(
      duesSheet([
        duesRow(1, "张三", "农民", null, 1, []),
        duesRow(2, "李四", "在职", 4200, 42, [42, 42, 42, 42, 42, 42, 42, 42, 42]),
      ]),
    );
    expect(brief(dues.findings)).toEqual(["warning dues-unpaid B4 张三"]);
    expect(dues.errors).toBe(0);

    const office = validate([
      {
        name: "人员岗位表",
        values: [
          ["姓名", "职务", "岗位"],
          ["王建国", "主任", "统筹"],
          ["刘海燕", "副主任", "组织"],
        ],
        merges: [],
      },
      {
        name: "支部联系点",
        values: [
          ["工作人员", "联系支部"],
          ...DEFAULT_REGISTRY.branches.slice(0, 5).map((b) => ["王建国", b.name]),
          ["刘海燕", "老牛湾村"],
        ],
        merges: [],
      },
    ]);
    expect(office.map((r) => brief(r.findings))).toEqual([
      ["warning inconsistent "],
      ["warning coverage-gap  阳洼子村党支部"],
    ]);
    expect(office.map((r) => r.errors)).toEqual([0, 0]);
  });
});

describe("§5.2 template rows, more footer words and 小计 rows", () => {
  async function filledTemplate(numbering: "typed" | "formula"): Promise<SheetInput> {
    const back = new Workbook();
    await back.xlsx.load(await filledProblemsTemplate(numbering).xlsx.writeBuffer());
    return workbookToInput(back).sheets[0];
  }

  it.each(["typed", "formula"] as const)(
    "skips the rows of a pre-numbered template (%s 序号, formula totals) and counts only the filled ones",
    async (numbering) => {
      const sheet = await filledTemplate(numbering);
      expect(sheet.formulas?.some((f) => f.startsWith("L3"))).toBe(true);
      const r = one(sheet);
      expect(r.kind).toBe("problems");
      expect(r.rows).toBe(3);
      expect(r.findings).toEqual([]);
      expect(r.summary).toMatchObject({
        total: 3,
        resolved: 2,
        resolvedRate: 0.6667,
        households: 5,
        people: 15,
      });
    },
  );

  it("reads a row whose cells are all formula results as data when the reader cannot say they are formulas", async () => {
    const sheet = await filledTemplate("typed");
    const r = one({ ...sheet, formulas: undefined });
    // Without the formula list, a row of 序号 and a 0 受益人数 looks typed: the fallback test is 序号 only.
    expect(r.rows).toBe(200);
  });

  it("ends the data at the new footer words in the first or second cell, and skips a 小计 between data rows", () => {
    const header = ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态", "受益户数"];
    const row = (n: number, village: string): CellValue[] => [
      `MQ-${n}`,
      "2025-09-01",
      village,
      "饮水",
      "水管冻裂",
      "办理中",
      2,
    ];
    for (const footer of [
      "填报人：王芳",
      "填报日期：2025年9月30日",
      "审核：李强",
      "单位负责人：刘海燕",
      "注：本表按月更新",
      "盖章",
    ]) {
      const r = one({
        name: "民情问题台账",
        values: [
          header,
          row(1, "老牛湾村"),
          row(2, "老牛湾村"),
          [null, "小计", null, null, null, null, 4],
          row(3, "乾坤湾村"),
          [null, footer],
          ["这一行在页脚下面", "不是数据"],
        ],
        merges: [],
      });
      expect([footer, r.rows, r.findings]).toEqual([footer, 3, []]);
      expect(r.summary).toMatchObject({ total: 3, byVillage: { 老牛湾村党支部: 2, 乾坤湾村党支部: 1 } });
    }
  });
});

describe("§5.3 an absent optional column gives no finding per row", () => {
  it("does not ask for 解决日期, 化解层级, 合作村 or 完成日期 when the sheet has no such column", () => {
    const results = validate([
      {
        name: "民情问题台账",
        values: [
          ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态"],
          ["MQ-1", "2025-09-01", "老牛湾村", "饮水", "水管冻裂", "已解决"],
        ],
        merges: [],
      },
      {
        name: "矛盾纠纷排查化解台账",
        values: [
          ["编号", "登记日期", "村", "纠纷类型", "状态"],
          ["JF-1", "2025-09-01", "老牛湾村", "邻里纠纷", "已化解"],
        ],
        merges: [],
      },
      {
        name: "项目台账",
        values: [
          ["村", "项目名称", "项目类型", "进度"],
          ["老牛湾村", "光伏入股", "入股分红", "已见效"],
        ],
        merges: [],
      },
    ]);
    expect(results.map((r) => [r.kind, r.findings])).toEqual([
      ["problems", []],
      ["disputes", []],
      ["projects", []],
    ]);
  });
});

describe("§5.4 year-months and two-digit years; no 1905 dates from 1980.02", () => {
  it("reads the system's 出生年月 1980.02 and a 98.3.1 date, and asks for 1980.1 to be typed as text", () => {
    const r = one(
      exportRoll([
        ["张三", "男", id("1980-02-11", true), 1980.02, "98.3.1", "1999.07", "2000.07", "正式党员"],
        ["李梅", "女", id("1985-10-05", false), "1985.10", "2007.03", "2008.07", "2009.07", "正式党员"],
        ["王五", "男", id("1980-01-20", true, 2), 1980.1, "2001.03", "2002.07", "2003.07", "正式党员"],
      ]),
    );
    expect(r.kind).toBe("members");
    expect(
      r.records.map((x) => [x.values["出生日期"], x.values["申请入党时间"], x.values["入党时间"]]),
    ).toEqual([
      ["1980-02", "1998-03-01", "1999-07"],
      ["1985-10", "2007-03", "2008-07"],
      [null, "2001-03", "2002-07"],
    ]);
    expect(brief(r.findings)).toEqual(["error type E4"]);
    expect(r.findings[0].message).toBe(
      "出生日期“1980.1”分不清是 1 月还是 10 月（Excel 会把 1980.10 末尾的 0 去掉）。",
    );
    expect(r.findings[0].hint).toBe(
      "请以文本输入 1980.10 或 1980.01（先输入英文单引号 '，或把单元格设为文本格式）。",
    );
  });

  it("says the day is missing where a column needs a full date", () => {
    const r = one({
      name: "民情问题台账",
      values: [
        ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态"],
        ["MQ-1", "25/9/12", "老牛湾村", "饮水", "水管冻裂", "办理中"],
        ["MQ-2", 2025.09, "老牛湾村", "饮水", "水管冻裂", "办理中"],
      ],
      merges: [],
    });
    expect(r.records[0].values["收集日期"]).toBe("2025-09-12");
    expect(brief(r.findings)).toEqual(["error type B3"]);
    expect(r.findings[0].message).toBe("收集日期“2025.09”只有年月，缺少日。");
  });
});

describe("§5.5 combined meeting entries; hints by synonyms first, never the opposite", () => {
  /** One branch's 三会一课 from July to `last` month: combined entries where the 条例 allows them. */
  function meetings(last: number): CellValue[][] {
    const rows: CellValue[][] = [];
    for (let m = 7; m <= last; m++) {
      const mm = String(m).padStart(2, "0");
      const quarterEnd = m % 3 === 0;
      rows.push(["老牛湾村党支部", `2025-${mm}-05`, "支委会", 5, 5, "研究工作"]);
      rows.push([
        "老牛湾村党支部",
        `2025-${mm}-10`,
        quarterEnd ? "主题党日+党课" : "主题党日",
        30,
        26,
        "学习",
      ]);
      rows.push(["老牛湾村党支部", `2025-${mm}-18`, "党小组会", 10, 9, "学习"]);
      if (quarterEnd) rows.push(["老牛湾村党支部", `2025-${mm}-22`, "党员大会", 30, 25, "讨论发展党员"]);
    }
    rows.push(["老牛湾村党支部", "2025-08-14", "组织生活会暨民主评议党员", 30, 28, "年度组织生活会"]);
    return rows;
  }
  const header = ["支部", "日期", "会议类型", "应到人数", "实到人数", "主题"];

  it("counts 主题党日+党课 and 组织生活会暨民主评议党员 for each of their types", () => {
    const q3 = one({
      name: "三会一课台账",
      values: [["2025年三会一课台账"], header, ...meetings(9)],
      merges: [],
    });
    expect(q3.findings).toEqual([]);
    expect(
      q3.records.filter((x) => Array.isArray(x.values["会议类型"])).map((x) => x.values["会议类型"]),
    ).toEqual([
      ["主题党日", "党课"],
      ["组织生活会", "民主评议党员"],
    ]);
    const year = one(
      { name: "三会一课台账", values: [["2025年三会一课台账"], header, ...meetings(12)], merges: [] },
      "2026-01-10",
    );
    expect(year.findings).toEqual([]);
    expect(year.summary).toMatchObject({
      cadence: { 老牛湾村党支部: { 党课: 1, 主题党日: 1, 组织生活会: 1, 民主评议党员: 1 } },
    });
  });

  it("accepts 正在办理, and hints 供暖 → 其他 and 修路 → 道路 but never 未解决 → 已解决", () => {
    const r = one({
      name: "民情问题台账",
      values: [
        ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态"],
        ["MQ-1", "2025-09-01", "老牛湾村", "饮水", "水管冻裂", "正在办理"],
        ["MQ-2", "2025-09-01", "老牛湾村", "供暖", "暖气不热", "待办"],
        ["MQ-3", "2025-09-01", "老牛湾村", "修路", "村道破损", "待办"],
        ["MQ-4", "2025-09-01", "老牛湾村", "饮水", "水压低", "未解决"],
      ],
      merges: [],
    });
    expect(r.findings.map((f) => [f.cell, f.hint])).toEqual([
      ["D3", "是否应为“其他”？"],
      ["D4", "是否应为“道路”？"],
      ["F5", "请从规定的选项中选择：待办、办理中、已解决、无法解决。"],
    ]);
    expect(r.records[0].values["办理状态"]).toBe("办理中");
  });
});

describe("§5.6 full organisation names match their branch", () => {
  it("reads every form clerks and the party-membership system write", () => {
    const names = [
      "中共老牛湾村支部委员会",
      "中共偏关县老牛湾镇老牛湾村党支部",
      "老牛湾镇老牛湾村",
      "老牛湾村村委会",
      "老牛湾村民委员会",
      "老牛湾村支部",
      // A 党总支's full name, and names that carry the province and the city before the county.
      "中共偏关县老牛湾镇老牛湾村总支部委员会",
      "忻州市偏关县老牛湾镇老牛湾村党支部",
      "中共山西省忻州市偏关县老牛湾镇老牛湾村支部委员会",
      "老牛湾镇",
    ];
    const r = one({
      name: "民情问题台账",
      values: [
        ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态"],
        ...names.map((v, i) => [`MQ-${i}`, "2025-09-01", v, "饮水", "水管冻裂", "待办"]),
      ],
      merges: [],
    });
    expect(r.records.map((x) => x.values["村"])).toEqual([
      ...names.slice(0, 9).map(() => "老牛湾村党支部"),
      null,
    ]);
    // The township is not a branch.
    expect(brief(r.findings)).toEqual(["error unknown-branch C11"]);
  });
});

describe("§5.7 no finding lets an ID number be rebuilt", () => {
  it("shows no digit of an ID, nor the birth date or gender it holds, in any message or hint", () => {
    const ids = {
      birth: id("1980-01-15", true),
      gender: id("1981-03-03", true),
      young: id("2009-05-05", false),
      future: id("2026-01-01", true),
      twice: id("1975-07-07", false),
    };
    const wrong = `${ids.birth.slice(0, 17)}${ids.birth[17] === "1" ? "2" : "1"}`;
    const r = one({
      name: "党员花名册",
      values: [
        [
          "姓名",
          "性别",
          "公民身份号码",
          "出生日期",
          "申请入党时间",
          "入党时间",
          "转正时间",
          "人员类别",
          "所在支部",
        ],
        ["甲", "男", ids.birth, "1980-01-16", "2000-03-01", "2002-07-01", "2003-07-01", "正式党员", "老牛湾"],
        ["乙", "女", ids.gender, "", "2001-03-01", "2002-07-01", "2003-07-01", "正式党员", "老牛湾"],
        ["丙", "女", ids.young, "", "2024-03-01", "2025-06-01", "", "预备党员", "老牛湾"],
        ["丁", "男", ids.future, "", "", "2002-07-01", "2003-07-01", "正式党员", "老牛湾"],
        ["戊", "女", ids.twice, "", "1995-03-01", "1997-07-01", "1998-07-01", "正式党员", "老牛湾"],
        ["己", "女", ids.twice, "", "1995-03-01", "1997-07-01", "1998-07-01", "正式党员", "老牛湾"],
        ["庚", "男", wrong, "", "1995-03-01", "1997-07-01", "1998-07-01", "正式党员", "老牛湾"],
      ],
      merges: [],
    });
    expect(brief(r.findings)).toEqual([
      "error inconsistent D2",
      "error inconsistent B3",
      "error age E4",
      "error future-date C5",
      "error duplicate-key C7",
      "error checksum C8",
    ]);
    // Neither language, nor the params a client renders them from (the same rule for English).
    const english = r.findings.map((f) => Object.values(findingText(f, "en")).join(" "));
    const text = [JSON.stringify(r.findings), ...english].join("\n");
    for (const full of [...Object.values(ids), wrong]) {
      const birth = full.slice(6, 14);
      for (const secret of [
        full.slice(0, 6),
        birth,
        `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      ])
        expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/此号码为|号码为[男女]|number is (fe)?male/u);
  });
});

describe("§5.8 dues judged cumulatively, under a two-row header", () => {
  it("flags only real arrears and mistakes, and gives the township's figures", () => {
    const nine = (v: CellValue) => Array<CellValue>(9).fill(v);
    const r = one(
      duesSheet([
        duesRow(1, "张三", "在职", 4200, 42, nine(42)),
        duesRow(2, "李四", "农民", null, 1, [null, null, 3, null, null, 3, null, null, 3]),
        duesRow(3, "王五", "离退休", 3800, 19, [228]),
        duesRow(4, "赵六", "农民", null, 1, [1, 1, null, null, null, null, null, 7]),
        duesRow(5, "钱七", "个体经营", 4200, 42, [null, null, null, null, null, null, 42, 42, 42], {
          first: "2025-07",
        }),
        duesRow(6, "孙八", "依靠抚恤或救济生活", null, 0.2, ["√", "√", "√", "√", "免", "免", "√", "√", "√"]),
        duesRow(7, "周九", "学生", null, 0.2, [0.2, 0.2, 0.2], { last: "2025年3月" }),
        duesRow(8, "吴十", "低保", null, 0, [], { note: "经支部研究、镇党委批准免交" }),
        duesRow(9, "郑一", "农民", null, 1, [1, 1, 1, 1, 1]),
        duesRow(10, "冯二", "农民", null, 1, []),
        duesRow(11, "陈三", "务农", null, 1, nine(1)),
      ]),
    );
    expect(brief(r.findings)).toEqual([
      "error enum C14",
      "warning dues-unpaid B12 郑一",
      "warning dues-unpaid B13 冯二",
    ]);
    expect(r.findings[0].hint).toBe("是否应为“农民”？");
    expect(r.findings[1].message).toBe(
      "郑一截至 2025-09 欠交党费 4.00 元（4 个月的月应缴），6月至9月的党费尚未交纳。",
    );
    expect(r.findings[2].message).toContain(
      "已有连续 9 个月未交纳；党员如果没有正当理由，连续六个月不交纳党费，就被认为是自行脱党（《中国共产党章程》第九条）",
    );
    // Owed to September: 378 + 9 + 171 + 9 + 126 (from July) + 1.4 (7 months, 2 免) + 0.6 (to March)
    // + 9 + 9 + 9 = 722; received 766, with 王五's year paid in advance; 吴十 is exempt. Paid of what
    // was owed: 722 less 郑一's and 冯二's 13 元 of arrears, 709 (王五's 预交 settles no one else's).
    expect(r.summary).toEqual({
      members: 11,
      expected: 722,
      paid: 766,
      paidRate: 0.982,
      unpaidMonths: 13,
      inArrears: 2,
    });
  });

  it("reports a 月应缴 column without any month column as missing-column, never a silent nothing to check", () => {
    const r = one({
      name: "党费收缴台账",
      values: [
        ["2025年党费收缴台账"],
        ["序号", "姓名", "人员类别", "月应缴（元）", "全年实缴", "备注"],
        [1, "张三", "农民", 1, 9, ""],
      ],
      merges: [],
    });
    expect(brief(r.findings)).toEqual(["error missing-column "]);
  });
});

describe("§5.9 members: the system's export, 预备期 and 发展党员 by the 细则, future births", () => {
  it("validates an exported roll without retyping and warns by the 细则", () => {
    const r = one(
      exportRoll(
        [
          ["张三", "男", id("1980-02-11", true), 1980.02, "2001.03", "2002.07", "2003.07", "正式党员"],
          [
            "李梅",
            "女",
            id("1990-05-05", false),
            1990.05,
            "2012-03-01",
            "2013-07-01",
            "2015-01-01",
            "正式党员",
            "半年",
          ],
          [
            "王五",
            "男",
            id("1991-06-06", true),
            1991.06,
            "2015-03-01",
            "2016-07-01",
            "2017-09-01",
            "正式党员",
          ],
          ["赵六", "男", id("1992-07-07", true), 1992.07, "2022-03-01", "2024-09-01", "", "预备党员"],
          ["钱七", "女", id("1993-08-08", false), 1993.08, "2023-11-01", "2024-10-15", "", "预备党员"],
          ["孙八", "女", id("1999-09-09", false), "2026.01", "2024-03-01", "2025-06-01", "", "预备党员"],
          ["周九", "男", id("2026-01-01", true), "", "2024-03-01", "2025-06-01", "", "预备党员"],
        ],
        { extension: true },
      ),
    );
    expect(r.kind).toBe("members");
    expect(brief(r.findings)).toEqual([
      "error future-date E7",
      "error future-date D8",
      "warning probation J4",
      "warning probation I5",
      "warning development I6",
    ]);
    expect(r.findings[2].message).toBe(
      "转正时间 2017-09-01 不是入党时间 2016-07-01 满一年之日（2017-07-01）；延长预备期不少于半年、最长一年，转正应在 2018-01-01 至 2018-07-01 之间（《中国共产党发展党员工作细则》第三十二条）。",
    );
    expect(r.findings[3].message).toBe(
      "预备党员入党时间为 2024-09-01，预备期已于 2025-09-01 期满，仍未转正：预备期已满，请及时讨论转正。",
    );
    expect(r.summary).toMatchObject({
      members: 7,
      byBranch: { 老牛湾村党支部: 7 },
      probationary: 4,
      female: 3,
    });
  });

  it("does not ask for 转正时间 when the roll has no such column", () => {
    const r = one(
      exportRoll([["张三", "男", id("1980-02-11", true), 1980.02, "2001.03", "2002.07", null, "正式党员"]], {
        confirmed: false,
      }),
    );
    expect(r.findings).toEqual([]);
  });
});

describe("§5.10 三会一课 by the registry's settings, with 主讲人 and 书记讲党课", () => {
  const header = ["支部", "日期", "会议类型", "应到人数", "实到人数", "主题", "主讲人"];
  /** July–December for one branch; 党课 only in September, by `speaker`. */
  function branchYear(branch: string, types: readonly string[], speaker: string): CellValue[][] {
    const rows: CellValue[][] = [];
    for (let m = 7; m <= 12; m++) {
      const mm = String(m).padStart(2, "0");
      for (const type of types)
        rows.push([branch, `2025-${mm}-0${types.indexOf(type) + 1}`, type, 10, 9, "学习", null]);
      if (m % 3 === 0) rows.push([branch, `2025-${mm}-20`, "党员大会", 20, 15, "研究", null]);
    }
    rows.push([branch, "2025-09-25", "党课", 20, 18, "党课", speaker]);
    rows.push([branch, "2025-12-25", "党课", 20, 18, "党课", speaker]);
    rows.push([branch, "2025-12-28", "组织生活会暨民主评议党员", 20, 18, "年度组织生活会", null]);
    return rows;
  }

  it("switches 党小组会 and 支部委员会 off per branch, cites a changed frequency, and checks 书记讲党课", () => {
    const registry = registryWith(
      { settings: { cadence: { 党课: "quarter", 主题党日: "quarter" } } },
      {
        老牛湾村党支部: { hasPartyGroups: false, secretary: "张书记" },
        乾坤湾村党支部: { hasCommittee: false, secretary: "李书记" },
      },
    );
    const values = [
      ["2025年三会一课台账"],
      header,
      ...branchYear("老牛湾村党支部", ["支委会", "主题党日"], "王老师"),
      ...branchYear("乾坤湾村党支部", ["党小组会"], "支部书记李书记"),
    ];
    const r = one({ name: "三会一课台账", values, merges: [] }, "2026-01-10", registry);
    expect(brief(r.findings)).toEqual([
      "warning cadence-gap 2025-Q3 乾坤湾村党支部",
      "warning cadence-gap 2025-Q4 乾坤湾村党支部",
      "warning cadence-gap 2025 老牛湾村党支部",
    ]);
    expect(r.findings[0].message).toBe(
      "乾坤湾村党支部 2025 年第 3 季度 没有开展主题党日（每季度至少一次，本镇设置 settings.cadence.主题党日 = quarter）。",
    );
    expect(r.findings[2].message).toContain(
      "没有书记讲党课的记录：党课的主讲人中没有支部书记张书记（本镇设置的书记讲党课要求",
    );
    // Without the settings the 条例's defaults apply: monthly 党小组会 and 主题党日 everywhere.
    const defaults = one({ name: "三会一课台账", values, merges: [] }, "2026-01-10");
    expect(defaults.findings.filter((f) => f.message.includes("党小组会")).length).toBe(6);
  });
});

describe("§5.11 figures: solved problems only, closed disputes, members in arrears", () => {
  it("counts households served by solved problems only and rates disputes over closed cases", () => {
    const [problems, disputes] = validate([
      {
        name: "民情问题台账",
        values: [
          ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态", "解决日期", "受益户数", "受益人数"],
          ["MQ-1", "2025-09-01", "老牛湾村", "饮水", "水管冻裂", "已解决", "2025-09-03", 20, 60],
          ["MQ-2", "2025-09-01", "老牛湾村", "道路", "村道破损", "办理中", "", 30, 100],
          ["MQ-3", "2025-09-01", "老牛湾村", "住房", "危房", "无法解决", "", 1, 4],
        ],
        merges: [],
      },
      {
        name: "矛盾纠纷排查化解台账",
        values: [
          ["编号", "登记日期", "村", "纠纷类型", "状态", "化解层级", "化解日期"],
          ["JF-1", "2025-09-01", "老牛湾村", "邻里纠纷", "已化解", "村级", "2025-09-02"],
          ["JF-2", "2025-09-01", "老牛湾村", "土地权属", "已化解", "村级", "2025-09-05"],
          ["JF-3", "2025-09-01", "老牛湾村", "劳资纠纷", "已移交", "", ""],
          ["JF-4", "2025-09-01", "老牛湾村", "其他", "已移交", "", ""],
          ["JF-5", "2025-09-01", "老牛湾村", "其他", "未化解", "", ""],
          ["JF-6", "2025-09-01", "老牛湾村", "其他", "化解中", "", ""],
        ],
        merges: [],
      },
    ]);
    expect(problems.summary).toMatchObject({ total: 3, resolved: 1, households: 20, people: 60 });
    // Three of five closed cases went to the county or stayed unresolved: 小事不出村 is 40 %, not 100 %.
    expect(disputes.summary).toMatchObject({
      resolved: 2,
      closed: 5,
      resolvedInVillageRate: 0.4,
      resolvedInTownRate: 0.4,
    });
  });
});

describe("§5.12 a monthly 到村工作日志 is judged on its own month", () => {
  const header = ["日期", "工作人员", "村", "工作方式", "工作内容"];
  const visits = (dates: readonly string[]): CellValue[][] =>
    dates.map((d) => [d, "王建国", "老牛湾村", "走访群众", "走访"]);
  // Two days in each week wholly inside October; one October day each in W40 (Sep 29 – Oct 5)
  // and W44 (Oct 27 – Nov 2), which straddle into September and November.
  const october = [
    "2025-10-02",
    "2025-10-07",
    "2025-10-09",
    "2025-10-14",
    "2025-10-16",
    "2025-10-21",
    "2025-10-23",
    "2025-10-28",
  ];

  it("judges October only on the weeks wholly inside October", () => {
    const r = one(
      { name: "到村工作日志", values: [["2025年10月到村工作日志"], header, ...visits(october)], merges: [] },
      "2025-12-01",
    );
    expect(r.period).toBe("2025-10");
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({ visitDays: 8, weeksBelowTwo: 0, avgDaysPerStaffWeek: 2 });
  });

  it("judges a straddling week across the two months' submissions, as the Worker does", () => {
    const [september, oct] = ["2025-09", "2025-10"].map((month, i) =>
      one(
        {
          name: "到村工作日志",
          values: [[`2025年${9 + i}月到村工作日志`], header, ...visits(i === 0 ? ["2025-09-29"] : october)],
          merges: [],
        },
        "2025-12-01",
      ),
    );
    const context = { asOf: "2025-12-01", registry: DEFAULT_REGISTRY, staff: null };
    const both = straddlingWeekFindings([...september.records, ...oct.records], {
      ...context,
      periods: ["2025-09", "2025-10"],
    });
    expect(both).toEqual([]);
    const octoberAlone = straddlingWeekFindings(oct.records, { ...context, periods: ["2025-09", "2025-10"] });
    expect(brief(octoberAlone)).toEqual(["warning visit-days 2025-W40 王建国"]);
    expect(octoberAlone[0].message).toBe("王建国 2025 年第 40 周 到村工作 1 天，少于每周 2 天的要求。");
    // W44 needs November, which is not held: not judged.
    expect(straddlingWeekFindings(oct.records, { ...context, periods: ["2025-10"] })).toEqual([]);
  });
});

describe("§5.13 the office: 副主任, 事业单位 grades, 两优一先 aliases", () => {
  it("accepts 副主任, 合格 and 基本合格, reads 优秀共产党员 as 两优一先 and explains 先进基层党组织", () => {
    const [staff, assessment] = validate([
      {
        name: "人员岗位表",
        values: [
          ["姓名", "职务", "岗位"],
          ["王建国", "主任", "统筹"],
          ["刘海燕", "常务副主任", "组织"],
          ["李志强", "副主任", "党员管理"],
          ["赵丽", "专职", "阵地"],
          ["陈晓东", "兼职", "宣传"],
        ],
        merges: [],
      },
      {
        name: "考核评价表",
        values: [
          ["年度", "姓名", "考核等次", "推荐表彰"],
          [2024, "王建国", "优秀", "优秀共产党员"],
          [2024, "刘海燕", "称职", "优秀党务工作者"],
          [2024, "李志强", "合格", ""],
          [2024, "赵丽", "基本合格", ""],
          [2024, "陈晓东", "合格", "先进基层党组织"],
        ],
        merges: [],
      },
    ]);
    expect(staff.findings).toEqual([]);
    expect(brief(assessment.findings)).toEqual(["error enum D6"]);
    expect(assessment.findings[0].hint).toContain("是授予党组织的表彰，不能登记在个人名下");
    expect(assessment.summary).toMatchObject({
      byGrade: { 优秀: 1, 称职: 1, 合格: 2, 基本合格: 1 },
      recommendations: { 两优一先: 2 },
    });
  });

  it("judges 优秀 against the excellentShare setting and says the setting applied", () => {
    const values = [
      ["年度", "姓名", "考核等次"],
      [2024, "王建国", "优秀"],
      [2024, "刘海燕", "优秀"],
      [2024, "李志强", "称职"],
      [2024, "赵丽", "称职"],
      [2024, "陈晓东", "称职"],
    ];
    const sheet = { name: "考核评价表", values, merges: [] };
    expect(brief(one(sheet).findings)).toEqual(["warning quota 2024"]);
    const r = one(sheet, AS_OF, registryWith({ settings: { excellentShare: 0.3 } }));
    expect(brief(r.findings)).toEqual(["warning quota 2024"]);
    expect(r.findings[0].message).toBe(
      "2024 年度考核评为优秀的有 2 人，占参加考核的 5 人的 40%，超过了 30% 的比例（按本镇设置 excellentShare = 0.3）。",
    );
    expect(one(sheet, AS_OF, registryWith({ settings: { excellentShare: 0.4 } })).findings).toEqual([]);
  });
});
