/**
 * 矛盾纠纷排查化解台账 (ledgers spec §3 disputes): grid-based dispute mediation, measured by
 * 小事不出村、大事不出镇 (the "枫桥经验" goals).
 */
import type { Finding } from "../findings";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";
import { countBy, rate, str } from "../rules/tally";
import { dateBefore, neededBy } from "../rules/rows";

const COLUMNS = [
  { name: "编号", type: { t: "text" }, required: true, unique: true },
  { name: "登记日期", aliases: ["排查日期"], type: { t: "date" }, required: true },
  { name: "村", type: { t: "branch" }, required: true },
  { name: "网格", type: { t: "text" } },
  { name: "网格员", type: { t: "name" } },
  {
    name: "纠纷类型",
    type: {
      t: "enum",
      values: ["婚姻家庭", "邻里纠纷", "土地权属", "劳资纠纷", "其他"],
      synonyms: {
        宅基地纠纷: "土地权属",
        宅基地: "土地权属",
        土地纠纷: "土地权属",
        山林纠纷: "土地权属",
        家庭纠纷: "婚姻家庭",
        婚姻纠纷: "婚姻家庭",
        赡养纠纷: "婚姻家庭",
        邻里矛盾: "邻里纠纷",
        欠薪: "劳资纠纷",
        工资纠纷: "劳资纠纷",
      },
    },
    required: true,
  },
  {
    name: "状态",
    aliases: ["化解结果"],
    type: { t: "enum", values: ["化解中", "已化解", "未化解", "已移交"] },
    required: true,
  },
  { name: "化解层级", type: { t: "enum", values: ["村级", "镇级", "县级及以上"] } },
  { name: "化解日期", type: { t: "date" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  total: fig.count("纠纷总数", "Disputes", "件"),
  resolved: fig.count("已化解", "Resolved", "件"),
  closed: fig.count("已结案", "Closed", "件"),
  resolvedInVillageRate: fig.rate("小事不出村比例", "Settled in the village"),
  resolvedInTownRate: fig.rate("大事不出镇比例", "Settled in the township"),
  byType: fig.counts("按纠纷类型", "By type", "件"),
});

function rowRules(row: ParsedRow<Column>, ctx: RuleContext<Column>): Finding[] {
  return [
    neededBy(row, ctx, "状态", ["已化解"], "化解层级"),
    neededBy(row, ctx, "状态", ["已化解"], "化解日期"),
    dateBefore(row, ctx, "化解日期", "登记日期"),
  ].filter((f) => f !== null);
}

function summary(rows: readonly ParsedRow<Column>[]): z.infer<typeof SUMMARY> {
  const resolved = rows.filter((r) => str(r, "状态") === "已化解");
  // Every case no longer 化解中: a case 已移交 to the county or 未化解 counts against both rates.
  const closed = rows.filter((r) => {
    const status = str(r, "状态");
    return status !== null && status !== "化解中";
  }).length;
  const inVillage = resolved.filter((r) => str(r, "化解层级") === "村级").length;
  const inTown = resolved.filter((r) => str(r, "化解层级") === "镇级").length;
  return {
    total: rows.length,
    resolved: resolved.length,
    closed,
    // 小事不出村: share of closed cases settled at village level.
    resolvedInVillageRate: rate(inVillage, closed),
    // 大事不出镇: share of closed cases settled at village or township level.
    resolvedInTownRate: rate(inVillage + inTown, closed),
    byType: countBy(rows, "纠纷类型"),
  };
}

export const disputes = defineKind({
  id: "disputes",
  title: "矛盾纠纷排查化解台账",
  titleEn: "Dispute mediation ledger",
  titles: ["矛盾纠纷排查化解台账", "矛盾纠纷排查调处台账", "矛盾纠纷"],
  grain: "year",
  scope: "branch",
  columns: COLUMNS,
  figures: SUMMARY,
  rowRules,
  summary,
});
