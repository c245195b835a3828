/**
 * 党员花名册 (ledgers spec §3 members, a snapshot). The engine checks the ID number's shape,
 * check character and uniqueness; here are the cross-cell rules. Messages never show a full
 * ID number (masked by rules/idnumber.ts).
 */
import type { Finding } from "../findings";
import type { KindDef, ParsedRow, RuleContext } from "./types";
import { ageOn } from "../read/dates";
import { idFacts, idMismatches } from "../rules/idnumber";
import { addYears, countBy, emptyCell, round, str } from "../rules/tally";

/** 党章 第一条: 年满十八岁 may apply to join the Party. */
const MIN_AGE = 18;
/** 党章 第七条: 预备期为一年; it may be extended once by at most one year, so two years at most. */
const PROBATION_YEARS = 1;
const PROBATION_MAX_YEARS = 2;
/** over60 counts members older than 60 (61 and above, as the 党内统计公报 groups ages). */
const OLD_AGE = 60;

/** The member's birth date: from the ID number when valid, else the 出生日期 cell. */
function birthOf(row: ParsedRow): string | null {
  const id = str(row, "公民身份号码");
  const facts = id !== null ? idFacts(id) : null;
  return facts?.birth ?? str(row, "出生日期");
}

function rowRules(row: ParsedRow, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const id = str(row, "公民身份号码");
  if (id !== null) {
    for (const m of idMismatches(id, str(row, "出生日期"), str(row, "性别"))) {
      out.push(
        ctx.finding({
          code: "inconsistent",
          row: row.row,
          column: m.field === "birth" ? "出生日期" : "性别",
          message: m.message,
          hint: m.hint,
        }),
      );
    }
  }

  const birth = birthOf(row);
  const applied = str(row, "申请入党时间");
  const joined = str(row, "入党时间");
  const confirmed = str(row, "转正时间");

  // Age at application, or at 入党 only when 申请入党时间 is left blank (党章 第一条).
  const ageColumn = applied !== null ? "申请入党时间" : emptyCell(row, "申请入党时间") ? "入党时间" : null;
  const ageDate = ageColumn === "申请入党时间" ? applied : ageColumn === "入党时间" ? joined : null;
  if (
    birth !== null &&
    ageColumn !== null &&
    ageDate !== null &&
    ageDate > birth &&
    ageOn(birth, ageDate) < MIN_AGE
  ) {
    out.push(
      ctx.finding({
        code: "age",
        row: row.row,
        column: ageColumn,
        message: `${ageColumn} ${ageDate} 时未满 ${MIN_AGE} 周岁（出生日期 ${birth}），年满十八岁方可申请入党（《中国共产党章程》第一条）。`,
        hint: "请核对出生日期和入党时间。",
      }),
    );
  }

  // 出生 < 申请 ≤ 入党 < 转正, each reported on the later cell.
  const order = (
    column: string,
    later: string | null,
    earlierLabel: string,
    earlier: string | null,
    strict: boolean,
  ) => {
    if (later === null || earlier === null) return false;
    if (strict ? later > earlier : later >= earlier) return false;
    out.push(
      ctx.finding({
        code: "date-order",
        row: row.row,
        column,
        message: `${column} ${later} ${strict ? "不晚于" : "早于"}${earlierLabel} ${earlier}，${column}应${strict ? "晚于" : "不早于"}${earlierLabel}。`,
        hint: "请核对两个日期。",
      }),
    );
    return true;
  };
  if (applied !== null) order("申请入党时间", applied, "出生日期", birth, true);
  else order("入党时间", joined, "出生日期", birth, true);
  order("入党时间", joined, "申请入党时间", applied, false);
  const confirmedBad = order("转正时间", confirmed, "入党时间", joined, true);

  const category = str(row, "人员类别");
  if (category === "正式党员" && emptyCell(row, "转正时间")) {
    out.push(
      ctx.finding({
        code: "inconsistent",
        row: row.row,
        column: "转正时间",
        message: "人员类别为“正式党员”，但没有填写转正时间。",
        hint: "请填写转正时间，或把人员类别改为“预备党员”。",
      }),
    );
  }
  if (category === "预备党员" && confirmed !== null) {
    out.push(
      ctx.finding({
        code: "inconsistent",
        row: row.row,
        column: "转正时间",
        message: `人员类别为“预备党员”，却填写了转正时间 ${confirmed}。`,
        hint: "已转正的请把人员类别改为“正式党员”；未转正的请删除转正时间。",
      }),
    );
  }

  // 党章 第七条: the probation lasts one year, extended at most once by at most one year.
  if (joined !== null && confirmed !== null && !confirmedBad) {
    const earliest = addYears(joined, PROBATION_YEARS);
    const latest = addYears(joined, PROBATION_MAX_YEARS);
    if (confirmed < earliest) {
      out.push(
        ctx.finding({
          code: "probation",
          row: row.row,
          column: "转正时间",
          message: `转正时间 ${confirmed} 距入党时间 ${joined} 不满一年，预备期为一年（《中国共产党章程》第七条）。`,
          hint: `预备期满一年应为 ${earliest} 或以后，请核对。`,
        }),
      );
    } else if (confirmed > latest) {
      out.push(
        ctx.finding({
          code: "probation",
          row: row.row,
          column: "转正时间",
          message: `转正时间 ${confirmed} 距入党时间 ${joined} 已超过两年，预备期延长最多一年（《中国共产党章程》第七条）。`,
          hint: "请核对入党时间和转正时间。",
        }),
      );
    }
  }
  if (
    category === "预备党员" &&
    joined !== null &&
    confirmed === null &&
    addYears(joined, PROBATION_MAX_YEARS) < ctx.asOf
  ) {
    out.push(
      ctx.finding({
        code: "probation",
        row: row.row,
        column: "入党时间",
        message: `预备党员入党时间为 ${joined}，已超过两年仍未转正，预备期最长不超过两年（《中国共产党章程》第七条）。`,
        hint: "请核对是否已转正（补填转正时间），或按规定及时讨论其转正问题。",
      }),
    );
  }
  return out;
}

function summary(rows: readonly ParsedRow[], ctx: RuleContext): Record<string, unknown> {
  const ages: number[] = [];
  let female = 0;
  for (const row of rows) {
    const birth = birthOf(row);
    if (birth !== null && birth <= ctx.asOf) ages.push(ageOn(birth, ctx.asOf));
    const id = str(row, "公民身份号码");
    const gender = str(row, "性别") ?? (id !== null ? (idFacts(id)?.gender ?? null) : null);
    if (gender === "女") female++;
  }
  return {
    members: rows.length,
    byBranch: countBy(rows, "所在支部"),
    probationary: rows.filter((r) => str(r, "人员类别") === "预备党员").length,
    female,
    averageAge: ages.length ? round(ages.reduce((a, b) => a + b, 0) / ages.length, 1) : null,
    over60: ages.filter((a) => a > OLD_AGE).length,
  };
}

export const members: KindDef = {
  id: "members",
  title: "党员花名册",
  titles: ["党员花名册", "党员名册", "党员信息"],
  grain: "snapshot",
  scope: "branch",
  columns: [
    { name: "姓名", type: { t: "name" }, required: true },
    { name: "性别", type: { t: "enum", values: ["男", "女"] }, required: true },
    {
      name: "公民身份号码",
      aliases: ["身份证号", "身份证号码"],
      type: { t: "id18" },
      required: true,
      unique: true,
    },
    { name: "出生日期", type: { t: "date" } },
    { name: "民族", type: { t: "text" } },
    { name: "学历", type: { t: "text" } },
    { name: "申请入党时间", type: { t: "date" } },
    { name: "入党时间", aliases: ["接收预备党员时间"], type: { t: "date" }, required: true },
    { name: "转正时间", type: { t: "date" } },
    { name: "人员类别", type: { t: "enum", values: ["正式党员", "预备党员"] }, required: true },
    { name: "所在支部", type: { t: "branch" }, required: true },
    { name: "联系电话", type: { t: "mobile" } },
  ],
  rowRules,
  summary,
};
