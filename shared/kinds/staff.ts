/**
 * 人员岗位表 (ledgers spec §3 staff): the office's people, posts and duties. The "143" system has
 * one lead: 主任 (党委副书记) and 常务副主任 (组织委员), one of each.
 */
import type { Finding, MessageParam } from "../findings";
import { msg } from "../messages/engine";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";

const ROLE = "职务";
const SINGLE_ROLES = ["主任", "常务副主任"] as const;

const COLUMNS = [
  { name: "姓名", type: { t: "name" }, required: true, unique: true },
  {
    name: ROLE,
    type: {
      t: "enum",
      values: ["主任", "常务副主任", "副主任", "专职工作人员", "兼职工作人员"],
      aliases: { 专职: "专职工作人员", 兼职: "兼职工作人员" },
      synonyms: {
        专干: "专职工作人员",
        专职干部: "专职工作人员",
        兼职干部: "兼职工作人员",
        干事: "专职工作人员",
      },
    },
    required: true,
  },
  { name: "本职职务", type: { t: "text" } },
  { name: "来源", type: { t: "enum", values: ["选调生", "老乡镇", "党务工作者", "其他"] } },
  { name: "岗位", aliases: ["岗位名称"], type: { t: "text" }, required: true },
  { name: "职责数", aliases: ["职责条数"], type: { t: "int" } },
  { name: "联系电话", aliases: ["手机号码", "电话"], type: { t: "mobile" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  staffCount: fig.count("人员数", "Staff", "人"),
  fullTime: fig.count("专职", "Full-time", "人"),
  partTime: fig.count("兼职", "Part-time", "人"),
  posts: fig.count("岗位数", "Posts", "个"),
  duties: fig.count("职责数", "Duties", "条"),
});

export const staff = defineKind({
  id: "staff",
  title: "人员岗位表",
  titleEn: "Office staff and posts",
  titles: ["人员岗位表", "人员岗位职责表", "岗位职责表"],
  grain: "year",
  scope: "office",
  columns: COLUMNS,
  figures: SUMMARY,
  sheetRules: (rows, ctx) =>
    ctx.present.has(ROLE) ? SINGLE_ROLES.flatMap((role) => singleRole(rows, role, ctx)) : [],
  summary: (rows): z.infer<typeof SUMMARY> => {
    const names = new Set<string>();
    const posts = new Set<string>();
    let fullTime = 0;
    let partTime = 0;
    let duties = 0;
    for (const r of rows) {
      const v = r.values;
      if (typeof v["姓名"] === "string" && v["姓名"]) names.add(v["姓名"]);
      if (v[ROLE] === "专职工作人员") fullTime++;
      if (v[ROLE] === "兼职工作人员") partTime++;
      if (typeof v["岗位"] === "string" && v["岗位"]) posts.add(v["岗位"]);
      if (typeof v["职责数"] === "number") duties += v["职责数"];
    }
    return { staffCount: names.size, fullTime, partTime, posts: posts.size, duties };
  },
});

/**
 * Exactly one holder of `role`: `inconsistent` on each extra holder (a mistake in the sheet); a
 * post with no holder is a vacancy the office must fill, so that one is a warning (spec §2).
 */
function singleRole(rows: readonly ParsedRow<Column>[], role: string, ctx: RuleContext<Column>): Finding[] {
  const holders = rows.filter((r) => r.values[ROLE] === role);
  if (holders.length === 0) {
    return [
      ctx.finding({
        code: "inconsistent",
        severity: "warning",
        row: null,
        column: null,
        text: msg("staff.vacant", { role, column: ROLE }),
      }),
    ];
  }
  const first = holders[0];
  return holders.slice(1).map((r) =>
    ctx.finding({
      code: "inconsistent",
      row: r.row,
      column: ROLE,
      text: msg("staff.secondHolder", { role, first: first.row, holder: nameOf(first) }),
    }),
  );
}

function nameOf(r: ParsedRow<Column>): MessageParam {
  const name = r.values["姓名"];
  return typeof name === "string" && name ? msg("fragment.named", { name }) : "";
}
