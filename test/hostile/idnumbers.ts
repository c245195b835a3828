/**
 * ID numbers for the privacy tests (Node and workerd alike): valid numbers, a 党员花名册 of them,
 * and the attacker of issue 8, written independently of shared/privacy.ts: everything readable is
 * normalised as the attacker would (NFKC, spaces and invisible characters dropped, x → X) and every
 * ID number it can build is collected: whole numbers, 17-digit runs completed with their check
 * character, and masks completed with any birth date and any 4-character tail found anywhere
 * outside machine stamps (UUIDs, hex digests and date-times, whose digits say nothing of a number
 * but hold a 4-digit run often enough to make a scan of the D1 files fail by chance).
 */
import type { CellValue } from "../../shared/workbook";
import { idCheckChar } from "../fixtures/common";

/** GB 11643's check character, from the fixtures (which, like this file, do not use shared/). */
export const checkChar = idCheckChar;

/** A valid ID number of 偏关县 born on the given date; `seq` (0–99…) varies the sequence, odd = 男. */
export function idNumber(birth: string, seq: number, male: boolean): string {
  const order = String(seq * 2 + (male ? 1 : 0))
    .padStart(3, "0")
    .slice(-3);
  const first17 = `140932${birth.replace(/-/g, "")}${order}`;
  return first17 + checkChar(first17);
}

/** A 党员花名册 of the given members (all 正式党员 of `branch`), 出生日期 and 性别 agreeing with each number. */
export function membersSheet(ids: readonly string[], branch = "老牛湾村党支部") {
  const values: CellValue[][] = [
    ["2025年党员花名册"],
    ["姓名", "性别", "公民身份号码", "出生日期", "入党时间", "转正时间", "人员类别", "所在支部"],
  ];
  ids.forEach((id, i) => {
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const male = Number(id[16]) % 2 === 1;
    values.push([
      `党员${i + 1}`,
      male ? "男" : "女",
      id,
      birth,
      "2010-07-01",
      "2011-07-01",
      "正式党员",
      branch,
    ]);
  });
  return { values, merges: [] as string[], date1904: false };
}

export const isValidId = (s: string) => /^\d{17}[\dX]$/.test(s) && checkChar(s.slice(0, 17)) === s[17];

/** What an attacker makes of a text: normalised, every invisible separator gone. */
export function attackerView(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, "")
    .toUpperCase();
}

/** Dashes of every width, which an attacker drops. */
const DASHES = /[-‐‑‒–—―−]/g;

/**
 * The text with machine stamps blanked, before it is normalised (their ends are still where the
 * text put them), for the tails only:
 * - UUIDs, and hex tokens of 8 characters or more holding a letter and a digit (digests, HMACs,
 *   request and key ids): their digits say nothing of a number but hold an isolated 4-digit run
 *   often enough to complete a mask by chance. A run of digits only is kept: it may be a number.
 * - date-times (`2026-12-01 10:05:34`, `2026-12-01T10:05:34Z`): once the space is dropped, the
 *   day and the hour read as one 4-digit run (`0110`), the tail of a number born on any date.
 *   Their dates still count as birth dates: those are read from the raw text.
 */
const withoutRandomIds = (raw: string) =>
  raw
    .replace(/\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)/g, "|")
    .replace(/[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/gi, "|")
    .replace(/(?<![\da-z])[\da-f]{8,}(?![\da-z])/gi, (run) =>
      /[a-f]/i.test(run) && /\d/.test(run) ? "|" : run,
    );

/**
 * Every valid ID number the texts give away, alone or put together. With `parts: false`, only
 * numbers given whole (an 18-character run, or 17 digits completed with their check character),
 * for bytes that are not text: a database file read as Latin-1 holds 4-character runs of noise.
 */
export function rebuildableIds(
  texts: readonly string[],
  { parts = true }: { parts?: boolean } = {},
): Set<string> {
  const found = new Set<string>();
  const prefixes = new Set<string>();
  const births = new Set<string>();
  const tails = new Set<string>();
  for (const raw of texts) {
    const readable = attackerView(withoutRandomIds(raw));
    for (const [view, parts] of [
      [attackerView(raw), readable],
      [attackerView(raw).replace(DASHES, ""), readable.replace(DASHES, "")],
    ]) {
      for (const run of view.match(/\d{17,}X?/g) ?? []) {
        for (let i = 0; i + 17 <= run.length; i++) {
          const first17 = run.slice(i, i + 17);
          if (/^\d{17}$/.test(first17)) found.add(first17 + checkChar(first17));
        }
      }
      for (const m of parts.matchAll(/(\d{6})\*+([\dX]{4})?/g)) {
        prefixes.add(m[1]);
        if (m[2]) tails.add(m[2]);
      }
      for (const m of parts.matchAll(/(?<![\dX])[\dX]{4}(?![\dX])/g)) tails.add(m[0]);
    }
    for (const m of raw.matchAll(/((?:19|20)\d{2})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})/g)) {
      births.add(`${m[1]}${m[2].padStart(2, "0")}${m[3].padStart(2, "0")}`);
    }
  }
  if (parts)
    for (const p of prefixes)
      for (const b of births)
        for (const t of tails) {
          const candidate = `${p}${b}${t}`;
          if (isValidId(candidate)) found.add(candidate);
        }
  return new Set([...found].filter(isValidId));
}

/**
 * The ID numbers of `known` (18 digits, or 15 as written) that `texts` give away: any 18-character
 * run passing the checksum that is one of them, the digits after a number's first 6 anywhere in
 * the normalised text, or (unless `parts: false`, see rebuildableIds) a number rebuilt from a
 * mask, a birth date and a tail put together.
 */
export function idLeaks(
  texts: readonly string[],
  known: readonly string[],
  options: { parts?: boolean } = {},
): string[] {
  const views = texts.map(attackerView);
  const rebuilt = rebuildableIds(texts, options);
  const runs = new Set(views.flatMap((v) => v.match(/\d{17}[\dX]/g) ?? []).filter(isValidId));
  return known.filter((id) => {
    const full = id.length === 15 ? `${id.slice(0, 6)}19${id.slice(6)}` : id;
    return (
      runs.has(id) ||
      rebuilt.has(id) ||
      [...rebuilt].some((r) => r.startsWith(full.slice(0, 17))) ||
      views.some((v) => v.includes(id.slice(6)) || v.includes(full.slice(6, 17)))
    );
  });
}
