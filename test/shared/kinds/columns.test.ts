/**
 * Kinds are typed by their column names: a misspelt column fails the type-check (`npm test` runs
 * tsc over the tests, so each `@ts-expect-error` below fails the suite once the error is gone).
 */
import { describe, expect, it } from "vitest";
import { problems } from "../../../shared/kinds/problems";
import { dues } from "../../../shared/kinds/dues";
import { countBy, str } from "../../../shared/rules/tally";
import type { ParsedRow } from "../../../shared/kinds/types";
import { kindById } from "../../../shared/kinds";
import { run, sheet } from "../helpers";

type Row<K> = K extends { rowRules?(row: infer R, ...rest: never[]): unknown } ? R : never;

describe("columns typed by name", () => {
  it("reads a row by its kind's own column names only", () => {
    const row: Row<typeof problems> = { row: 3, values: { 办理状态: "已解决" }, invalid: new Set(), raw: {} };
    expect(str(row, "办理状态")).toBe("已解决");
    // @ts-expect-error 办理壮态 is no column of 民情问题台账
    expect(str(row, "办理壮态")).toBeNull();
    // @ts-expect-error 月应缴（元） is a column of 党费收缴台账, not of 民情问题台账
    expect(countBy([row], "月应缴（元）")).toEqual({});
  });

  it("still takes any column name for a kind known only at run time", () => {
    const row: ParsedRow = { row: 3, values: { 值班人: "张三" }, invalid: new Set(), raw: {} };
    expect(str(row, "值班人")).toBe("张三");
    expect(dues.columns.map((c) => c.name)).toContain("12月");
  });
});

/** Every other header spelling ledgers.md §3 lists, by kind and column. */
const CATALOGUE_ALIASES: Record<string, Record<string, readonly string[]>> = {
  staff: { 岗位: ["岗位名称"], 职责数: ["职责条数"], 联系电话: ["手机号码", "电话"] },
  contacts: { 工作人员: ["联系人", "姓名"], 联系支部: ["联系村", "支部", "村"] },
  fieldwork: { 工作人员: ["姓名"], 村: ["村别", "联系村", "支部"] },
  meetings: { 研判事项: ["议题"] },
  "branch-meetings": {
    支部: ["村", "党支部"],
    会议类型: ["类型"],
    主题: ["议题", "内容"],
    列席指导: ["列席人员"],
  },
  problems: {
    收集日期: ["走访日期", "登记日期"],
    村: ["村别"],
    收集人: ["走访人"],
    责任人: ["责任单位"],
    解决日期: ["办结日期"],
  },
  disputes: { 登记日期: ["排查日期"], 状态: ["化解结果"] },
  volunteers: { 队伍: ["服务队"], 参与党员人数: ["参与人数"], "服务时长（小时）": ["时长"] },
  projects: { 进度: ["状态"] },
  members: {
    公民身份号码: ["身份证号", "身份证号码", "公民身份证号"],
    出生日期: ["出生年月"],
    申请入党时间: ["申请入党日期"],
    入党时间: ["接收预备党员时间", "入党日期"],
    转正时间: ["转正日期", "转为正式党员日期"],
    人员类别: ["党员类别"],
    所在支部: ["所在党支部", "所在党组织", "党组织名称"],
  },
  dues: {
    "月收入基数（元）": ["计算基数"],
    "月应缴（元）": ["月应缴党费"],
    起缴月份: ["转入时间"],
    停缴月份: ["转出时间"],
  },
};

/** Every other spelling of an allowed value ledgers.md §3 lists: kind, column, as written, as read. */
const CATALOGUE_VALUES: readonly [string, string, string, string][] = [
  ["staff", "职务", "专职", "专职工作人员"],
  ["staff", "职务", "兼职", "兼职工作人员"],
  ["branch-meetings", "会议类型", "支委会", "支部委员会"],
  ["branch-meetings", "会议类型", "党员大会", "支部党员大会"],
  ["assessment", "推荐表彰", "优秀共产党员", "两优一先"],
  ["assessment", "推荐表彰", "优秀党务工作者", "两优一先"],
  ["problems", "办理状态", "已办结", "已解决"],
  ["problems", "办理状态", "办结", "已解决"],
  ["problems", "办理状态", "已完成", "已解决"],
  ["problems", "办理状态", "未办理", "待办"],
  ["problems", "办理状态", "未办", "待办"],
  ["problems", "办理状态", "正在办理", "办理中"],
  ["problems", "办理状态", "在办", "办理中"],
  ["dues", "人员类别", "在职党员", "在职"],
  ["dues", "人员类别", "退休", "离退休"],
  ["dues", "人员类别", "离休", "离退休"],
  ["dues", "人员类别", "离退休干部", "离退休"],
  ["dues", "人员类别", "农民党员", "农民"],
  ["dues", "人员类别", "依靠抚恤或救济生活", "抚恤救济"],
  ["dues", "人员类别", "个体经营者", "个体经营"],
  ["dues", "人员类别", "个体工商户", "个体经营"],
];

describe("other spellings the catalogue lists (ledgers spec §3)", () => {
  it("reads each alias the catalogue lists as its column, in a sheet headed otherwise by the column names", () => {
    const unread: string[] = [];
    for (const [id, aliases] of Object.entries(CATALOGUE_ALIASES)) {
      const kind = kindById(id);
      const names = kind?.columns.map((c) => c.name) ?? [];
      for (const [column, spellings] of Object.entries(aliases)) {
        for (const alias of spellings) {
          const header = names.map((name) => (name === column ? alias : name));
          const [result] = run(sheet(kind?.title ?? id, [header, header.map(() => "1")]), "2025-10-01");
          if (result.kind !== id || !(column in (result.records[0]?.values ?? {})))
            unread.push(`${id} ${column} ← ${alias}`);
        }
      }
    }
    expect(unread).toEqual([]);
  });

  it("reads each other spelling of an allowed value the catalogue lists as that value, with no enum finding", () => {
    const read = CATALOGUE_VALUES.map(([id, column, written]) => {
      const kind = kindById(id);
      const header = kind?.columns.map((c) => c.name) ?? [];
      const [result] = run(
        sheet(kind?.title ?? id, [header, header.map((name) => (name === column ? written : null))]),
        "2025-10-01",
      );
      const value = result.records[0]?.values[column];
      const refused = result.findings.some((f) => f.code === "enum" && f.column === column);
      return [id, column, written, Array.isArray(value) ? value.join("、") : value, refused];
    });
    expect(read).toEqual(CATALOGUE_VALUES.map((entry) => [...entry, false]));
  });
});
