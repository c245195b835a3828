/**
 * 项目台账 (民生实事 / 产业 / 集体经济) (ledgers spec §3 projects): livelihood, industry and
 * collective-economy projects, including equity and dividends between villages (入股分红).
 * Money figures in the summary are 万元, rounded to 2 decimals.
 */
import type { Finding } from "../findings";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";
import { countBy, emptyCell, moneyFigure, str, sum } from "../rules/tally";
import { dateBefore, neededBy } from "../rules/rows";
import { msg } from "../messages/engine";

const DONE = ["已完工", "已见效"];

const COLUMNS = [
  { name: "村", type: { t: "branch" }, required: true },
  { name: "项目名称", type: { t: "text" }, required: true },
  {
    name: "项目类型",
    type: {
      t: "enum",
      values: ["民生实事", "产业发展", "入股分红"],
      synonyms: {
        基础设施: "民生实事",
        民生: "民生实事",
        产业: "产业发展",
        入股: "入股分红",
        分红: "入股分红",
      },
    },
    required: true,
  },
  { name: "合作村", type: { t: "branch" } },
  { name: "投资金额（万元）", type: { t: "money", unit: "万元", min: 0 } },
  { name: "预计增收（万元）", type: { t: "money", unit: "万元", min: 0 } },
  { name: "实际收益（万元）", type: { t: "money", unit: "万元", min: 0 } },
  { name: "受益户数", type: { t: "int", unit: "户" } },
  { name: "受益人数", type: { t: "int", unit: "人" } },
  {
    name: "进度",
    aliases: ["状态"],
    type: { t: "enum", values: ["谋划中", "实施中", "已完工", "已见效"] },
    required: true,
  },
  // A project may be planned to start later than the as-of date; both dates may be a year-month.
  { name: "开始日期", type: { t: "date", allowFuture: true, monthOk: true } },
  { name: "完成日期", type: { t: "date", monthOk: true } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  projects: fig.count("项目数", "Projects", "个"),
  byType: fig.counts("按项目类型", "By type", "个"),
  investment: fig.money("投资金额", "Investment", "万元"),
  expectedIncome: fig.money("预计增收", "Expected income", "万元"),
  actualIncome: fig.money("实际收益", "Actual income", "万元"),
  households: fig.count("受益户数", "Households", "户"),
  people: fig.count("受益人数", "People", "人"),
  byVillage: fig.counts("按村", "By village", "个"),
});

function rowRules(row: ParsedRow<Column>, ctx: RuleContext<Column>): Finding[] {
  const out: Finding[] = [];
  const type = str(row, "项目类型");
  const village = str(row, "村");
  const partner = str(row, "合作村");
  if (type === "入股分红") {
    if (emptyCell(row, "合作村")) {
      out.push(
        ctx.finding({
          code: "required",
          row: row.row,
          column: "合作村",
          text: msg("projects.noPartner"),
        }),
      );
    } else if (partner !== null && village !== null && partner === village) {
      out.push(
        ctx.finding({
          code: "inconsistent",
          row: row.row,
          column: "合作村",
          text: msg("projects.samePartner", { value: partner }),
        }),
      );
    }
  }
  for (const f of [
    // Month precision where either is a year-month (2025.06).
    dateBefore(row, ctx, "完成日期", "开始日期"),
    neededBy(row, ctx, "进度", DONE, "完成日期"),
  ])
    if (f) out.push(f);
  return out;
}

function summary(rows: readonly ParsedRow<Column>[]): z.infer<typeof SUMMARY> {
  return {
    projects: rows.length,
    byType: countBy(rows, "项目类型"),
    investment: moneyFigure(sum(rows, "投资金额（万元）"), "万元"),
    expectedIncome: moneyFigure(sum(rows, "预计增收（万元）"), "万元"),
    actualIncome: moneyFigure(sum(rows, "实际收益（万元）"), "万元"),
    households: sum(rows, "受益户数"),
    people: sum(rows, "受益人数"),
    byVillage: countBy(rows, "村"),
  };
}

export const projects = defineKind({
  id: "projects",
  title: "项目台账",
  titleEn: "Projects ledger",
  titles: ["项目台账", "民生实事项目台账", "产业项目台账", "集体经济项目台账"],
  grain: "year",
  scope: "branch-or-office",
  columns: COLUMNS,
  figures: SUMMARY,
  rowRules,
  summary,
});
