/**
 * Row checks that compare a person's other cells with their citizen ID number (GB 11643-1999:
 * digits 7–14 are the birth date, the 17th digit is odd for 男 and even for 女). The ID's own
 * shape and check character are checked by the engine (read/column.ts); here the number is
 * already valid. A message names the cell's own value and says it disagrees, never a digit, the
 * birth date or the gender the number holds (ledgers spec §2).
 */
import { checkId18 } from "../read/idcard";
import { compareDates } from "../read/dates";
import { msg, type EngineText } from "../messages/engine";

export interface IdFacts {
  birth: string;
  gender: "男" | "女";
}

/** Birth date and gender read from a valid ID number, or null when it is not valid. */
export function idFacts(id: string): IdFacts | null {
  const check = checkId18(id);
  if (!check.ok) return null;
  return { birth: check.birth, gender: check.male ? "男" : "女" };
}

export interface IdMismatch {
  /** Which cell disagrees with the ID. */
  field: "birth" | "gender";
  /** Names the cell's own value and the ID's column, never what the ID holds. */
  text: EngineText;
}

/**
 * Where the given 出生日期 (a date, or a year-month compared at month precision) and 性别
 * disagree with the ID number; either may be null (not checked). `labels` are the column names
 * used in messages.
 */
export function idMismatches(
  id: string,
  birth: string | null,
  gender: string | null,
  labels: { id: string; birth: string; gender: string } = {
    id: "公民身份号码",
    birth: "出生日期",
    gender: "性别",
  },
): IdMismatch[] {
  const facts = idFacts(id);
  if (!facts) return [];
  const out: IdMismatch[] = [];
  if (birth !== null && compareDates(birth, facts.birth) !== 0) {
    out.push({
      field: "birth",
      text: msg("id.birthMismatch", { column: labels.birth, value: birth, idColumn: labels.id }),
    });
  }
  if (gender !== null && gender !== facts.gender) {
    out.push({
      field: "gender",
      text: msg("id.genderMismatch", { column: labels.gender, value: gender, idColumn: labels.id }),
    });
  }
  return out;
}
