/**
 * One cell → its typed value, or the column-level problem with it (spec §1 dates, numbers,
 * enums, names, lists, village/branch, staff; §2 type, enum, range, pattern, checksum,
 * future-date, unknown-branch, unknown-staff). Kinds never re-check these.
 */
import type { CellValue } from "../workbook";
import type { FindingCode } from "../findings";
import type { ColumnDef, Value } from "../kinds/types";
import type { BranchMatcher } from "../registry";
import { cellText, closest, normalizeEnumText, normalizeName, splitList } from "./text";
import { parseDate, parseMonth } from "./dates";
import { parseNumber, toFen } from "./numbers";
import { checkId18, isMobile, maskId, normalizeId, normalizeMobile } from "./idcard";

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
  unit: "元" | "万元" | null,
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
        const d = parseDate(v, ctx.date1904);
        if (!d) return ok(null);
        if (!d.ok) {
          return d.reason === "no-year"
            ? bad(
                "type",
                `${name}${show(v)}没有年份。`,
                "请写成带年份的日期，如 2025-09-12 或 2025年9月12日。",
              )
            : typeof v === "number" && v < 1
              ? // A date cell before 1900 (or 1904) reaches us as a serial number Excel cannot show.
                bad("type", `${name}早于 1900 年，不是有效的日期。`, "请核对年份，填写日期，如 2025-09-12。")
              : bad("type", `${name}${show(v)}不是有效的日期。`, "请填写日期，如 2025-09-12。");
        }
        if (!type.allowFuture && d.value > ctx.asOf) {
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
        if (!d.ok)
          return bad("type", `${name}${show(v)}不是有效的月份。`, "请填写月份，如 2025-09 或 2025年9月。");
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
      return memo((v) => {
        // The cell's own suffix wins, then the header's unit, then the column's.
        let cellUnit: "元" | "万元" = unit ?? type.unit;
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
          return bad(
            "type",
            `${label}${show(v)}不是金额。`,
            `请填写数字金额（单位：${unit ?? type.unit}）。`,
          );
        const fen = toFen(n.value, cellUnit);
        const min = type.min ?? 0;
        if (fen < toFen(min, type.unit)) {
          return bad("range", `${label}${show(v)}不能小于 ${min}。`, "金额不能为负数，请核对。");
        }
        return ok(fen);
      });
    }
    case "enum": {
      const lookup = enumLookup(type.values, type.aliases);
      return memo((v) => {
        const text = cellText(v);
        const hit = lookup.get(normalizeEnumText(text));
        if (hit) return ok(hit);
        const near = closest(normalizeEnumText(text), type.values);
        return bad(
          "enum",
          `${name}${show(v)}不是规定的选项（${type.values.join("、")}）。`,
          near ? `是否应为“${near}”？` : `请从下拉选项中选择。`,
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
            const near = closest(normalizeEnumText(item), type.values);
            return bad(
              "enum",
              `${name}中的“${item}”不是规定的选项（${type.values.join("、")}）。`,
              near ? `是否应为“${near}”？多个选项请用顿号分隔。` : "多个选项请用顿号分隔。",
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
        if (check.ok) return ok(id);
        return bad(check.code === "checksum" ? "checksum" : "pattern", check.message, idHint(check.code, id));
      };
  }
}

function idHint(code: "pattern" | "checksum" | "birth", id: string): string {
  if (code === "checksum") return `请逐位核对 ${maskId(id)} 的号码，校验位（最后一位）与前 17 位不符。`;
  if (code === "birth") return "号码中的出生日期（第 7–14 位）不是有效日期，请核对。";
  return "公民身份号码应为 18 位：17 位数字加 1 位数字或 X。";
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
