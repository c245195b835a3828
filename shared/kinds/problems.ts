/**
 * 民情问题台账 / 急难愁盼问题台账 (ledgers spec §3 problems): the public's urgent problems,
 * collected in villages and followed to resolution ("143" system, integration with daily business).
 */
import type { Finding } from "../findings";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";
import { daysBetween } from "../read/dates";
import { countBy, median, num, rate, str, sum } from "../rules/tally";
import { dateBefore, neededBy } from "../rules/rows";
import { msg } from "../messages/engine";
import { openDaysLimit } from "../settings";

const STATUS = ["待办", "办理中", "已解决", "无法解决"] as const;
const SOLVED = "已解决";
const OPEN = new Set<string>(["待办", "办理中"]);

const COLUMNS = [
  { name: "编号", type: { t: "text" }, required: true, unique: true },
  { name: "收集日期", aliases: ["走访日期", "登记日期"], type: { t: "date" }, required: true },
  { name: "村", aliases: ["村别"], type: { t: "branch" }, required: true },
  { name: "收集人", aliases: ["走访人"], type: { t: "name" } },
  {
    name: "问题类别",
    type: {
      t: "enum",
      values: ["饮水", "道路", "住房", "医疗", "教育", "就业", "社会保障", "环境卫生", "产业", "其他"],
      synonyms: {
        吃水: "饮水",
        用水: "饮水",
        自来水: "饮水",
        修路: "道路",
        交通: "道路",
        桥梁: "道路",
        危房: "住房",
        看病: "医疗",
        上学: "教育",
        务工: "就业",
        养老: "社会保障",
        低保: "社会保障",
        医保: "社会保障",
        卫生: "环境卫生",
        垃圾: "环境卫生",
        种植: "产业",
        养殖: "产业",
        供暖: "其他",
        取暖: "其他",
        用电: "其他",
      },
    },
    required: true,
  },
  { name: "问题描述", type: { t: "text" }, required: true },
  { name: "责任人", aliases: ["责任单位"], type: { t: "text" } },
  {
    name: "办理状态",
    type: {
      t: "enum",
      values: STATUS,
      aliases: {
        已办结: SOLVED,
        办结: SOLVED,
        已完成: SOLVED,
        未办理: "待办",
        未办: "待办",
        正在办理: "办理中",
        在办: "办理中",
      },
    },
    required: true,
  },
  { name: "解决日期", aliases: ["办结日期"], type: { t: "date" } },
  { name: "受益户数", type: { t: "int", unit: "户" } },
  { name: "受益人数", type: { t: "int", unit: "人" } },
  { name: "联系电话", type: { t: "phone" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  total: fig.count("问题总数", "Problems", "件"),
  byStatus: fig.counts("按办理状态", "By status", "件"),
  resolved: fig.count("已解决", "Resolved", "件"),
  resolvedRate: fig.rate("解决率", "Resolution rate"),
  households: fig.count("受益户数", "Households served", "户"),
  people: fig.count("受益人数", "People served", "人"),
  byVillage: fig.counts("按村", "By village", "件"),
  byCategory: fig.counts("按问题类别", "By category", "件"),
  medianDaysToResolve: fig.number("办结天数中位数", "Median days to resolve", "天"),
  openOver30Days: fig.count("超期未办结", "Open too long", "件"),
});

function rowRules(row: ParsedRow<Column>, ctx: RuleContext<Column>): Finding[] {
  const out: Finding[] = [];
  for (const f of [
    neededBy(row, ctx, "办理状态", [SOLVED], "解决日期"),
    dateBefore(row, ctx, "解决日期", "收集日期"),
  ])
    if (f) out.push(f);
  const households = num(row, "受益户数");
  const people = num(row, "受益人数");
  if (households !== null && people !== null && people < households) {
    out.push(
      ctx.finding({
        code: "inconsistent",
        row: row.row,
        column: "受益人数",
        text: msg("problems.fewerPeople", { people, households }),
      }),
    );
  }
  return out;
}

/**
 * Still 待办 or 办理中 more than `limit` days (the `openDaysLimit` setting) after it was collected:
 * the `openOver30Days` figure, and the list the 季总结 / 年盘点 report gives beside it.
 */
export function openTooLong(row: ParsedRow, asOf: string, limit: number): boolean {
  const status = str(row, "办理状态");
  const collected = str(row, "收集日期");
  return status !== null && OPEN.has(status) && collected !== null && daysBetween(collected, asOf) > limit;
}

function summary(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>): z.infer<typeof SUMMARY> {
  const resolvedRows = rows.filter((r) => str(r, "办理状态") === SOLVED);
  const limit = openDaysLimit(ctx.registry).value;
  const days: number[] = [];
  for (const r of resolvedRows) {
    const from = str(r, "收集日期");
    const to = str(r, "解决日期");
    if (from !== null && to !== null && to >= from) days.push(daysBetween(from, to));
  }
  const openOver30Days = rows.filter((r) => openTooLong(r, ctx.asOf, limit)).length;
  return {
    total: rows.length,
    byStatus: countBy(rows, "办理状态"),
    resolved: resolvedRows.length,
    resolvedRate: rate(resolvedRows.length, rows.length),
    // Served by solved problems only, the figure public reporting gives (ledgers spec §3).
    households: sum(resolvedRows, "受益户数"),
    people: sum(resolvedRows, "受益人数"),
    byVillage: countBy(rows, "村"),
    byCategory: countBy(rows, "问题类别"),
    medianDaysToResolve: median(days),
    openOver30Days,
  };
}

export const problems = defineKind({
  id: "problems",
  title: "民情问题台账",
  titleEn: "Residents' problems ledger",
  titles: ["民情问题台账", "急难愁盼问题台账", "民情问题", "急难愁盼"],
  grain: "year",
  scope: "branch-or-office",
  columns: COLUMNS,
  figures: SUMMARY,
  rowRules,
  summary,
});
