/**
 * 三会一课台账 (ledgers spec §3 branch-meetings): each village branch's 三会一课 and other
 * organisational life, checked against 《中国共产党支部工作条例（试行）》 (2018). Frequencies are
 * the registry's settings (defaults in ../settings.ts).
 */
import type { z } from "zod";
import type { Finding } from "../findings";
import { fig, summaryOf } from "../figures";
import { normalizeName } from "../read/text";
import { cadenceSpan, checkCadence, frequencyText, periodText, shareOf, spanPeriods } from "../rules/cadence";
import { BRANCH_MEETING_DEFAULTS, branchSettings, meetingRules, type MeetingRule } from "../settings";
import type { Registry } from "../registry";
import { msg } from "../messages/engine";
import {
  defineKind,
  type ColumnDef,
  type ColumnName,
  type ParsedRow,
  type RuleContext,
  type Value,
} from "./types";

const BRANCH = "支部";
const DATE = "日期";
const TYPE = "会议类型";
const EXPECTED = "应到人数";
const PRESENT = "实到人数";
const SPEAKER = "主讲人";
const ATTENDING_STAFF = "列席指导";
const GENERAL_MEETING = "支部党员大会";
const LECTURE = "党课";

const TYPES = Object.keys(BRANCH_MEETING_DEFAULTS);

const COLUMNS = [
  { name: BRANCH, aliases: ["村", "党支部"], type: { t: "branch" }, required: true },
  { name: DATE, type: { t: "date" }, required: true },
  {
    name: TYPE,
    aliases: ["类型"],
    type: {
      t: "enum",
      values: TYPES,
      aliases: {
        支委会: "支部委员会",
        支委会议: "支部委员会",
        支部委员会会议: "支部委员会",
        党员大会: "支部党员大会",
        支部大会: "支部党员大会",
        党小组会议: "党小组会",
        主题党日活动: "主题党日",
        专题组织生活会: "组织生活会",
        民主评议: "民主评议党员",
      },
      synonyms: { 党员活动日: "主题党日", 党日活动: "主题党日", 讲党课: "党课", 支部会: "支部党员大会" },
      // 条例 第十八条: 民主评议 may be held with the 组织生活会; a 主题党日 often carries the 党课.
      combine: true,
    },
    required: true,
  },
  { name: EXPECTED, type: { t: "int", min: 1, unit: "人" }, required: true },
  { name: PRESENT, type: { t: "int", unit: "人" }, required: true },
  { name: "主题", aliases: ["议题", "内容"], type: { t: "text" }, required: true },
  { name: "主持人", type: { t: "text" } },
  { name: SPEAKER, aliases: ["授课人"], type: { t: "text" } },
  { name: ATTENDING_STAFF, aliases: ["列席人员"], type: { t: "staffList" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  meetings: fig.count("会议次数", "Meetings", "次"),
  attendanceRate: fig.rate("到会率", "Attendance"),
  cadence: fig.rateTable("按期召开比例", "Share of periods held"),
  contactAttendance: fig.counts("列席指导次数", "Attended by contact staff", "次"),
});

/** The meeting types a cell names: one, or several for a combined entry (主题党日+党课). */
function typesOf(v: Value | undefined): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v : [];
}

/**
 * The cadence a branch is judged on: the township's frequencies, with 党小组会 off for a branch
 * without 党小组 (条例 第十三条) and 支部委员会 off for one without a 支部委员会 (条例 第二十条).
 */
function branchRules(registry: Registry, branch: string): MeetingRule[] {
  const own = branchSettings(registry, branch);
  return meetingRules(registry, BRANCH_MEETING_DEFAULTS).map((rule) =>
    (rule.type === "党小组会" && own?.hasPartyGroups === false) ||
    (rule.type === "支部委员会" && own?.hasCommittee === false)
      ? { ...rule, every: "off" as const }
      : rule,
  );
}

export const branchMeetings = defineKind({
  id: "branch-meetings",
  title: "三会一课台账",
  titleEn: "Branch meetings and party lessons",
  titles: ["三会一课台账", "三会一课记录", "三会一课", "组织生活台账"],
  grain: "year",
  scope: "branch",
  columns: COLUMNS,
  figures: SUMMARY,
  rowRules: attendance,
  sheetRules: (rows, ctx) => [...cadenceFindings(rows, ctx), ...secretaryLectures(rows, ctx)],
  summary: (rows, ctx): z.infer<typeof SUMMARY> => {
    let expected = 0;
    let present = 0;
    const contactAttendance: Record<string, number> = {};
    for (const r of rows) {
      const e = r.values[EXPECTED];
      const p = r.values[PRESENT];
      if (typeof e === "number" && typeof p === "number") {
        expected += e;
        present += p;
      }
      const staff = r.values[ATTENDING_STAFF];
      if (Array.isArray(staff))
        for (const s of new Set(staff)) contactAttendance[s] = (contactAttendance[s] ?? 0) + 1;
    }
    const cadence: Record<string, Record<string, number | null>> = {};
    for (const { branch, result } of cadenceByBranch(rows, ctx)) cadence[branch] = result.share;
    return {
      meetings: rows.length,
      attendanceRate: shareOf(present, expected),
      cadence,
      contactAttendance,
    };
  },
});

/** 实到 ≤ 应到 (`inconsistent`); 支部党员大会 needs more than half present (`quorum`). */
function attendance(row: ParsedRow<Column>, ctx: RuleContext<Column>): Finding[] {
  const expected = row.values[EXPECTED];
  const present = row.values[PRESENT];
  if (typeof expected !== "number" || typeof present !== "number") return [];
  if (present > expected) {
    return [
      ctx.finding({
        code: "inconsistent",
        row: row.row,
        column: PRESENT,
        text: msg("branchMeetings.overAttended", { present, expected }),
      }),
    ];
  }
  // 支部工作条例 第十一条: 表决必须有半数以上有表决权的党员到会方可进行.
  if (typesOf(row.values[TYPE]).includes(GENERAL_MEETING) && present * 2 <= expected) {
    return [
      ctx.finding({
        code: "quorum",
        row: row.row,
        column: PRESENT,
        text: msg("branchMeetings.quorum", { present, expected }),
      }),
    ];
  }
  return [];
}

/** Each branch that appears in the sheet, with its rules and its cadence result. */
function cadenceByBranch(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>) {
  // The span starts at the sheet's earliest date (spec §2), the same for every branch.
  const span = cadenceSpan(
    rows.map((r) => r.values[DATE]).filter((d): d is string => typeof d === "string"),
    ctx,
  );
  const events = new Map<string, { date: string; type: string }[]>();
  for (const r of rows) {
    const branch = r.values[BRANCH];
    if (typeof branch !== "string" || !branch) continue;
    const list = events.get(branch) ?? [];
    events.set(branch, list);
    const date = r.values[DATE];
    // A combined entry counts for each of its types.
    if (typeof date === "string") for (const type of typesOf(r.values[TYPE])) list.push({ date, type });
  }
  return [...events].map(([branch, list]) => {
    const rules = branchRules(ctx.registry, branch);
    const frequencies = Object.fromEntries(rules.map((m) => [m.type, m.every]));
    return { branch, rules, result: checkCadence(list, frequencies, span) };
  });
}

function cadenceFindings(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>): Finding[] {
  return cadenceByBranch(rows, ctx).flatMap(({ branch, rules, result }) =>
    result.gaps.map((gap) => {
      const rule = rules.find((m) => m.type === gap.type);
      return ctx.finding({
        code: "cadence-gap",
        row: null,
        column: null,
        period: gap.period,
        subject: branch,
        text: msg("branchMeetings.missed", {
          branch,
          period: periodText(gap.period),
          verb: rule?.verb ?? msg("verb.hold"),
          type: gap.type,
          frequency: frequencyText(gap.frequency),
          basis: rule?.basis ?? "",
        }),
      });
    }),
  );
}

/**
 * 书记讲党课: where the sheet has a 主讲人 column and the registry names a branch's 书记, a
 * completed year in which no 党课 row of that branch names the 书记 is a `cadence-gap`. A local
 * rule: 条例 第十六条 itself puts the yearly 党课 on the 党委（党组）书记.
 */
function secretaryLectures(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>): Finding[] {
  if (!ctx.present.has(SPEAKER)) return [];
  const span = cadenceSpan(
    rows.map((r) => r.values[DATE]).filter((d): d is string => typeof d === "string"),
    ctx,
  );
  const years = spanPeriods("year", span);
  const branches = new Set<string>();
  const lectured = new Set<string>();
  for (const r of rows) {
    const branch = r.values[BRANCH];
    const date = r.values[DATE];
    const speaker = r.values[SPEAKER];
    if (typeof branch !== "string" || !branch) continue;
    branches.add(branch);
    const secretary = branchSettings(ctx.registry, branch)?.secretary;
    if (!secretary || typeof date !== "string" || typeof speaker !== "string") continue;
    if (
      typesOf(r.values[TYPE]).includes(LECTURE) &&
      normalizeName(speaker).includes(normalizeName(secretary))
    )
      lectured.add(`${branch}|${date.slice(0, 4)}`);
  }
  const findings: Finding[] = [];
  for (const branch of branches) {
    const secretary = branchSettings(ctx.registry, branch)?.secretary;
    if (!secretary) continue;
    for (const year of years) {
      if (lectured.has(`${branch}|${year}`)) continue;
      findings.push(
        ctx.finding({
          code: "cadence-gap",
          row: null,
          column: null,
          period: year,
          subject: branch,
          text: msg("branchMeetings.secretaryLecture", { branch, period: periodText(year), secretary }),
        }),
      );
    }
  }
  return findings;
}
