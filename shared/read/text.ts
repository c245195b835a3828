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

/**
 * The candidate nearest to `target`: candidates that contain it or are contained in it win,
 * then the smallest edit distance; ties go to the earlier candidate. Null when there are none.
 */
export function closest(target: string, candidates: readonly string[]): string | null {
  // A hint for a long text is no help, and edit distance grows with its square (bounded work per request).
  if (target.length > 64) return null;
  let best: string | null = null;
  let bestKey = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const contains = target !== "" && c !== "" && (c.includes(target) || target.includes(c));
    // Containment outranks any distance: shift non-containing candidates past every containing one.
    const key = levenshtein(target, c) + (contains ? 0 : 1_000_000);
    if (key < bestKey) {
      best = c;
      bestKey = key;
    }
  }
  return best;
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
