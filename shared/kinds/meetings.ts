/**
 * 工作例会台账 (ledgers spec §3 meetings): the "143" work-meeting mechanism — 周小结 every ISO
 * week, 月例会 every month, 季总结 every quarter, 年盘点 every year.
 */
import { cadenceSpan, checkCadence, frequencyLabel, periodLabel, type Frequency } from "../rules/cadence";
import type { KindDef, ParsedRow, RuleContext } from "./types";

const DATE = "日期";
const TYPE = "会议类型";

/** Required frequency of each office meeting type (老牛湾镇 "143" 工作机制: 周小结、月例会、季总结、年盘点). */
export const OFFICE_MEETING_FREQUENCIES: Readonly<Record<string, Frequency>> = {
  周小结: "week",
  月例会: "month",
  季总结: "quarter",
  年盘点: "year",
};
const TYPES = Object.keys(OFFICE_MEETING_FREQUENCIES);

export const meetings: KindDef = {
  id: "meetings",
  title: "工作例会台账",
  titles: ["工作例会台账", "例会台账", "工作例会记录"],
  grain: "year",
  scope: "office",
  columns: [
    { name: DATE, type: { t: "date" }, required: true },
    { name: TYPE, type: { t: "enum", values: TYPES }, required: true },
    { name: "主持人", type: { t: "staff" } },
    { name: "参会人数", type: { t: "int", min: 1, unit: "人" }, required: true },
    { name: "学习内容", type: { t: "text" } },
    { name: "研判事项", aliases: ["议题"], type: { t: "text" } },
  ],
  sheetRules: (rows, ctx) =>
    cadenceOf(rows, ctx).gaps.map((gap) =>
      ctx.finding({
        code: "cadence-gap",
        row: null,
        column: null,
        period: gap.period,
        subject: gap.type,
        message: `${periodLabel(gap.period)} 没有召开${gap.type}（${frequencyLabel(gap.frequency)}至少一次）。`,
        hint: `如已召开，请补记这次${gap.type}；如未召开，请按工作例会制度补开。`,
      }),
    ),
  summary: (rows, ctx) => {
    const byType: Record<string, number> = Object.fromEntries(TYPES.map((t) => [t, 0]));
    for (const r of rows) {
      const type = r.values[TYPE];
      if (typeof type === "string" && type in byType) byType[type]++;
    }
    return { byType, cadence: cadenceOf(rows, ctx).share };
  },
};

function cadenceOf(rows: readonly ParsedRow[], ctx: RuleContext) {
  const dates = rows.map((r) => r.values[DATE]).filter((d): d is string => typeof d === "string");
  const events = rows.flatMap((r) => {
    const date = r.values[DATE];
    const type = r.values[TYPE];
    return typeof date === "string" && typeof type === "string" ? [{ date, type }] : [];
  });
  return checkCadence(events, OFFICE_MEETING_FREQUENCIES, cadenceSpan(dates, ctx));
}
