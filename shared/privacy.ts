/**
 * ID numbers (公民身份号码) in any text, interfaces spec "ID numbers": the one normalisation the
 * engine reads an ID with and every scanner looks for one with, and the mask that keeps no more
 * than the first 6 characters (the region code, never the birth date or the tail).
 */

/** White space (U+3000 included), control and invisible characters: removed before an ID is read. */
const REMOVED = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Dashes that may separate the region, birth date and sequence of an ID written 6-8-4. */
const DASH = /^[-\u2010-\u2015\u2212]$/u;
const ID_CHARS = /^[0-9X]+$/;
const LONG_RUN = /[0-9]{14,}[0-9X]/;
/** 17 digits (the check character follows from them) and maybe the check character. */
const FULL_ID = /^[0-9]{17}[0-9X]?$/;
const SEVENTEEN = /[0-9]{17}/;
/**
 * A first-generation (15-digit) number as GB 11643-1999 lays it out: a province's region code
 * (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), then a birth date YYMMDD, then 3 digits.
 * It has no check character, so split by spaces it is recognised by this shape alone.
 */
const OLD_ID =
  /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])[0-9]{4}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}$/;

const normalised = new Map<string, string>();

/** One code point as the ID normalisation leaves it: NFKC, removed characters gone, `x` → `X`. */
function idChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < 0x80) {
    if (code <= 0x20 || code === 0x7f) return "";
    return code >= 0x61 && code <= 0x7a ? ch.toUpperCase() : ch;
  }
  let out = normalised.get(ch);
  if (out === undefined) {
    out = ch.normalize("NFKC").replace(REMOVED, "").toUpperCase();
    if (normalised.size < 10_000) normalised.set(ch, out);
  }
  return out;
}

/** The ID normalisation of a whole text (NFKC, white space and invisible characters removed, upper case). */
export function normalizeIdText(text: string): string {
  let out = "";
  for (const ch of text) out += idChar(ch);
  return out;
}

/** A normalised run with every character after the first 6 starred (all starred when it is that short). */
export function maskRun(run: string): string {
  const chars = Array.from(run);
  if (chars.length <= 6) return "*".repeat(chars.length);
  return chars.slice(0, 6).join("") + "*".repeat(chars.length - 6);
}

interface Group {
  /** UTF-16 offsets in the original text. */
  start: number;
  end: number;
  /** The group's characters after normalisation (digits and X). */
  text: string;
  /** Whether a dash (not only removed characters) separates it from the previous group. */
  afterDash: boolean;
}

/** Groups of digits separated only by removed characters or dashes: one chain, where an ID may hide. */
function chains(text: string): Group[][] {
  const out: Group[][] = [];
  let chain: Group[] = [];
  let group: Group | null = null;
  let dash = false;
  const close = () => {
    if (group) chain.push(group);
    group = null;
  };
  let i = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const digit = code >= 0x30 && code <= 0x39;
    const n = digit ? ch : idChar(ch);
    // An X ends an ID number (also after a space); it never starts a text's number (x1409…).
    if (digit || (n !== "" && ID_CHARS.test(n) && (group !== null || chain.length > 0 || n[0] !== "X"))) {
      if (!group) {
        group = { start: i, end: i, text: "", afterDash: dash && chain.length > 0 };
        dash = false;
      }
      group.text += n;
      group.end = i + ch.length;
    } else if (n === "" || DASH.test(n)) {
      close();
      if (n !== "") dash = true;
    } else {
      close();
      if (chain.length) out.push(chain);
      chain = [];
      dash = false;
    }
    i += ch.length;
  }
  close();
  if (chain.length) out.push(chain);
  return out;
}

/** A number split off by a space after the rest was masked (`140932198001010 011`) goes with it. */
const TAIL = 3;

/**
 * Where a text holds an ID number, in original offsets: a group of 15 or more digits (an 18- or
 * 15-digit number, a bank card, a number glued to more digits); shorter groups split only by
 * spaces or invisible characters whose digits run to 17 across them (the check character follows
 * from 17 digits), or to 15 laid out as a first-generation number; 6-8-4 (or 6-6-3, first
 * generation) digits written with dashes. A masked group takes along up to 3 characters
 * split off its end by a space; overlapping finds are merged.
 */
function idSpans(text: string): { start: number; end: number; run: string }[] {
  const spans: { first: number; last: number; chain: Group[] }[] = [];
  for (const chain of chains(text)) {
    const long = chain.map((g) => LONG_RUN.test(g.text));
    const marked: [number, number][] = [];
    chain.forEach((g, i) => {
      if (long[i]) {
        const next = chain[i + 1];
        marked.push([i, next && !next.afterDash && next.text.length <= TAIL ? i + 1 : i]);
        return;
      }
      let joined = g.text;
      // A 17-digit run starting in group i ends at most 16 groups further (each adds a digit).
      for (let j = i + 1; j < chain.length && j <= i + 17 && !long[j]; j++) {
        joined += chain[j].text;
        if (chain[j].afterDash) {
          const sixEightFour = j === i + 2 && g.text.length === 6 && chain[i + 1].text.length === 8;
          const sixSixThree =
            j === i + 2 && g.text.length === 6 && chain[i + 1].text.length === 6 && OLD_ID.test(joined);
          if ((sixEightFour && FULL_ID.test(joined)) || sixSixThree) marked.push([i, j]);
          if (j >= i + 2) break;
        } else if (SEVENTEEN.test(joined)) {
          marked.push([i, j]);
          break;
        } else if (OLD_ID.test(joined)) {
          // A 15-digit number split by spaces; more groups may still make it 17 digits long.
          marked.push([i, j]);
        }
      }
    });
    marked.sort((a, b) => a[0] - b[0]);
    for (const [first, last] of marked) {
      const prev = spans[spans.length - 1];
      if (prev && prev.chain === chain && first <= prev.last) prev.last = Math.max(prev.last, last);
      else spans.push({ first, last, chain });
    }
  }
  return spans.map(({ first, last, chain }) => ({
    start: chain[first].start,
    end: chain[last].end,
    run: chain
      .slice(first, last + 1)
      .map((g) => g.text)
      .join(""),
  }));
}

/** Any numeral at all: texts without one (most of them) skip the scan. */
const NUMERAL = /[\p{N}]/u;

/** The text with every ID number in it, however typed, replaced by its mask (`140932************`). */
export function maskIdsInText(text: string): string {
  if (!NUMERAL.test(text)) return text;
  const spans = idSpans(text);
  if (!spans.length) return text;
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + maskRun(s.run);
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * A value with every ID number masked: strings (object keys too) scanned, integers of 15 or more
 * digits (an ID typed as a number) masked as text, arrays and plain objects walked.
 */
export function maskIds<T>(value: T, maskText: (text: string) => string = maskIdsInText): T {
  if (typeof value === "string") return maskText(value) as T;
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1e14) {
    return maskRun(String(value)) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => maskIds(v, maskText)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[maskText(k)] = maskIds(v, maskText);
    return out as T;
  }
  return value;
}
