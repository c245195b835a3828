/**
 * 到村工作日志 / 专项调研台账 (ledgers spec §3 fieldwork): the "143" field-research mechanism —
 * every staff member works in the villages on at least 2 distinct days each week (rules/visits.ts),
 * judged on the sheet's own month.
 */
import { visitDays } from "../rules/visits";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef } from "./types";

const DATE = "日期";
const STAFF = "工作人员";
const VILLAGE = "村";
const TOPIC = "调研主题";
const TOPICS = ["村级组织运转", "软弱涣散整顿", "基层治理", "新型农村集体经济", "其他"] as const;
/** The columns the visit rule reads. */
export const FIELDWORK_VISITS = { date: DATE, staff: STAFF } as const;

const COLUMNS = [
  { name: DATE, type: { t: "date" }, required: true },
  { name: STAFF, aliases: ["姓名"], type: { t: "staff" }, required: true },
  { name: VILLAGE, aliases: ["村别", "联系村", "支部"], type: { t: "branch" }, required: true },
  {
    name: "工作方式",
    type: {
      t: "enum",
      values: ["专项调研", "列席指导", "走访群众", "蹲点", "其他"],
      synonyms: {
        入户走访: "走访群众",
        走访: "走访群众",
        入户: "走访群众",
        调研: "专项调研",
        列席: "列席指导",
        驻村: "蹲点",
      },
    },
    required: true,
  },
  { name: TOPIC, type: { t: "enum", values: TOPICS } },
  { name: "工作内容", type: { t: "text" }, required: true },
  { name: "发现问题", type: { t: "text" } },
  { name: "问题数", type: { t: "int" } },
] as const satisfies readonly ColumnDef[];

const SUMMARY = summaryOf({
  visitDays: fig.count("到村人天", "Staff-days in villages", "天"),
  avgDaysPerStaffWeek: fig.number("人均每周到村天数", "Village days per staff member a week", "天"),
  weeksBelowTwo: fig.count("到村天数不足的人周", "Staff-weeks below the minimum", "人周"),
  byVillage: fig.counts("按村", "By village", "天"),
  byTopic: fig.counts("按调研主题", "By topic", "次"),
});

export const fieldwork = defineKind({
  id: "fieldwork",
  title: "到村工作日志",
  titleEn: "Village work log",
  titles: ["到村工作日志", "专项调研台账", "调研台账", "驻村工作日志"],
  grain: "month",
  scope: "office",
  columns: COLUMNS,
  figures: SUMMARY,
  sheetRules: (rows, ctx) => visitDays(rows, ctx, FIELDWORK_VISITS).findings,
  summary: (rows, ctx): z.infer<typeof SUMMARY> => {
    const staffDays = new Set<string>();
    const villageDays = new Map<string, Set<string>>();
    const byTopic: Record<string, number> = Object.fromEntries(TOPICS.map((t) => [t, 0]));
    for (const r of rows) {
      const date = text(r.values[DATE]);
      const person = text(r.values[STAFF]);
      const village = text(r.values[VILLAGE]);
      const topic = text(r.values[TOPIC]);
      if (date && person) staffDays.add(`${person}|${date}`);
      if (date && person && village) {
        const days = villageDays.get(village) ?? new Set<string>();
        days.add(`${person}|${date}`);
        villageDays.set(village, days);
      }
      if (topic) byTopic[topic] = (byTopic[topic] ?? 0) + 1;
    }
    const weekly = visitDays(rows, ctx, FIELDWORK_VISITS);
    return {
      visitDays: staffDays.size,
      avgDaysPerStaffWeek: weekly.staffWeeks === 0 ? null : round2(weekly.daysInWeeks / weekly.staffWeeks),
      weeksBelowTwo: weekly.findings.length,
      /** Staff-days in each village (one person on one date counts once per village). */
      byVillage: Object.fromEntries([...villageDays].map(([v, days]) => [v, days.size])),
      byTopic,
    };
  },
});

function text(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
