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
import { msg, type EngineText } from "../messages/engine";

export interface CellProblem {
  code: FindingCode;
  text: EngineText;
}

export type CellParse = { ok: true; value: Value } | { ok: false; problem: CellProblem };

export interface ParseContext {
  asOf: string;
  date1904: boolean;
  branches: BranchMatcher;
  /** Known staff, or null when staff checks are skipped. */
  staff: ReadonlySet<string> | null;
  /** Where the staff list came from, for messages. */
  staffSource: EngineText;
}

/** A cell's text as a message shows it (the template quotes it): shortened to 40 characters. */
export function show(v: CellValue): string {
  const text = cellText(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const ok = (value: Value): CellParse => ({ ok: true, value });
const bad = (code: FindingCode, text: EngineText): CellParse => ({ ok: false, problem: { code, text } });

/** The finding code and message of an ID number that fails its check. */
const ID_PROBLEMS = {
  pattern: ["pattern", "id.pattern"],
  checksum: ["checksum", "id.checksum"],
  birth: ["pattern", "id.birthInvalid"],
} as const;

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
      return memo((v) => ok(cellText(v)));
    case "name":
      return memo((v) => ok(normalizeName(cellText(v))));
    case "date":
      return memo((v) => {
        const d = parseDate(v, ctx.date1904, { monthOk: type.monthOk, asOf: ctx.asOf });
        if (!d) return ok(null);
        if (!d.ok) return dateProblem(name, v, d, type.monthOk ?? false);
        if (!type.allowFuture && compareDates(d.value, ctx.asOf) > 0) {
          return bad("future-date", msg("cell.future", { column: name, value: d.value, asOf: ctx.asOf }));
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
        const cell = { column: name, value: show(v) };
        if (!n.ok) return bad("type", msg(type.t === "int" ? "cell.notWholeNumber" : "cell.notNumber", cell));
        if (type.t === "int" && !Number.isInteger(n.value)) return bad("type", msg("cell.notInteger", cell));
        const value = { column: name, value: n.value };
        const min = type.min ?? (type.t === "int" ? 0 : undefined);
        if (min !== undefined && n.value < min) return bad("range", msg("cell.belowMin", { ...value, min }));
        if (type.t === "num" && type.exclusiveMin !== undefined && n.value <= type.exclusiveMin) {
          return bad("range", msg("cell.notAbove", { ...value, min: type.exclusiveMin }));
        }
        if (type.max !== undefined && n.value > type.max) {
          return bad("range", msg("cell.aboveMax", { ...value, max: type.max }));
        }
        return ok(n.value);
      });
    case "money": {
      // Messages name the unit of the clerk's header (投资金额（元）), not only the canonical one.
      const label = unit && unit !== type.unit ? `${name.replace(/（[^）]*）$/, "")}（${unit}）` : name;
      return memo((v) => {
        const cell = moneyCell(v, label, unit ?? type.unit, type.unit, type.min ?? 0, "cell.notMoney");
        const max = type.max;
        if (max === undefined || !cell.ok || typeof cell.value !== "number") return cell;
        // A township ledger's bound is in the column's own unit, like its minimum.
        return cell.value > toFen(max, type.unit)
          ? bad("range", msg("cell.aboveMax", { column: label, value: show(v), max }))
          : cell;
      });
    }
    case "payment":
      return memo((v) => {
        const marker = PAYMENT_MARKERS.get(normalizeEnumText(cellText(v)));
        return marker ? ok(marker) : moneyCell(v, name, "元", "元", 0, "cell.notPayment");
      });
    case "enum": {
      const lookup = enumLookup(type.values, type.aliases);
      return memo((v) => {
        const text = cellText(v);
        const hit = lookup.get(normalizeEnumText(text)) ?? (type.combine ? combined(text, lookup) : null);
        if (hit) return ok(hit);
        return bad(
          "enum",
          msg("cell.notAllowed", {
            column: name,
            value: show(v),
            values: [...type.values],
            advice: enumAdvice(text, type.values, type),
          }),
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
              msg("cell.itemNotAllowed", {
                column: name,
                value: item,
                values: [...type.values],
                advice: enumAdvice(item, type.values, type),
              }),
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
        const advice = near ? msg("advice.near", { value: near }) : msg("advice.branch");
        return bad("unknown-branch", msg("cell.unknownBranch", { column: name, value: show(v), advice }));
      });
    case "staff":
      return memo((v) => {
        const person = normalizeName(cellText(v));
        if (!ctx.staff || ctx.staff.has(person)) return ok(person);
        return bad(
          "unknown-staff",
          msg("cell.unknownStaff", {
            column: name,
            value: person,
            source: ctx.staffSource,
            advice: staffAdvice(person, ctx.staff),
          }),
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
          msg("cell.unknownStaffItems", {
            column: name,
            value: unknown,
            source: ctx.staffSource,
            advice: staffAdvice(unknown[0], ctx.staff),
          }),
        );
      });
    case "mobile":
      return memo((v) => {
        const text = cellText(v);
        if (!isMobile(text)) return bad("pattern", msg("cell.notMobile", { column: name, value: show(v) }));
        return ok(normalizeMobile(text));
      });
    case "phone":
      return memo((v) => {
        const text = cellText(v);
        if (isMobile(text)) return ok(normalizeMobile(text));
        if (isLandline(text)) return ok(text.normalize("NFKC").replace(/\s+/gu, ""));
        return bad("pattern", msg("cell.notPhone", { column: name, value: show(v) }));
      });
    case "id18":
      return (v) => {
        // A 15-digit first-generation number fits a number cell whole; an 18-digit one does not.
        if (typeof v === "number" && !(Number.isSafeInteger(v) && String(v).length === 15)) {
          // Excel keeps 15 significant digits: an ID typed into a number cell has lost its end.
          return bad("pattern", msg("id.storedAsNumber", { column: name }));
        }
        const id = normalizeId(cellText(v));
        const check = checkId18(id);
        // Messages never show the number's digits: the cell address says which one (spec §2).
        if (!check.ok) {
          const [code, key] = ID_PROBLEMS[check.code];
          return bad(code, msg(key, { column: name }));
        }
        if (check.birth > ctx.asOf)
          return bad("future-date", msg("id.birthFuture", { column: name, asOf: ctx.asOf }));
        return ok(id);
      };
  }
}

/** The finding for a date or month cell that could not be read (ledgers spec §1 "dates", "year-months"). */
function dateProblem(
  name: string,
  v: CellValue,
  d: Extract<DateParse, { ok: false }>,
  monthOk: boolean,
): CellParse {
  const advice = msg(monthOk ? "advice.dateOrMonth" : "advice.date");
  const cell = { column: name, value: show(v) };
  switch (d.reason) {
    case "no-year":
      return bad("type", msg("cell.dateNoYear", cell));
    case "no-day":
      return bad("type", msg("cell.dateNoDay", cell));
    case "ambiguous-month":
      return bad("type", msg("cell.dateAmbiguousMonth", { ...cell, year: cellText(v).slice(0, 4) }));
    case "year-only":
      return bad("type", msg("cell.dateYearOnly", { ...cell, advice }));
    case "invalid":
      return typeof v === "number" && v < 1
        ? // A date cell before 1900 (or 1904) reaches us as a serial number Excel cannot show.
          bad("type", msg("cell.dateBefore1900", { column: name }))
        : bad("type", msg("cell.notDate", { ...cell, advice }));
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
  notAmount: "cell.notMoney" | "cell.notPayment",
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
  if (!n.ok) return bad("type", msg(notAmount, { column: label, value: show(v), unit: headerUnit }));
  const fen = toFen(n.value, cellUnit);
  if (fen < toFen(min, ownUnit)) {
    return bad("range", msg("cell.negativeMoney", { column: label, value: show(v), min }));
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
 * The advice on a value that is not allowed: the kind's note on it, else its synonym, else the
 * nearest allowed value (text.ts `closest`: never the opposite), else the allowed values.
 */
function enumAdvice(text: string, values: readonly string[], options: EnumOptions): EngineText {
  const key = normalizeEnumText(text);
  const note = lookupNormalized(options.notes, key);
  if (note) return note;
  const near = lookupNormalized(options.synonyms, key) ?? closest(key, values);
  return near ? msg("advice.near", { value: near }) : msg("advice.choose", { values: [...values] });
}

function lookupNormalized<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | null {
  if (!map) return null;
  for (const [k, v] of Object.entries(map)) if (normalizeEnumText(k) === key) return v;
  return null;
}

function staffAdvice(person: string, staff: ReadonlySet<string>): EngineText {
  const near = closest(person, [...staff]);
  return near ? msg("advice.staffNear", { value: near }) : msg("advice.staffAdd");
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
  let cache: Map<CellValue, CellParse> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (v) => {
    if (!cache) return parse(v);
    const hit = cache.get(v);
    lookups++;
    if (hit) {
      hits++;
      return hit;
    }
    // A column whose values rarely repeat (phone numbers, codes) only pays for the cache: after
    // a trial, it is dropped.
    if (lookups === MEMO_TRIAL && hits * 4 < lookups) cache = null;
    const result = parse(v);
    if (cache && cache.size < 20_000) cache.set(v, result);
    return result;
  };
}

/** Lookups after which a memo that hits less than a quarter of the time is dropped. */
const MEMO_TRIAL = 4096;
