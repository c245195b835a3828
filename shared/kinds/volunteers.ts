/** 志愿服务台账 (ledgers spec §3 volunteers): party-member volunteer teams' activities. */
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow } from "./types";
import { countBy, num, round, sum } from "../rules/tally";

const COLUMNS = [
  { name: "日期", type: { t: "date" }, required: true },
  { name: "队伍", aliases: ["服务队"], type: { t: "text" }, required: true },
  { name: "地点", type: { t: "text" }, required: true },
  {
    name: "服务类型",
    type: {
      t: "enum",
      values: ["政策宣传", "人车疏导", "秩序维持", "应急服务", "移风易俗", "防汛", "其他"],
      synonyms: {
        环境整治: "其他",
        卫生清扫: "其他",
        宣传: "政策宣传",
        宣讲: "政策宣传",
        交通疏导: "人车疏导",
        维持秩序: "秩序维持",
        抢险: "应急服务",
        救灾: "应急服务",
        防汛巡查: "防汛",
      },
    },
    required: true,
  },
  { name: "参与党员人数", aliases: ["参与人数"], type: { t: "int", min: 1, unit: "人" }, required: true },
  {
    name: "服务时长（小时）",
    aliases: ["时长"],
    type: { t: "num", exclusiveMin: 0, max: 24, unit: "小时" },
    required: true,
  },
  { name: "服务内容", type: { t: "text" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  activities: fig.count("活动次数", "Activities", "次"),
  personTimes: fig.count("参与人次", "Person-times", "人次"),
  personHours: fig.number("服务时长（人时）", "Person-hours", "小时"),
  byType: fig.counts("按服务类型", "By service type", "次"),
});

function summary(rows: readonly ParsedRow<Column>[]): z.infer<typeof SUMMARY> {
  let personHours = 0;
  for (const r of rows) {
    const people = num(r, "参与党员人数");
    const hours = num(r, "服务时长（小时）");
    if (people !== null && hours !== null) personHours += people * hours;
  }
  return {
    activities: rows.length,
    personTimes: sum(rows, "参与党员人数"),
    personHours: round(personHours, 2),
    byType: countBy(rows, "服务类型"),
  };
}

export const volunteers = defineKind({
  id: "volunteers",
  title: "志愿服务台账",
  titleEn: "Volunteer service ledger",
  titles: ["志愿服务台账", "志愿服务活动台账", "志愿服务"],
  grain: "year",
  scope: "branch-or-office",
  columns: COLUMNS,
  figures: SUMMARY,
  summary,
});
