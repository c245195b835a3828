/**
 * Row checks that compare a person's other cells with their citizen ID number (GB 11643-1999:
 * digits 7–14 are the birth date, the 17th digit is odd for 男 and even for 女). The ID's own
 * shape and check character are checked by the engine (read/idcard.ts); here the number is
 * already valid. Messages show the number masked, never in full.
 */
import { checkId18, maskId } from "../read/idcard";

export interface IdFacts {
  birth: string;
  gender: "男" | "女";
  masked: string;
}

/** Birth date and gender read from a valid ID number, or null when it is not valid. */
export function idFacts(id: string): IdFacts | null {
  const check = checkId18(id);
  if (!check.ok) return null;
  return { birth: check.birth, gender: check.male ? "男" : "女", masked: maskId(id) };
}

export interface IdMismatch {
  /** Which cell disagrees with the ID. */
  field: "birth" | "gender";
  message: string;
  hint: string;
}

/**
 * Where the given 出生日期 and 性别 disagree with the ID number; either may be null (not
 * checked). `birthLabel` / `genderLabel` are the column names used in messages.
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
  if (birth !== null && birth !== facts.birth) {
    out.push({
      field: "birth",
      message: `${labels.birth} ${birth} 与${labels.id} ${facts.masked} 中的出生日期 ${facts.birth} 不一致。`,
      hint: `请核对${labels.birth}和${labels.id}（第 7–14 位为出生日期）。`,
    });
  }
  if (gender !== null && gender !== facts.gender) {
    out.push({
      field: "gender",
      message: `${labels.gender}“${gender}”与${labels.id} ${facts.masked} 不一致（第 17 位为奇数是男，偶数是女，此号码为${facts.gender}）。`,
      hint: `请核对${labels.gender}和${labels.id}。`,
    });
  }
  return out;
}
