/**
 * The 季总结 / 年盘点 draft (issue 15) from the records: every figure comes from `townshipSummary`,
 * the function behind GET /api/summary, over the current submissions; the draft only picks,
 * labels (figures.ts) and compares them, and lists the rows behind the figures that need action.
 */
import type { StatusResponse, SummaryResponse } from "../api";
import { figuresOf, formatFigure, type Figure, type FigureValue, type Summary } from "../figures";
import { kindById, kindsOf } from "../kinds";
import { openTooLong } from "../kinds/problems";
import type { KindDef, ParsedRow } from "../kinds/types";
import { PLACEHOLDER, reportText as T } from "../messages/report";
import { periodBounds } from "../period";
import { maskIdsInText } from "../privacy";
import { OFFICE_LABEL, OFFICE_SCOPE, type Registry } from "../registry";
import { openDaysLimit } from "../settings";
import { rowsFromStored } from "../engine";
import { townshipSummary, type TownshipRecord } from "../township";
import type { PeriodReport, ReportChart, ReportFigure, ReportKind, ReportTable } from "./schema";

export interface ReportInput {
  year: string;
  /** 1–4 for a 季总结, null for the 年盘点. */
  quarter: number | null;
  /** A branch's canonical name (its own report), or null for the township's. */
  branch: string | null;
  asOf: string;
  registry: Registry;
  staff: ReadonlySet<string> | null;
  /** The current rows of the report's year and of the year before. */
  records: { year: readonly TownshipRecord[]; lastYear: readonly TownshipRecord[] };
  /** The year's submission matrix (GET /api/status), for who submitted late. */
  status: StatusResponse;
}

/** The figures of one period, and the rows and as-of date they were computed from. */
interface PeriodFigures {
  summary: SummaryResponse;
  records: readonly TownshipRecord[];
  asOf: string;
}

/** The column whose date places a row in a quarter: the kind's first date column. */
function dateColumn(kind: KindDef | undefined): string | null {
  return kind?.columns.find((c) => c.type.t === "date" || c.type.t === "month")?.name ?? null;
}

/** A row as it counts at `end`: its period and its first date on or before it (undated rows count). */
function countsBy(r: TownshipRecord, end: string): boolean {
  if (r.period.length > 4 && r.period > end.slice(0, 7)) return false;
  const column = dateColumn(kindById(r.kind));
  const value = column ? r.values[column] : null;
  return typeof value !== "string" || value <= end;
}

/**
 * A year's figures (exactly GET /api/summary's when `end` is null), or the figures cumulated to
 * `end` (a quarter's last day) as they stood then: rows dated after it left out, as-of at it.
 */
function figuresTo(
  records: readonly TownshipRecord[],
  year: string,
  end: string | null,
  input: ReportInput,
): PeriodFigures {
  const asOf = end !== null && end < input.asOf ? end : input.asOf;
  const rows = end === null ? records : records.filter((r) => countsBy(r, end));
  const { registry, staff } = input;
  return { summary: townshipSummary(rows, { year, asOf, registry, staff }), records: rows, asOf };
}

/** A scope's summary of a kind: the branch's own, or the township's total. */
function scopeSummary(p: PeriodFigures | null, kind: string, scope: string | null): Summary | null {
  const k = p?.summary.kinds.find((x) => x.kind === kind);
  if (!k) return null;
  const s = scope === null ? k.total : k.byBranch[scope];
  return s && Object.keys(s).length ? s : null;
}

const SCALAR = new Set(["count", "number", "rate", "money"]);

const text = (f: Figure, v: FigureValue | undefined) => formatFigure(f, v ?? null, "zh-CN");

/** The change from `then` to `now`: signed, in the figure's unit; rates in percentage points. */
function change(f: Figure, now: FigureValue | undefined, then: FigureValue | undefined): string | null {
  if (typeof now !== "number" || typeof then !== "number" || !SCALAR.has(f.type)) return null;
  const rate = f.type === "rate";
  const d = rate ? Math.round((now - then) * 1000) / 10 : now - then;
  if (Math.abs(d) < 1e-9) return T.same;
  const shown = rate ? `${Math.abs(d)} ${T.points}` : text(f, Math.abs(d));
  return `${d > 0 ? "+" : "−"}${shown}`;
}

function figureLines(
  kind: KindDef,
  now: Summary | null,
  previous: Summary | null,
  lastYear: Summary | null,
  hasPrevious: boolean,
): ReportFigure[] {
  return figuresOf(kind.figures).map(([name, f]) => ({
    name,
    label: f.label.zh,
    type: f.type,
    text: now ? text(f, now[name]) : "—",
    value: now?.[name] ?? null,
    previous: hasPrevious && previous ? text(f, previous[name]) : null,
    changePrevious: hasPrevious && now && previous ? change(f, now[name], previous[name]) : null,
    lastYear: lastYear ? text(f, lastYear[name]) : null,
    changeLastYear: now && lastYear ? change(f, now[name], lastYear[name]) : null,
  }));
}

/** "label value" pairs of some figures of a kind, as a line of the 143 section. */
function figureSentence(kindId: string, names: readonly string[], summary: Summary | null): string {
  const kind = kindById(kindId);
  if (!kind) return "";
  if (!summary) return T.noData(kind.title);
  const pairs = figuresOf(kind.figures)
    .filter(([name]) => names.includes(name))
    .map(([name, f]) => `${f.label.zh} ${text(f, summary[name])}`);
  return `${kind.title}：${pairs.join("，")}。`;
}

/** Which figures document each part of the 143 system (ledgers spec, the township's system). */
const SYSTEM: readonly {
  heading: string;
  items: readonly { item: string; figures: [string, string[]][] }[];
}[] = [
  {
    heading: T.system.lead,
    items: [
      { item: T.items.lead, figures: [["staff", ["staffCount", "fullTime", "partTime", "posts", "duties"]]] },
    ],
  },
  {
    heading: T.system.mechanisms,
    items: [
      { item: T.items.meetings, figures: [["meetings", ["byType", "cadence"]]] },
      {
        item: T.items.contacts,
        figures: [["contacts", ["branchesCovered", "branchesTotal", "staffLinked", "staffTotal"]]],
      },
      {
        item: T.items.fieldwork,
        figures: [["fieldwork", ["visitDays", "avgDaysPerStaffWeek", "weeksBelowTwo"]]],
      },
      {
        item: T.items.assessment,
        figures: [["assessment", ["byGrade", "excellentShare", "recommendations"]]],
      },
    ],
  },
  {
    heading: T.system.integrations,
    items: [
      {
        item: T.items.business,
        figures: [
          ["problems", ["total", "resolved", "resolvedRate", "households", "people", "medianDaysToResolve"]],
        ],
      },
      {
        item: T.items.governance,
        figures: [
          ["disputes", ["total", "resolved", "resolvedInVillageRate", "resolvedInTownRate"]],
          ["volunteers", ["activities", "personTimes", "personHours"]],
        ],
      },
      {
        item: T.items.industry,
        figures: [["projects", ["projects", "investment", "actualIncome", "households", "people"]]],
      },
    ],
  },
];

/** The figures the charts show, per branch (township) or per period (a branch). */
const CHARTED: readonly [string, string][] = [
  ["problems", "resolved"],
  ["disputes", "resolved"],
  ["volunteers", "activities"],
  ["branch-meetings", "meetings"],
  ["dues", "paidRate"],
];

const scopeLabel = (scope: string) => (scope === OFFICE_SCOPE ? OFFICE_LABEL : scope);
const cell = (v: unknown) => (typeof v === "string" || typeof v === "number" ? maskIdsInText(String(v)) : "");

/** The rows of one kind in a period's figures, for one scope or all. */
function rowsOf(p: PeriodFigures, kind: string, scope: string | null): ParsedRow[] {
  return rowsFromStored(p.records.filter((r) => r.kind === kind && (scope === null || r.scope === scope)));
}

function periodName(year: string, quarter: number | null): string {
  return quarter === null ? T.yearPeriod(year) : T.quarterPeriod(year, quarter);
}

/** The 季总结 / 年盘点 draft of a township or one branch. */
export function buildPeriodReport(input: ReportInput): PeriodReport {
  const { year, quarter, branch, registry } = input;
  const lastYearId = String(Number(year) - 1);
  const end = quarter === null ? null : periodBounds(`${year}-Q${quarter}`).end;
  const current = figuresTo(input.records.year, year, end, input);
  const lastYear = figuresTo(
    input.records.lastYear,
    lastYearId,
    quarter === null ? null : periodBounds(`${lastYearId}-Q${quarter}`).end,
    input,
  );
  // A quarter's previous period is the quarter before (Q1's: the last year's Q4); a year has none.
  const previous =
    quarter === null
      ? null
      : quarter === 1
        ? figuresTo(input.records.lastYear, lastYearId, `${lastYearId}-12-31`, input)
        : figuresTo(input.records.year, year, periodBounds(`${year}-Q${quarter - 1}`).end, input);

  // A branch's report is about the branch's own ledgers; the office's are the township's.
  const reported = kindsOf(input.registry).filter((k) => branch === null || k.scope !== "office");
  const kinds: ReportKind[] = [];
  const missingKinds: string[] = [];
  for (const kind of reported) {
    const now = scopeSummary(current, kind.id, branch);
    const before = scopeSummary(previous, kind.id, branch);
    const yearAgo = scopeSummary(lastYear, kind.id, branch);
    if (!now && !before && !yearAgo) {
      missingKinds.push(kind.title);
      continue;
    }
    const rows = rowsOf(current, kind.id, branch).length;
    kinds.push({
      kind: kind.id,
      title: kind.title,
      rows,
      figures: figureLines(kind, now, before, yearAgo, quarter !== null),
    });
  }

  const system = SYSTEM.map(({ heading, items }) => ({
    heading,
    items: items.map(({ item, figures }) => ({
      heading: item,
      lines: [
        ...figures
          .filter(([kind]) => reported.some((k) => k.id === kind))
          .map(([kind, names]) => figureSentence(kind, names, scopeSummary(current, kind, branch))),
        T.practice,
      ],
    })),
  }));

  const unit = branch === null ? registry.township.name : `${registry.township.name}${branch}`;
  const period = quarter === null ? year : `${year}-Q${quarter}`;
  return {
    title: T.title(unit, periodName(year, quarter), quarter === null ? T.yearType : T.quarterType),
    subtitle: T.subtitle(input.asOf),
    notes: quarter === null ? [] : [T.quarterNote],
    township: registry.township.name,
    branch,
    year,
    quarter,
    period,
    previousPeriod: quarter === null ? null : quarter === 1 ? `${lastYearId}-Q4` : `${year}-Q${quarter - 1}`,
    lastYearPeriod: quarter === null ? lastYearId : `${lastYearId}-Q${quarter}`,
    asOf: input.asOf,
    system,
    kinds,
    missingKinds,
    branches: branch === null ? branchTables(current, lastYear, registry) : [],
    attention: {
      openProblems: openProblemsTable(current, branch, registry),
      disputesUp: disputesUpTable(current, branch),
      arrears: arrearsTable(current, branch, registry),
      late: lateTable(input.status, branch, period),
    },
    charts: charts(current, previous, lastYear, branch, registry),
    closing: [
      { heading: T.sections.shortcomings, lines: [PLACEHOLDER] },
      { heading: T.sections.plans, lines: [PLACEHOLDER] },
    ],
  };
}

/** The scopes that filed anything in the year, the registry's branches first, then the office. */
function scopesOf(p: PeriodFigures, registry: Registry): string[] {
  const filed = new Set(p.records.map((r) => r.scope));
  const branches = registry.branches.map((b) => b.name);
  return [...branches, ...[...filed].filter((s) => !branches.includes(s)).sort()];
}

/** A table per branch: each kind's scalar figures now and a year before. */
function branchTables(current: PeriodFigures, lastYear: PeriodFigures, registry: Registry): ReportTable[] {
  return scopesOf(current, registry).map((scope) => {
    const rows: string[][] = [];
    for (const kind of kindsOf(registry)) {
      const now = scopeSummary(current, kind.id, scope);
      if (!now) continue;
      const before = scopeSummary(lastYear, kind.id, scope);
      for (const [name, f] of figuresOf(kind.figures)) {
        if (!SCALAR.has(f.type)) continue;
        rows.push([kind.title, f.label.zh, text(f, now[name]), before ? text(f, before[name]) : "—"]);
      }
    }
    return {
      title: scopeLabel(scope),
      columns: ["台账", T.columns.figure, T.columns.current, T.columns.lastYear],
      rows,
    };
  });
}

/** The problems behind `openOver30Days`: the same rule, at the same as-of date. */
function openProblemsTable(p: PeriodFigures, scope: string | null, registry: Registry): ReportTable {
  const limit = openDaysLimit(registry).value;
  const dayMs = 86_400_000;
  const rows = rowsOf(p, "problems", scope)
    .filter((r) => openTooLong(r, p.asOf, limit))
    .map((r) => {
      const v = r.values;
      const days = Math.round((Date.parse(p.asOf) - Date.parse(String(v["收集日期"]))) / dayMs);
      return {
        days,
        cells: [
          cell(v["编号"]),
          cell(v["村"]),
          cell(v["问题类别"]),
          cell(v["收集日期"]),
          cell(v["办理状态"]),
          String(days),
          cell(v["问题描述"]),
        ],
      };
    })
    .sort((a, b) => b.days - a.days)
    .map((r) => r.cells);
  return { title: T.attention.openProblems(limit), columns: [...T.problemColumns], rows };
}

/** Disputes passed up: 已移交 to a higher level. */
function disputesUpTable(p: PeriodFigures, scope: string | null): ReportTable {
  const rows = rowsOf(p, "disputes", scope)
    .filter((r) => r.values["状态"] === "已移交")
    .map((r) => {
      const v = r.values;
      return [cell(v["编号"]), cell(v["村"]), cell(v["纠纷类型"]), cell(v["登记日期"]), cell(v["化解层级"])];
    });
  return { title: T.attention.disputesUp, columns: [...T.disputeColumns], rows };
}

/** Members in arrears per branch: counts from the dues figures only, never names. */
function arrearsTable(p: PeriodFigures, scope: string | null, registry: Registry): ReportTable {
  const dues = p.summary.kinds.find((k) => k.kind === "dues");
  const scopes = scope === null ? scopesOf(p, registry) : [scope];
  const count = (v: FigureValue | undefined) => (typeof v === "number" ? String(v) : "—");
  const rows = scopes
    .filter((s) => dues?.byBranch[s])
    .map((s) => [scopeLabel(s), count(dues?.byBranch[s]?.members), count(dues?.byBranch[s]?.inArrears)]);
  if (scope === null && rows.length)
    rows.push([T.total, count(dues?.total.members), count(dues?.total.inArrears)]);
  return { title: T.attention.arrears, columns: [...T.arrearsColumns], rows };
}

/** Ledgers of the report's period submitted after their due day, or not at all. */
function lateTable(status: StatusResponse, scope: string | null, period: string): ReportTable {
  const { start, end } = periodBounds(period);
  const titles = new Map(status.kinds.map((k) => [k.id, k.title]));
  const rows: string[][] = [];
  for (const row of status.rows) {
    if (scope !== null && row.scope !== scope) continue;
    for (const c of row.cells) {
      if (c.state !== "late" && c.state !== "missing") continue;
      const bounds = periodBounds(c.period);
      if (bounds.start < start || bounds.end > end) continue;
      const on = c.state === "late" && c.submittedAt ? T.lateOn(c.submittedAt.slice(0, 10)) : "";
      rows.push([row.label, titles.get(c.kind) ?? c.kind, c.period, c.due, `${T.lateStates[c.state]}${on}`]);
    }
  }
  return { title: T.attention.late, columns: [...T.lateColumns], rows };
}

function charts(
  current: PeriodFigures,
  previous: PeriodFigures | null,
  lastYear: PeriodFigures,
  scope: string | null,
  registry: Registry,
): ReportChart[] {
  const out: ReportChart[] = [];
  for (const [kindId, name] of CHARTED) {
    const kind = kindById(kindId);
    const f = kind && figuresOf(kind.figures).find(([n]) => n === name)?.[1];
    if (!kind || !f) continue;
    const at = (p: PeriodFigures | null, s: string | null) => {
      const v = scopeSummary(p, kindId, s)?.[name];
      return typeof v === "number" ? v : null;
    };
    const title = `${kind.title}：${f.label.zh}`;
    const unit = f.unit;
    if (scope === null) {
      const scopes = scopesOf(current, registry).filter((s) => scopeSummary(current, kindId, s));
      if (!scopes.length) continue;
      out.push({
        title,
        type: f.type,
        unit,
        labels: scopes.map(scopeLabel),
        series: [
          { name: T.chartSeries.current, values: scopes.map((s) => at(current, s)) },
          { name: T.chartSeries.lastYear, values: scopes.map((s) => at(lastYear, s)) },
        ],
      });
    } else {
      if (at(current, scope) === null) continue;
      out.push({
        title,
        type: f.type,
        unit,
        labels: [scopeLabel(scope)],
        series: [
          { name: T.chartSeries.current, values: [at(current, scope)] },
          ...(previous ? [{ name: T.chartSeries.previous, values: [at(previous, scope)] }] : []),
          { name: T.chartSeries.lastYear, values: [at(lastYear, scope)] },
        ],
      });
    }
  }
  return out;
}
