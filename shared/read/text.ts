/**
 * Text helpers: header matching, names, enum comparison, list splitting and cell text.
 * Pure functions over strings; no locale or host APIs.
 */
import type { CellValue } from "../workbook";

/** Any white space, including U+3000, NBSP, line breaks, and zero-width characters Excel users paste. */
const WS_ALL = /(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+/gu;
const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef·•]/u;

/** Header text for matching: NFKC, no white space at all, one trailing required-mark `*` dropped. */
export function normalizeHeader(s: string): string {
  const t = s.normalize("NFKC").replace(WS_ALL, "");
  return t.endsWith("*") ? t.slice(0, -1) : t;
}

/** Splits a trailing bracketed unit off a normalised header: "投资金额(万元)" → 投资金额 + 万元. */
export function splitHeaderUnit(normalized: string): { base: string; unit: string | null } {
  const m = /^(.*?)\(([^()]*)\)$/u.exec(normalized);
  if (!m || m[1] === undefined || m[2] === undefined || m[1] === "") return { base: normalized, unit: null };
  const unit = m[2].trim();
  return { base: m[1], unit: unit === "" ? null : unit };
}

/** Free text as typed: outer white space trimmed, inner runs of spaces collapsed to one. */
export function normalizeText(v: string): string {
  return v
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0\u3000]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .trim();
}

/**
 * A person's name: trimmed; white space next to a CJK character removed ("张" U+3000 "三" → 张三),
 * single spaces between Latin words kept ("Li Na").
 */
export function normalizeName(s: string): string {
  // Without any space or invisible character (most names) there is nothing to do.
  if (!/\s|\u200b|\u200c|\u200d|\u2060|\ufeff/u.test(s)) return s;
  const t = s.replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, "").trim();
  let out = "";
  const parts = t.split(/(\s+)/u);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (i % 2 === 0) {
      out += part;
      continue;
    }
    const before = parts[i - 1] ?? "";
    const after = parts[i + 1] ?? "";
    const prev = before.slice(-1);
    const next = after.slice(0, 1);
    if (prev === "" || next === "" || HAN.test(prev) || HAN.test(next)) continue;
    out += " ";
  }
  return out;
}

/** Enum values and aliases compare on NFKC text without any white space. */
export function normalizeEnumText(s: string): string {
  return s.normalize("NFKC").replace(WS_ALL, "");
}

/** Levenshtein distance over code points. */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Longer values are never fuzzy-matched: edit distance is quadratic, and a hint for a paragraph helps no one. */
const FUZZY_MAX_LENGTH = 64;

/** Characters that turn a value into its opposite (未解决 vs 已解决, 不合格 vs 合格). */
const NEGATIONS = /[未不无非没否]/gu;

function negations(s: string): string {
  return (s.match(NEGATIONS) ?? []).sort().join("");
}

function sharesCharacter(a: string, b: string): boolean {
  const chars = new Set(Array.from(a));
  return Array.from(b).some((ch) => chars.has(ch));
}

/**
 * The candidate a hint may suggest for `target` (ledgers spec §1 "enums"): one that contains it or
 * is contained in it, else the nearest by edit distance when the two share a character and differ
 * in at most a third of their characters; never one that means the opposite (a negation only one
 * of them has). Ties go to the earlier candidate. Null when none is close enough.
 */
export function closest(target: string, candidates: readonly string[]): string | null {
  if (target === "" || Array.from(target).length > FUZZY_MAX_LENGTH) return null;
  const negated = negations(target);
  let best: string | null = null;
  let bestKey = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c === "" || negations(c) !== negated) continue;
    const distance = levenshtein(target, c);
    const contains = c.includes(target) || target.includes(c);
    const near =
      sharesCharacter(target, c) && distance * 3 <= Math.max(Array.from(target).length, Array.from(c).length);
    if (!contains && !near) continue;
    // Containment outranks any distance.
    const key = distance + (contains ? 0 : 1_000_000);
    if (key < bestKey) {
      best = c;
      bestKey = key;
    }
  }
  return best;
}

/** 一月 … 十二月, 01月, 1月份, 2025年1月, 2025-01 → 1月 (ledgers spec §3 dues: month headers in every form); null otherwise. */
export function monthLabel(label: string): string | null {
  const t = label.normalize("NFKC").replace(/\s+/gu, "");
  const cn = /^(?:\d{4}年)?([一二三四五六七八九十]{1,3})月份?$/u.exec(t);
  if (cn) {
    const n = chineseNumber(cn[1] ?? "");
    return n !== null && n >= 1 && n <= 12 ? `${n}月` : null;
  }
  const m = /^(?:\d{4}年)?(\d{1,2})月份?$/u.exec(t) ?? /^\d{4}[-/.](\d{1,2})$/u.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 12 ? `${n}月` : null;
}

/** 一 … 十二 as a number; null for anything else. */
function chineseNumber(s: string): number | null {
  const digits = "一二三四五六七八九";
  if (s === "十") return 10;
  if (s.length === 1) return digits.indexOf(s) + 1 || null;
  if (s.length === 2 && s[0] === "十") return 10 + (digits.indexOf(s[1] ?? "") + 1 || NaN);
  return null;
}

/** Splits a list cell on 、 , ， ; ； / ／ and white space; empty items are dropped. */
export function splitList(s: string): string[] {
  return s
    .split(/[、,，;；/／\s\u200b\ufeff]+/u)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** A cell as text: strings trimmed, numbers as JavaScript prints them, booleans TRUE/FALSE, null "". */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  return v ? "TRUE" : "FALSE";
}

/** Null, empty, or only white space. */
export function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  if (v.length === 0) return true;
  // Fast path: most cells start with a visible character (code points above space that are not
  // the few invisible ones the slow path strips).
  const first = v.charCodeAt(0);
  if (first > 0x20 && first < 0x2000 && first !== 0xa0 && first !== 0x1680 && first !== 0x85) return false;
  if (first > 0x3000 && first !== 0xfeff) return false;
  return v.replace(WS_ALL, "") === "";
}
