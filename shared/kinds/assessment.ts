/**
 * 考核评价表 (ledgers spec §3 assessment): the "143" assessment mechanism, tied to the annual
 * appraisal and to 两优一先 recommendations.
 */
import type { Finding } from "../findings";
import { shareOf } from "../rules/cadence";
import { duplicateKeyFindings } from "../rules/unique";
import { excellentShare } from "../settings";
import { msg } from "../messages/engine";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";

const YEAR = "年度";
const NAME = "姓名";
const GRADE = "考核等次";
const AWARDS = "推荐表彰";
/** 公务员 grades (称职 …) and 事业单位 grades (合格 …): both occur in one office. */
const GRADES = ["优秀", "称职", "合格", "基本称职", "基本合格", "不称职", "不合格"] as const;
const AWARD_KINDS = ["两优一先", "劳动模范", "五一劳动奖章", "其他"] as const;

const COLUMNS = [
  { name: YEAR, type: { t: "int", min: 2000, max: 2100 }, required: true },
  { name: NAME, type: { t: "staff" }, required: true },
  { name: GRADE, type: { t: "enum", values: GRADES }, required: true },
  {
    name: AWARDS,
    type: {
      t: "list",
      values: AWARD_KINDS,
      // 两优一先: 优秀共产党员、优秀党务工作者 and 先进基层党组织, the last an award to an organisation.
      aliases: { 优秀共产党员: "两优一先", 优秀党务工作者: "两优一先", 优秀党员: "两优一先" },
      notes: { 先进基层党组织: msg("advice.organisationAward") },
    },
  },
  { name: "备注", type: { t: "text" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  byGrade: fig.counts("按考核等次", "By grade", "人"),
  excellentShare: fig.rate("优秀比例", "Share rated 优秀"),
  recommendations: fig.counts("推荐表彰", "Recommendations", "人"),
});

export const assessment = defineKind({
  id: "assessment",
  title: "考核评价表",
  titleEn: "Staff assessment",
  titles: ["考核评价表", "考核评价台账", "年度考核表"],
  grain: "year",
  scope: "office",
  columns: COLUMNS,
  figures: SUMMARY,
  sheetRules: (rows, ctx) => [...duplicateKeyFindings(rows, [YEAR, NAME], NAME, ctx), ...quota(rows, ctx)],
  summary: (rows): z.infer<typeof SUMMARY> => {
    const byGrade: Record<string, number> = Object.fromEntries(GRADES.map((g) => [g, 0]));
    const recommendations: Record<string, number> = Object.fromEntries(AWARD_KINDS.map((k) => [k, 0]));
    let graded = 0;
    for (const r of rows) {
      const grade = r.values[GRADE];
      if (typeof grade === "string" && grade in byGrade) {
        byGrade[grade]++;
        graded++;
      }
      const awards = r.values[AWARDS];
      if (Array.isArray(awards))
        for (const a of new Set(awards)) if (a in recommendations) recommendations[a]++;
    }
    return { byGrade, excellentShare: shareOf(byGrade["优秀"], graded), recommendations };
  },
});

/** Per year: distinct people graded 优秀 over distinct people appraised > the excellentShare setting (20 %) → `quota`. */
function quota(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>): Finding[] {
  const years = new Map<number, { appraised: Set<string>; excellent: Set<string> }>();
  for (const r of rows) {
    const year = r.values[YEAR];
    const name = r.values[NAME];
    const grade = r.values[GRADE];
    // A person with an unreadable grade was still appraised: they count in the denominator.
    if (typeof year !== "number" || typeof name !== "string" || !name) continue;
    const y = years.get(year) ?? { appraised: new Set<string>(), excellent: new Set<string>() };
    y.appraised.add(name);
    if (grade === "优秀") y.excellent.add(name);
    years.set(year, y);
  }
  const share = excellentShare(ctx.registry);
  const limit = Math.round(share.value * 1000) / 10;
  const findings: Finding[] = [];
  for (const [year, y] of [...years].sort((a, b) => a[0] - b[0])) {
    const n = y.excellent.size;
    const total = y.appraised.size;
    // Compare in whole numbers of per-mille, so 1 of 5 is exactly 20 % and not above it.
    if (n * 1000 <= Math.round(share.value * 1000) * total) continue;
    const pct = Math.round((n / total) * 1000) / 10;
    findings.push(
      ctx.finding({
        code: "quota",
        row: null,
        column: null,
        period: String(year),
        text: msg("assessment.quota", {
          year,
          excellent: n,
          total,
          share: pct,
          limit,
          setting: share.note ?? "",
        }),
      }),
    );
  }
  return findings;
}
