/**
 * 工作例会台账 (ledgers spec §3 meetings): the "143" work-meeting mechanism — 周小结 every ISO
 * week, 月例会 every month, 季总结 every quarter, 年盘点 every year.
 */
import { cadenceSpan, checkCadence, frequencyText, periodText } from "../rules/cadence";
import { msg } from "../messages/engine";
import { OFFICE_MEETING_DEFAULTS, meetingRules } from "../settings";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";

const DATE = "日期";
const TYPE = "会议类型";
const TYPES = Object.keys(OFFICE_MEETING_DEFAULTS);

const COLUMNS = [
  { name: DATE, type: { t: "date" }, required: true },
  {
    name: TYPE,
    type: {
      t: "enum",
      values: TYPES,
      synonyms: {
        周例会: "周小结",
        周会: "周小结",
        月会: "月例会",
        季度总结: "季总结",
        季度例会: "季总结",
        年终盘点: "年盘点",
        年度盘点: "年盘点",
        年终总结: "年盘点",
      },
    },
    required: true,
  },
  { name: "主持人", type: { t: "staff" } },
  { name: "参会人数", type: { t: "int", min: 1, unit: "人" }, required: true },
  { name: "学习内容", type: { t: "text" } },
  { name: "研判事项", aliases: ["议题"], type: { t: "text" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  byType: fig.counts("按会议类型", "By meeting type", "次"),
  cadence: fig.rates("按期召开比例", "Share of periods held"),
});

export const meetings = defineKind({
  id: "meetings",
  title: "工作例会台账",
  titleEn: "Office work meetings",
  titles: ["工作例会台账", "例会台账", "工作例会记录"],
  grain: "year",
  scope: "office",
  columns: COLUMNS,
  figures: SUMMARY,
  sheetRules: (rows, ctx) => {
    const basis = new Map(meetingRules(ctx.registry, OFFICE_MEETING_DEFAULTS).map((m) => [m.type, m.basis]));
    return cadenceOf(rows, ctx).gaps.map((gap) =>
      ctx.finding({
        code: "cadence-gap",
        row: null,
        column: null,
        period: gap.period,
        subject: gap.type,
        text: msg("meetings.missed", {
          period: periodText(gap.period),
          type: gap.type,
          frequency: frequencyText(gap.frequency),
          basis: basis.get(gap.type) ?? "",
        }),
      }),
    );
  },
  summary: (rows, ctx): z.infer<typeof SUMMARY> => {
    const byType: Record<string, number> = Object.fromEntries(TYPES.map((t) => [t, 0]));
    for (const r of rows) {
      const type = r.values[TYPE];
      if (typeof type === "string" && type in byType) byType[type]++;
    }
    return { byType, cadence: cadenceOf(rows, ctx).share };
  },
});

function cadenceOf(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>) {
  const dates = rows.map((r) => r.values[DATE]).filter((d): d is string => typeof d === "string");
  const events = rows.flatMap((r) => {
    const date = r.values[DATE];
    const type = r.values[TYPE];
    return typeof date === "string" && typeof type === "string" ? [{ date, type }] : [];
  });
  const frequencies = Object.fromEntries(
    meetingRules(ctx.registry, OFFICE_MEETING_DEFAULTS).map((m) => [m.type, m.every]),
  );
  return checkCadence(events, frequencies, cadenceSpan(dates, ctx));
}
