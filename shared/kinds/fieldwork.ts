/**
 * 到村工作日志 / 专项调研台账 (ledgers spec §3 fieldwork): the "143" field-research mechanism —
 * every staff member works in the villages on at least 2 distinct days each week.
 */
import type { Finding } from "../findings";
import { completedPeriods, periodOf } from "../period";
import { cadenceSpan, periodLabel } from "../rules/cadence";
import type { KindDef, ParsedRow, RuleContext } from "./types";

const DATE = "日期";
const STAFF = "工作人员";
const VILLAGE = "村";
const TOPIC = "调研主题";
const TOPICS = ["村级组织运转", "软弱涣散整顿", "基层治理", "新型农村集体经济", "其他"] as const;
/** "每名工作人员每周到村不少于 2 天" (老牛湾镇 "143" 工作机制). */
const MIN_DAYS_PER_WEEK = 2;

export const fieldwork: KindDef = {
  id: "fieldwork",
  title: "到村工作日志",
  titles: ["到村工作日志", "专项调研台账", "调研台账", "驻村工作日志"],
  grain: "month",
  scope: "office",
  columns: [
    { name: DATE, type: { t: "date" }, required: true },
    { name: STAFF, aliases: ["姓名"], type: { t: "staff" }, required: true },
    { name: VILLAGE, aliases: ["村别", "联系村", "支部"], type: { t: "branch" }, required: true },
    {
      name: "工作方式",
      type: { t: "enum", values: ["专项调研", "列席指导", "走访群众", "蹲点", "其他"] },
      required: true,
    },
    { name: TOPIC, type: { t: "enum", values: TOPICS } },
    { name: "工作内容", type: { t: "text" }, required: true },
    { name: "发现问题", type: { t: "text" } },
    { name: "问题数", type: { t: "int" } },
  ],
  sheetRules: (rows, ctx) => weeklyDays(rows, ctx).findings,
  summary: (rows, ctx) => {
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
    const weekly = weeklyDays(rows, ctx);
    return {
      visitDays: staffDays.size,
      avgDaysPerStaffWeek: weekly.staffWeeks === 0 ? null : round2(weekly.daysInWeeks / weekly.staffWeeks),
      weeksBelowTwo: weekly.findings.length,
      /** Staff-days in each village (one person on one date counts once per village). */
      byVillage: Object.fromEntries([...villageDays].map(([v, days]) => [v, days.size])),
      byTopic,
    };
  },
};

interface Weekly {
  findings: Finding[];
  /** Checked (staff, completed week) pairs. */
  staffWeeks: number;
  /** Distinct staff-days inside those pairs. */
  daysInWeeks: number;
}

/** Distinct days per staff member per completed ISO week; fewer than 2 → `visit-days`. */
function weeklyDays(rows: readonly ParsedRow[], ctx: RuleContext): Weekly {
  const span = cadenceSpan(
    rows.map((r) => text(r.values[DATE])),
    ctx,
  );
  const days = new Map<string, Set<string>>();
  const people: string[] = [];
  const add = (p: string) => {
    if (!days.has(p)) {
      days.set(p, new Set());
      people.push(p);
    }
  };
  for (const r of rows) {
    const person = text(r.values[STAFF]);
    if (!person) continue;
    add(person);
    const date = text(r.values[DATE]);
    if (date) days.get(person)?.add(date);
  }
  // Staff who appear in the sheet or in the known staff list (spec §3 fieldwork).
  for (const p of ctx.staff ?? []) add(p);
  const weeks =
    span.earliest === null
      ? []
      : completedPeriods("week", {
          earliest: span.earliest,
          asOf: span.asOf,
          ledgerYear: span.ledgerYear,
          exempt: span.exempt,
        });
  const findings: Finding[] = [];
  let daysInWeeks = 0;
  for (const person of people) {
    const perWeek = new Map<string, number>();
    for (const d of days.get(person) ?? []) {
      const w = periodOf(d, "week");
      perWeek.set(w, (perWeek.get(w) ?? 0) + 1);
    }
    for (const week of weeks) {
      const n = perWeek.get(week) ?? 0;
      daysInWeeks += n;
      if (n >= MIN_DAYS_PER_WEEK) continue;
      findings.push(
        ctx.finding({
          code: "visit-days",
          row: null,
          column: null,
          period: week,
          subject: person,
          message: `${person} ${periodLabel(week)} 到村工作 ${n} 天，少于每周 ${MIN_DAYS_PER_WEEK} 天的要求。`,
          hint: "请核对是否漏记了到村工作日志。",
        }),
      );
    }
  }
  return { findings, staffWeeks: people.length * weeks.length, daysInWeeks };
}

function text(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
