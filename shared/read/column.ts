/**
 * One cell → its typed value, or the column-level problem with it (spec §1 dates, numbers,
 * enums, names, lists, village/branch, staff; §2 type, enum, range, pattern, checksum,
 * future-date, unknown-branch, unknown-staff). Kinds never re-check these.
 */
import type { CellValue } from "../workbook";
import type { FindingCode } from "../findings";
import type { ColumnDef, EnumOptions, Value } from "../kinds/types";
import type { BranchMatcher } from "../registry";
import { cellText, closest, normalizeEnumText, normalizeName, splitList } from "./text";
import { compareDates, parseDate, parseMonth, type DateParse } from "./dates";
import { parseNumber, toFen, type MoneyUnit } from "./numbers";
import { checkId18, isLandline, isMobile, normalizeId, normalizeMobile } from "./idcard";

export interface CellProblem {
  code: FindingCode;
  message: string;
  hint?: string;
}

export type CellParse = { ok: true; value: Value } | { ok: false; problem: CellProblem };

export interface ParseContext {
  asOf: string;
  date1904: boolean;
  branches: BranchMatcher;
  /** Known staff, or null when staff checks are skipped. */
  staff: ReadonlySet<string> | null;
  /** Where the staff list came from, for messages. */
  staffSource: string;
}

/** Shows a value in a message: quoted, shortened, ID numbers masked by the caller. */
export function show(v: CellValue): string {
  const text = cellText(v);
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

const ok = (value: Value): CellParse => ({ ok: true, value });
const bad = (code: FindingCode, message: string, hint?: string): CellParse => ({
  ok: false,
  problem: hint === undefined ? { code, message } : { code, message, hint },
});

/** Builds the parser of one column; parsers memoise text inputs, since ledgers repeat values. */
export function columnParser(
  def: ColumnDef,
  unit: MoneyUnit | null,
  ctx: ParseContext,
): (v: CellValue) => CellParse {
  const name = def.name;
  const type = def.type;
  switch (type.t) {
    case "text":
      return (v) => ok(cellText(v));
    case "name":
      return (v) => ok(normalizeName(cellText(v)));
    case "date":
      return memo((v) => {
        const d = parseDate(v, ctx.date1904, { monthOk: type.monthOk, asOf: ctx.asOf });
        if (!d) return ok(null);
        if (!d.ok) return dateProblem(name, v, d, type.monthOk ?? false);
        if (!type.allowFuture && compareDates(d.value, ctx.asOf) > 0) {
          return bad(
            "future-date",
            `${name} ${d.value} 晚于校验日期 ${ctx.asOf}，台账不能登记尚未发生的日期。`,
            "请核对日期是否填错了年份或月份。",
          );
        }
        return ok(d.value);
      });
    case "month":
      return memo((v) => {
        const d = parseMonth(v, ctx.date1904);
        if (!d) return ok(null);
        if (!d.ok) return dateProblem(name, v, d, true);
        return ok(d.value);
      });
    case "int":
    case "num":
      return memo((v) => {
        const units = type.t === "int" ? (type.unit ? [type.unit] : []) : type.unit ? [type.unit] : [];
        const n = parseNumber(v, units);
        if (!n) return ok(null);
        if (!n.ok)
          return bad("type", `${name}${show(v)}不是数字。`, `请填写${type.t === "int" ? "整数" : "数字"}。`);
        if (type.t === "int" && !Number.isInteger(n.value)) {
          return bad("type", `${name}${show(v)}不是整数。`, "请填写整数。");
        }
        const min = type.min ?? (type.t === "int" ? 0 : undefined);
        if (min !== undefined && n.value < min) {
          return bad("range", `${name} ${n.value} 小于允许的最小值 ${min}。`, `请填写不小于 ${min} 的数。`);
        }
        if (type.t === "num" && type.exclusiveMin !== undefined && n.value <= type.exclusiveMin) {
          return bad(
            "range",
            `${name} ${n.value} 应大于 ${type.exclusiveMin}。`,
            `请填写大于 ${type.exclusiveMin} 的数。`,
          );
        }
        if (type.max !== undefined && n.value > type.max) {
          return bad(
            "range",
            `${name} ${n.value} 大于允许的最大值 ${type.max}。`,
            `请填写不大于 ${type.max} 的数。`,
          );
        }
        return ok(n.value);
      });
    case "money": {
      // Messages name the unit of the clerk's header (投资金额（元）), not only the canonical one.
      const label = unit && unit !== type.unit ? `${name.replace(/（[^）]*）$/, "")}（${unit}）` : name;
      return memo((v) => moneyCell(v, label, unit ?? type.unit, type.unit, type.min ?? 0));
    }
    case "payment":
      return memo((v) => {
        const marker = PAYMENT_MARKERS.get(normalizeEnumText(cellText(v)));
        return marker ? ok(marker) : moneyCell(v, name, "元", "元", 0, "，或填 √（已交）、免（免交）");
      });
    case "enum": {
      const lookup = enumLookup(type.values, type.aliases);
      return memo((v) => {
        const text = cellText(v);
        const hit = lookup.get(normalizeEnumText(text)) ?? (type.combine ? combined(text, lookup) : null);
        if (hit) return ok(hit);
        return bad(
          "enum",
          `${name}${show(v)}不是规定的选项（${type.values.join("、")}）。`,
          enumHint(text, type.values, type),
        );
      });
    }
    case "list": {
      const lookup = type.values ? enumLookup(type.values, type.aliases) : null;
      return (v) => {
        const items = splitList(cellText(v));
        if (!lookup || !type.values) return ok(items);
        const values: string[] = [];
        for (const item of items) {
          const hit = lookup.get(normalizeEnumText(item));
          if (!hit) {
            return bad(
              "enum",
              `${name}中的“${item}”不是规定的选项（${type.values.join("、")}）。`,
              `${enumHint(item, type.values, type)}多个选项请用顿号分隔。`,
            );
          }
          if (!values.includes(hit)) values.push(hit);
        }
        return ok(values);
      };
    }
    case "branch":
      return memo((v) => {
        const text = cellText(v);
        const hit = ctx.branches.match(text);
        if (hit) return ok(hit);
        const near = ctx.branches.closest(text);
        return bad(
          "unknown-branch",
          `${name}${show(v)}不在本镇的村（支部）名单中。`,
          near ? `是否应为“${near}”？` : "请填写本镇的村或支部名称。",
        );
      });
    case "staff":
      return memo((v) => {
        const person = normalizeName(cellText(v));
        if (!ctx.staff || ctx.staff.has(person)) return ok(person);
        return bad(
          "unknown-staff",
          `${name}“${person}”不在${ctx.staffSource}中。`,
          staffHint(person, ctx.staff),
        );
      });
    case "staffList":
      return memo((v) => {
        const people = splitList(cellText(v)).map(normalizeName);
        if (!ctx.staff) return ok(people);
        const unknown = people.filter((p) => !ctx.staff?.has(p));
        if (!unknown.length) return ok(people);
        return bad(
          "unknown-staff",
          `${name}中的“${unknown.join("、")}”不在${ctx.staffSource}中。`,
          staffHint(unknown[0], ctx.staff),
        );
      });
    case "mobile":
      return memo((v) => {
        const text = cellText(v);
        if (!isMobile(text)) {
          return bad(
            "pattern",
            `${name}${show(v)}不是有效的手机号码。`,
            "手机号码应为 11 位数字，以 1 开头。",
          );
        }
        return ok(normalizeMobile(text));
      });
    case "phone":
      return memo((v) => {
        const text = cellText(v);
        if (isMobile(text)) return ok(normalizeMobile(text));
        if (isLandline(text)) return ok(text.normalize("NFKC").replace(/\s+/gu, ""));
        return bad(
          "pattern",
          `${name}${show(v)}不是有效的电话号码。`,
          "请填写 11 位手机号码，或带区号的固定电话，如 0350-7123456。",
        );
      });
    case "id18":
      return (v) => {
        if (typeof v === "number") {
          // Excel keeps 15 significant digits: an ID typed into a number cell has lost its end.
          return bad(
            "pattern",
            `${name}被存成了数字，后几位已经丢失。`,
            "请把该列设为“文本”格式后重新录入完整的 18 位号码。",
          );
        }
        const id = normalizeId(cellText(v));
        const check = checkId18(id);
        // Messages never show the number's digits: the cell address says which one (spec §2).
        if (!check.ok)
          return bad(check.code === "checksum" ? "checksum" : "pattern", ...idProblem(name, check.code));
        if (check.birth > ctx.asOf) {
          return bad(
            "future-date",
            `${name}中的出生日期晚于校验日期 ${ctx.asOf}，号码有误。`,
            "请对照身份证逐位核对号码（第 7–14 位为出生日期）。",
          );
        }
        return ok(id);
      };
  }
}

/** The message and hint of an ID number that fails its check, naming no digit of it. */
function idProblem(name: string, code: "pattern" | "checksum" | "birth"): [string, string] {
  if (code === "checksum")
    return [`${name}的校验位（最后一位）与前 17 位不符。`, "请对照身份证逐位核对号码。"];
  if (code === "birth")
    return [`${name}中的出生日期不是有效日期。`, "号码中的出生日期（第 7–14 位）不是有效日期，请核对。"];
  return [
    `${name}格式不对：应为 18 位，前 17 位是数字，最后一位是数字或 X。`,
    "公民身份号码应为 18 位：17 位数字加 1 位数字或 X。",
  ];
}

/** The finding for a date or month cell that could not be read (ledgers spec §1 "dates", "year-months"). */
function dateProblem(
  name: string,
  v: CellValue,
  d: Extract<DateParse, { ok: false }>,
  monthOk: boolean,
): CellParse {
  const wanted = monthOk
    ? "请填写日期或年月，如 2025-09-12、1980.02 或 1980年2月。"
    : "请填写日期，如 2025-09-12。";
  switch (d.reason) {
    case "no-year":
      return bad(
        "type",
        `${name}${show(v)}没有年份。`,
        "请写成带年份的日期，如 2025-09-12 或 2025年9月12日。",
      );
    case "no-day":
      return bad("type", `${name}${show(v)}只有年月，缺少日。`, "请填写完整的日期，如 2025-09-12。");
    case "ambiguous-month": {
      const year = cellText(v).slice(0, 4);
      return bad(
        "type",
        `${name}${show(v)}分不清是 1 月还是 10 月（Excel 会把 ${year}.10 末尾的 0 去掉）。`,
        `请以文本输入 ${year}.10 或 ${year}.01（先输入英文单引号 '，或把单元格设为文本格式）。`,
      );
    }
    case "year-only":
      return bad("type", `${name}${show(v)}只有年份。`, wanted);
    case "invalid":
      return typeof v === "number" && v < 1
        ? // A date cell before 1900 (or 1904) reaches us as a serial number Excel cannot show.
          bad("type", `${name}早于 1900 年，不是有效的日期。`, "请核对年份，填写日期，如 2025-09-12。")
        : bad("type", `${name}${show(v)}不是有效的日期。`, wanted);
  }
}

/** √ and 免 in a month's 党费 cell (ledgers spec §3 dues). */
const PAYMENT_MARKERS: ReadonlyMap<string, string> = new Map([
  ["√", "√"],
  ["✓", "√"],
  ["✔", "√"],
  ["已交", "√"],
  ["已缴", "√"],
  ["免", "免"],
  ["免交", "免"],
  ["免缴", "免"],
]);

/** An amount in `cellUnit` (a 元 / 万元 suffix in the cell wins) as 分, at least `min` of `ownUnit`. */
function moneyCell(
  v: CellValue,
  label: string,
  headerUnit: MoneyUnit,
  ownUnit: MoneyUnit,
  min: number,
  orElse = "",
): CellParse {
  let cellUnit = headerUnit;
  let input: CellValue = v;
  if (typeof v === "string") {
    const t = v.trim();
    if (t.endsWith("万元")) {
      cellUnit = "万元";
      input = t.slice(0, -2);
    } else if (t.endsWith("元")) {
      cellUnit = "元";
      input = t.slice(0, -1);
    }
  }
  const n = parseNumber(input, []);
  if (!n) return ok(null);
  if (!n.ok)
    return bad("type", `${label}${show(v)}不是金额。`, `请填写数字金额（单位：${headerUnit}）${orElse}。`);
  const fen = toFen(n.value, cellUnit);
  if (fen < toFen(min, ownUnit)) {
    return bad("range", `${label}${show(v)}不能小于 ${min}。`, "金额不能为负数，请核对。");
  }
  return ok(fen);
}

/** Separators of a combined entry (主题党日+党课, 组织生活会暨民主评议党员). */
const COMBINE_SEPARATORS = /[+＋、，,/／暨和及与]/u;

/** Every part an allowed value: the list of them (one value alone stays a string); else null. */
function combined(text: string, lookup: ReadonlyMap<string, string>): Value {
  const parts = text.split(COMBINE_SEPARATORS).map(normalizeEnumText).filter(Boolean);
  if (parts.length < 2) return null;
  const values: string[] = [];
  for (const part of parts) {
    const hit = lookup.get(part);
    if (!hit) return null;
    if (!values.includes(hit)) values.push(hit);
  }
  return values.length === 1 ? values[0] : values;
}

/**
 * The hint of a value that is not allowed: the kind's note on it, else its synonym, else the
 * nearest allowed value (text.ts `closest`: never the opposite), else the allowed values.
 */
function enumHint(text: string, values: readonly string[], options: EnumOptions): string {
  const key = normalizeEnumText(text);
  const note = lookupNormalized(options.notes, key);
  if (note) return note;
  const near = lookupNormalized(options.synonyms, key) ?? closest(key, values);
  return near ? `是否应为“${near}”？` : `请从规定的选项中选择：${values.join("、")}。`;
}

function lookupNormalized(map: Readonly<Record<string, string>> | undefined, key: string): string | null {
  if (!map) return null;
  for (const [k, v] of Object.entries(map)) if (normalizeEnumText(k) === key) return v;
  return null;
}

function staffHint(person: string, staff: ReadonlySet<string>): string {
  const near = closest(person, [...staff]);
  return near ? `是否应为“${near}”？如是新同志，请先补入人员岗位表。` : "请先把该同志补入人员岗位表。";
}

function enumLookup(
  values: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const v of values) lookup.set(normalizeEnumText(v), v);
  for (const [alias, target] of Object.entries(aliases ?? {})) lookup.set(normalizeEnumText(alias), target);
  return lookup;
}

/** Memoises a parser on string and number inputs; ledgers repeat villages, types and dates. */
function memo(parse: (v: CellValue) => CellParse): (v: CellValue) => CellParse {
  const cache = new Map<CellValue, CellParse>();
  return (v) => {
    const hit = cache.get(v);
    if (hit) return hit;
    const result = parse(v);
    if (cache.size < 20_000) cache.set(v, result);
    return result;
  };
}
