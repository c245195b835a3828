/**
 * Resident ID numbers (GB 11643-1999, 18 digits) and phone numbers. Messages never show an ID
 * number's digits; `maskId` is for what the Worker stores.
 */
import { maskRun, normalizeIdText } from "../privacy";
import { makeIso } from "./dates";

export type IdCheck =
  { ok: true; birth: string; male: boolean } | { ok: false; code: "pattern" | "checksum" | "birth" };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/**
 * NFKC (full-width digits), no white space or invisible characters, upper-case X (the privacy
 * scanner's own); then a leading apostrophe dropped (Excel's text marker, written into the cell by
 * some exports), and a 15-digit first-generation number (GB 11643-1989, born 19xx) written in its
 * 18-digit form, so both forms of one person's number are one number for every check and the HMAC.
 */
export function normalizeId(text: string): string {
  const s = normalizeIdText(text).replace(/^['‘’]+/u, "");
  if (!/^\d{15}$/u.test(s)) return s;
  const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/** The check character GB 11643 gives for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? "";
}

/** The first 6 characters kept, the rest starred: 140932************ (no birth date, no tail). */
export function maskId(id: string): string {
  return maskRun(normalizeId(id));
}

/** Checks an 18-digit ID number: pattern, then check digit, then the birth date inside it. */
export function checkId18(id: string): IdCheck {
  const s = normalizeId(id);
  // What is wrong, never which digits: the engine's messages name no digit of it (ledgers spec §2).
  if (!/^\d{17}[\dX]$/u.test(s)) return { ok: false, code: "pattern" };
  if (idCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, code: "checksum" };
  const birth = makeIso(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
  if (!birth || birth < "1900-01-01") return { ok: false, code: "birth" };
  return { ok: true, birth, male: Number(s[16]) % 2 === 1 };
}

/** Digits only, spaces/hyphens/brackets removed, and a +86 / 0086 / 86 country prefix dropped. */
export function normalizeMobile(s: string): string {
  // Plain ASCII digits (most cells) need no normalising.
  let t = /^[0-9]*$/.test(s) ? s : s.normalize("NFKC").replace(/[\s\u200b\ufeff\-\u2010-\u2015()]+/gu, "");
  if (t.startsWith("+86")) t = t.slice(3);
  else if (t.startsWith("0086") && t.length === 15) t = t.slice(4);
  else if (t.startsWith("86") && t.length === 13) t = t.slice(2);
  return t;
}

/** A mainland mobile number: 11 digits starting 13–19. */
export function isMobile(s: string): boolean {
  return /^1[3-9]\d{9}$/u.test(normalizeMobile(s));
}

/** A mainland landline: 7 or 8 digits not starting with 0 or 1, after an optional area code (0350-7123456, 7123456). */
export function isLandline(s: string): boolean {
  const t = s.normalize("NFKC").replace(/[\s\u200b\ufeff()（）]+/gu, "");
  return /^(?:0\d{2,3}-?)?[2-9]\d{6,7}$/u.test(t);
}
