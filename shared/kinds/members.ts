/**
 * 党员花名册 (ledgers spec §3 members, a snapshot), as clerks keep it and as the party-membership
 * system exports it (所在党支部, 入党日期, 转为正式党员日期, 出生年月 1980.02). The engine checks the
 * ID number's shape, check character and uniqueness; here are the cross-cell rules. No message
 * shows a digit of an ID number, nor the birth date or gender it holds (spec §2).
 */
import type { Finding, MessageParam } from "../findings";
import { msg, type EngineText } from "../messages/engine";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow, type RuleContext } from "./types";
import { addMonths, ageOn, compareDates } from "../read/dates";
import { normalizeEnumText } from "../read/text";
import { idFacts, idMismatches } from "../rules/idnumber";
import { countBy, emptyCell, round, str } from "../rules/tally";

const ID = "公民身份号码";
const BIRTH = "出生日期";
const GENDER = "性别";
const APPLIED = "申请入党时间";
const JOINED = "入党时间";
const CONFIRMED = "转正时间";
const EXTENSION = "延长预备期";
const CATEGORY = "人员类别";

/** 党章 第一条: 年满十八岁 may apply to join the Party. */
const MIN_AGE = 18;
/** 党章 第七条: 预备期为一年. */
const PROBATION_MONTHS = 12;
/** 发展党员工作细则 第三十二条: 可以延长一次预备期，不少于半年，最长不超过一年. */
const EXTENSION_MIN_MONTHS = 6;
const EXTENSION_MAX_MONTHS = 12;
/** 细则 第十三条: 入党积极分子 are trained and examined for more than a year before they may become 发展对象. */
const DEVELOPMENT_MONTHS = 12;
/** over60 counts members older than 60 (61 and above, as the 党内统计公报 groups ages). */
const OLD_AGE = 60;

/** The months a 延长预备期 cell names (半年, 1年, 一年, 6个月); the longest allowed when unreadable. */
export function extensionMonths(text: string): number {
  const t = normalizeEnumText(text);
  if (/半年|六个月|6个月/u.test(t)) return 6;
  const months = /(\d{1,2})个?月/u.exec(t);
  if (months) return Math.min(Number(months[1]), EXTENSION_MAX_MONTHS);
  return EXTENSION_MAX_MONTHS;
}

interface Birth {
  date: string;
  /** How a message names it: the 出生日期 cell's own value, or only "the ID number's". */
  label: MessageParam;
  /** The same without the value. */
  name: MessageParam;
  /** The bracketed note of an age finding. */
  basis: MessageParam;
}

/** Dates clerks and the party-membership system write as a year and month (1980.02) are valid. */
const monthDate = { t: "date", monthOk: true } as const;

const COLUMNS = [
  { name: "姓名", type: { t: "name" }, required: true },
  {
    name: GENDER,
    type: { t: "enum", values: ["男", "女"], synonyms: { 男性: "男", 女性: "女" } },
    required: true,
  },
  {
    name: ID,
    aliases: ["身份证号", "身份证号码", "公民身份证号"],
    type: { t: "id18" },
    required: true,
    unique: true,
  },
  { name: BIRTH, aliases: ["出生年月"], type: monthDate },
  { name: "民族", type: { t: "text" } },
  { name: "学历", type: { t: "text" } },
  { name: APPLIED, aliases: ["申请入党日期"], type: monthDate },
  { name: JOINED, aliases: ["接收预备党员时间", "入党日期"], type: monthDate, required: true },
  { name: CONFIRMED, aliases: ["转正日期", "转为正式党员日期"], type: monthDate },
  { name: EXTENSION, type: { t: "text" } },
  {
    name: CATEGORY,
    aliases: ["党员类别"],
    type: { t: "enum", values: ["正式党员", "预备党员"] },
    required: true,
  },
  {
    name: "所在支部",
    aliases: ["所在党支部", "所在党组织", "党组织名称"],
    type: { t: "branch" },
    required: true,
  },
  { name: "联系电话", type: { t: "phone" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  members: fig.count("党员人数", "Members", "人"),
  byBranch: fig.counts("按支部", "By branch", "人"),
  probationary: fig.count("预备党员", "Probationary members", "人"),
  female: fig.count("女党员", "Women members", "人"),
  averageAge: fig.number("平均年龄", "Average age", "岁"),
  over60: fig.count("60 岁以上", "Over 60", "人"),
});

/** The birth date the rules use: the ID's when valid, else the 出生日期 cell. */
function birthOf(row: ParsedRow<Column>): Birth | null {
  const cell = str(row, BIRTH);
  const id = str(row, ID);
  const fromId = id !== null ? (idFacts(id)?.birth ?? null) : null;
  const own = (date: string, value: string): Birth => {
    const label = msg("fragment.columnValue", { column: BIRTH, value });
    return { date, label, name: BIRTH, basis: label };
  };
  if (fromId === null) return cell === null ? null : own(cell, cell);
  if (cell !== null && compareDates(cell, fromId) === 0) return own(fromId, cell);
  // Never the ID's date itself (ledgers spec §2): only that the rule read it from the ID.
  const fromIdLabel = msg("fragment.idBirth");
  return { date: fromId, label: fromIdLabel, name: fromIdLabel, basis: msg("fragment.idBirthBasis") };
}

/** True when `later` is not after `earlier`, or (strict = false) is before it; month precision never decides a tie. */
function outOfOrder(later: string, earlier: string, strict: boolean): boolean {
  const c = compareDates(later, earlier);
  if (c < 0) return true;
  return strict && c === 0 && later.length > 7 && earlier.length > 7;
}

function rowRules(row: ParsedRow<Column>, ctx: RuleContext<Column>): Finding[] {
  const out: Finding[] = [];
  const id = str(row, ID);
  if (id !== null) {
    for (const m of idMismatches(id, str(row, BIRTH), str(row, GENDER))) {
      out.push(
        ctx.finding({
          code: "inconsistent",
          row: row.row,
          column: m.field === "birth" ? BIRTH : GENDER,
          text: m.text,
        }),
      );
    }
  }

  const birth = birthOf(row);
  const applied = str(row, APPLIED);
  const joined = str(row, JOINED);
  const confirmed = str(row, CONFIRMED);

  // Age at application, or at 入党 when 申请入党时间 is blank or absent (党章 第一条).
  const ageColumn = applied !== null ? APPLIED : !row.invalid.has(APPLIED) ? JOINED : null;
  const ageDate = ageColumn === APPLIED ? applied : ageColumn === JOINED ? joined : null;
  if (
    birth !== null &&
    ageColumn !== null &&
    ageDate !== null &&
    compareDates(ageDate, birth.date) > 0 &&
    ageOn(birth.date, ageDate) < MIN_AGE
  ) {
    out.push(
      ctx.finding({
        code: "age",
        row: row.row,
        column: ageColumn,
        text: msg("members.underage", {
          column: ageColumn,
          value: ageDate,
          age: MIN_AGE,
          basis: birth.basis,
        }),
      }),
    );
  }

  // 出生 < 申请 ≤ 入党 < 转正, each reported on the later cell.
  const order = (
    column: Column,
    later: string | null,
    earlier: { label: MessageParam; name: MessageParam; date: string } | null,
    strict: boolean,
  ) => {
    if (later === null || earlier === null || !outOfOrder(later, earlier.date, strict)) return false;
    const params = { column, value: later, earlier: earlier.label, earlierName: earlier.name };
    out.push(
      ctx.finding({
        code: "date-order",
        row: row.row,
        column,
        text: strict ? msg("members.notAfter", params) : msg("members.before", params),
      }),
    );
    return true;
  };
  /** Another column's date as a message names it. */
  const dated = (name: Column, date: string | null) =>
    date === null ? null : { label: msg("fragment.columnValue", { column: name, value: date }), name, date };
  const appliedBad =
    applied !== null ? order(APPLIED, applied, birth, true) : order(JOINED, joined, birth, true);
  const joinedBad = order(JOINED, joined, dated(APPLIED, applied), false);
  const confirmedBad = order(CONFIRMED, confirmed, dated(JOINED, joined), true);

  const category = str(row, CATEGORY);
  if (category === "正式党员" && emptyCell(row, CONFIRMED)) {
    out.push(
      ctx.finding({
        code: "inconsistent",
        row: row.row,
        column: CONFIRMED,
        text: msg("members.fullWithoutConfirmation"),
      }),
    );
  }
  if (category === "预备党员" && confirmed !== null) {
    out.push(
      ctx.finding({
        code: "inconsistent",
        row: row.row,
        column: CONFIRMED,
        text: msg("members.probationaryConfirmed", { value: confirmed }),
      }),
    );
  }

  const extension = str(row, EXTENSION)?.trim() || null;
  if (joined !== null && confirmed !== null && !confirmedBad) {
    const text = probationOf(joined, confirmed, extension !== null);
    if (text) out.push(ctx.finding({ code: "probation", row: row.row, column: CONFIRMED, text }));
  }
  // A 预备党员 whose probation (and its extension, when filled) has run out at the as-of date.
  if (category === "预备党员" && joined !== null && confirmed === null && !row.invalid.has(CONFIRMED)) {
    const months = PROBATION_MONTHS + (extension !== null ? extensionMonths(extension) : 0);
    const expiry = addMonths(joined, months);
    if (compareDates(expiry, ctx.asOf) < 0) {
      out.push(
        ctx.finding({
          code: "probation",
          row: row.row,
          column: JOINED,
          text: msg("members.probationExpired", {
            joined,
            extension: extension !== null ? msg("fragment.extension", { value: extension }) : "",
            expiry,
          }),
        }),
      );
    }
  }

  // 发展党员: at least a year from 申请入党 to 入党 (细则 第十三条).
  if (applied !== null && joined !== null && !appliedBad && !joinedBad) {
    if (compareDates(joined, addMonths(applied, DEVELOPMENT_MONTHS)) < 0) {
      out.push(
        ctx.finding({
          code: "development",
          row: row.row,
          column: JOINED,
          text: msg("members.development", { joined, applied }),
        }),
      );
    }
  }
  return out;
}

/**
 * 预备期 (党章 第七条; 细则 第三十二条): 转正 on the day a year after 入党, or, where the probation
 * was extended (延长预备期 filled, or 转正 later), between 1½ and 2 years after it. Month
 * precision where either date is a year-month.
 */
function probationOf(joined: string, confirmed: string, extended: boolean): EngineText | null {
  const oneYear = addMonths(joined, PROBATION_MONTHS);
  const vsYear = compareDates(confirmed, oneYear);
  if (vsYear === 0) return null;
  const earliest = addMonths(joined, PROBATION_MONTHS + EXTENSION_MIN_MONTHS);
  const latest = addMonths(joined, PROBATION_MONTHS + EXTENSION_MAX_MONTHS);
  if (vsYear < 0 && !extended) return msg("members.confirmedEarly", { confirmed, joined, oneYear });
  if (compareDates(confirmed, earliest) >= 0 && compareDates(confirmed, latest) <= 0) return null;
  if (compareDates(confirmed, latest) > 0) return msg("members.confirmedLate", { confirmed, joined });
  return msg("members.confirmedOffDay", { confirmed, joined, oneYear, earliest, latest });
}

/** Figures from the cells, never from an ID's digits, so the Worker (which keeps none) gives the same. */
function summary(rows: readonly ParsedRow<Column>[], ctx: RuleContext<Column>): z.infer<typeof SUMMARY> {
  const ages: number[] = [];
  let female = 0;
  for (const row of rows) {
    const birth = str(row, BIRTH);
    if (birth !== null && compareDates(birth, ctx.asOf) <= 0) ages.push(ageOn(birth, ctx.asOf));
    if (str(row, GENDER) === "女") female++;
  }
  return {
    members: rows.length,
    byBranch: countBy(rows, "所在支部"),
    probationary: rows.filter((r) => str(r, CATEGORY) === "预备党员").length,
    female,
    averageAge: ages.length ? round(ages.reduce((a, b) => a + b, 0) / ages.length, 1) : null,
    over60: ages.filter((a) => a > OLD_AGE).length,
  };
}

export const members = defineKind({
  id: "members",
  title: "党员花名册",
  titleEn: "Party member roll",
  titles: ["党员花名册", "党员名册", "党员信息"],
  grain: "snapshot",
  scope: "branch",
  columns: COLUMNS,
  figures: SUMMARY,
  rowRules,
  summary,
});
