/**
 * 三会一课台账 (ledgers spec §3 branch-meetings): each village branch's 三会一课 and other
 * organisational life, checked against 《中国共产党支部工作条例（试行）》 (2018).
 */
import type { Finding } from "../findings";
import {
  cadenceSpan,
  checkCadence,
  frequencyLabel,
  periodLabel,
  shareOf,
  type Frequency,
} from "../rules/cadence";
import type { KindDef, ParsedRow, RuleContext } from "./types";

const BRANCH = "支部";
const DATE = "日期";
const TYPE = "会议类型";
const EXPECTED = "应到人数";
const PRESENT = "实到人数";
const ATTENDING_STAFF = "列席指导";
const GENERAL_MEETING = "支部党员大会";
const REGULATION = "《中国共产党支部工作条例（试行）》";

interface MeetingRule {
  every: Frequency;
  /** Where the default frequency comes from, quoted in messages. */
  basis: string;
  /** The verb a clerk uses: 召开 a meeting, 开展 主题党日, 上 党课. */
  verb: string;
}

/**
 * Default frequencies (支部工作条例 第十一至十七条): 党员大会 一般每季度1次 (第十一条), 支部委员会
 * 一般每月1次 (第十二条), 党小组会 一般每月1次 (第十三条), 主题党日 每月相对固定1天 (第十六条),
 * 组织生活会 每年至少1次 (第十七条), 民主评议党员 一般每年1次 (same 条例, 第五章 组织生活).
 * The 条例 sets no frequency for 党课; quarterly is the common local rule.
 */
export const BRANCH_MEETING_RULES: Readonly<Record<string, MeetingRule>> = {
  支部党员大会: { every: "quarter", basis: `${REGULATION}第十一条`, verb: "召开" },
  支部委员会: { every: "month", basis: `${REGULATION}第十二条`, verb: "召开" },
  党小组会: { every: "month", basis: `${REGULATION}第十三条`, verb: "召开" },
  党课: { every: "quarter", basis: "本地三会一课制度", verb: "上" },
  主题党日: { every: "month", basis: `${REGULATION}第十六条`, verb: "开展" },
  组织生活会: { every: "year", basis: `${REGULATION}第十七条`, verb: "召开" },
  民主评议党员: { every: "year", basis: REGULATION, verb: "开展" },
};

/** The frequency settings' defaults: meeting type → required frequency. */
export const BRANCH_MEETING_FREQUENCIES: Readonly<Record<string, Frequency>> = Object.fromEntries(
  Object.entries(BRANCH_MEETING_RULES).map(([type, rule]) => [type, rule.every]),
);

const TYPES = Object.keys(BRANCH_MEETING_RULES);

/** The kind with the given frequencies (a township may set its own; defaults above). */
export function branchMeetingsKind(
  frequencies: Readonly<Record<string, Frequency>> = BRANCH_MEETING_FREQUENCIES,
): KindDef {
  return {
    id: "branch-meetings",
    title: "三会一课台账",
    titles: ["三会一课台账", "三会一课记录", "三会一课", "组织生活台账"],
    grain: "year",
    scope: "branch",
    columns: [
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
          },
        },
        required: true,
      },
      { name: EXPECTED, type: { t: "int", min: 1, unit: "人" }, required: true },
      { name: PRESENT, type: { t: "int", unit: "人" }, required: true },
      { name: "主题", aliases: ["议题", "内容"], type: { t: "text" }, required: true },
      { name: "主持人", type: { t: "text" } },
      { name: ATTENDING_STAFF, aliases: ["列席人员"], type: { t: "staffList" } },
    ],
    rowRules: attendance,
    sheetRules: (rows, ctx) => cadenceFindings(rows, ctx, frequencies),
    summary: (rows, ctx) => {
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
      for (const [branch, result] of cadenceByBranch(rows, ctx, frequencies)) cadence[branch] = result.share;
      return {
        meetings: rows.length,
        attendanceRate: shareOf(present, expected),
        cadence,
        contactAttendance,
      };
    },
  };
}

export const branchMeetings: KindDef = branchMeetingsKind();

/** 实到 ≤ 应到 (`inconsistent`); 支部党员大会 needs more than half present (`quorum`). */
function attendance(row: ParsedRow, ctx: RuleContext): Finding[] {
  const expected = row.values[EXPECTED];
  const present = row.values[PRESENT];
  if (typeof expected !== "number" || typeof present !== "number") return [];
  if (present > expected) {
    return [
      ctx.finding({
        code: "inconsistent",
        row: row.row,
        column: PRESENT,
        message: `实到人数 ${present} 多于应到人数 ${expected}，实到人数不能多于应到人数。`,
        hint: "请核对应到人数和实到人数。",
      }),
    ];
  }
  // 支部工作条例 第十一条: 表决必须有半数以上有表决权的党员到会方可进行.
  if (row.values[TYPE] === GENERAL_MEETING && present * 2 <= expected) {
    return [
      ctx.finding({
        code: "quorum",
        row: row.row,
        column: PRESENT,
        message: `支部党员大会实到 ${present} 人，没有超过应到 ${expected} 人的半数（${REGULATION}第十一条：须有半数以上党员到会）。`,
        hint: "请核对人数；到会人数未过半数的，会议不能进行表决，需另行召开。",
      }),
    ];
  }
  return [];
}

function cadenceByBranch(
  rows: readonly ParsedRow[],
  ctx: RuleContext,
  frequencies: Readonly<Record<string, Frequency>>,
) {
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
    const type = r.values[TYPE];
    if (typeof date === "string" && typeof type === "string") list.push({ date, type });
  }
  return [...events].map(([branch, list]) => [branch, checkCadence(list, frequencies, span)] as const);
}

function cadenceFindings(
  rows: readonly ParsedRow[],
  ctx: RuleContext,
  frequencies: Readonly<Record<string, Frequency>>,
): Finding[] {
  return cadenceByBranch(rows, ctx, frequencies).flatMap(([branch, result]) =>
    result.gaps.map((gap) => {
      const rule = BRANCH_MEETING_RULES[gap.type];
      const basis = rule && rule.every === gap.frequency ? rule.basis : "本地三会一课制度";
      const verb = rule?.verb ?? "召开";
      return ctx.finding({
        code: "cadence-gap",
        row: null,
        column: null,
        period: gap.period,
        subject: branch,
        message: `${branch} ${periodLabel(gap.period)} 没有${verb}${gap.type}（${frequencyLabel(gap.frequency)}至少一次，${basis}）。`,
        hint: `如已${verb}${gap.type}，请补记到本表；否则请按规定及时安排。`,
      });
    }),
  );
}
