/**
 * Step 4: ID numbers. The Worker keeps a mask and an HMAC per number, never the number
 * (interfaces spec). The cross-branch check of a 党员花名册 (a party member belongs to one branch's
 * roll a year) is also an oracle: does this number belong to a member? So a roll holds at most
 * MAX_ROLL_IDS numbers, a branch has ROLL_CHECKS_PER_DAY checks and refusals a day, a branch
 * learns only how many of its numbers are on other rolls (never where), and every refusal is audited.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { MAX_ROLL_IDS, ROLL_CHECKS_PER_DAY } from "../../shared/api";
import type { Finding } from "../../shared/findings";
import { columnLetter } from "../../shared/read/cells";
import { maskId, normalizeId } from "../../shared/read/idcard";
import type { SheetResult } from "../../shared/report";
import { auditStatement } from "../db/audit";
import { countRollCheck, idConflicts, rollChecks } from "../db/rolls";
import { ApiError } from "../errors";
import { nowIso, todayShanghai } from "../lib/dates";
import { idHmacs } from "../lib/keys";
import type { Attempt } from "./admit";
import { refused } from "./refusals";

/** The sheet's ID numbers and what the check made of them. */
export interface Roll {
  /** The kind's ID columns, by name (the first names the numbers in messages). */
  columns: string[];
  /** Row → its normalised numbers, so the raw sheet's ID cells are stored as masks. */
  idsByRow: Map<number, Set<string>>;
  /** Normalised number → its first row. */
  rowsById: Map<string, number>;
  /** Normalised number → its HMAC under each key in use (the current key first). */
  hmacOf: Map<string, string[]>;
}

export function rollOf(a: Attempt, result: SheetResult): Roll {
  const columns = a.kind.columns.filter((col) => col.type.t === "id18").map((col) => col.name);
  const idsByRow = new Map<number, Set<string>>();
  const rowsById = new Map<string, number>();
  for (const record of result.records) {
    for (const col of columns) {
      const id = record.values[col];
      if (typeof id !== "string") continue;
      idsByRow.set(record.row, (idsByRow.get(record.row) ?? new Set()).add(id));
      if (!rowsById.has(id)) rowsById.set(id, record.row);
    }
  }
  return { columns, idsByRow, rowsById, hmacOf: new Map() };
}

/** Every HMAC of the roll, for the guard of the storing batch. */
export const hmacsOf = (roll: Roll) => [...roll.hmacOf.values()].flat();

/** Gates the check, hashes the numbers and refuses a roll holding a member of another branch's roll. */
export async function checkRoll(db: D1Database, a: Attempt, roll: Roll): Promise<void> {
  if (!roll.rowsById.size) return;
  await gate(db, a, roll);
  for (const number of roll.rowsById.keys()) roll.hmacOf.set(number, await idHmacs(a.keys, number));
  const refusal = await verdict(db, a, roll, await clashesOf(db, a, roll), false);
  if (refusal) throw refusal;
}

/** After the storing batch failed: the refusal, when another branch's roll took one of the numbers meanwhile. */
export async function clashAfterRace(db: D1Database, a: Attempt, roll: Roll): Promise<ApiError | null> {
  if (!roll.hmacOf.size) return null;
  return verdict(db, a, roll, await clashesOf(db, a, roll), true);
}

async function gate(db: D1Database, a: Attempt, roll: Roll) {
  if (!a.keys.checkable) {
    throw new ApiError(
      "rekey-needed",
      "身份证号加密密钥已更换，但服务器没有旧密钥，暂不能核对党员是否已在其他支部登记，因此暂不接收党员花名册。请管理员按 docs/privacy.md 完成密钥更换。",
    );
  }
  if (roll.rowsById.size > MAX_ROLL_IDS) {
    throw refused(
      "roll-too-large",
      `工作表“${a.sheetName}”有 ${roll.rowsById.size} 个${roll.columns[0]}，超过一个支部花名册的上限 ${MAX_ROLL_IDS} 人，未予接收。`,
      [],
    );
  }
  if (a.user.role !== "branch") return;
  const today = await rollChecks(db, a.scope, todayShanghai());
  if (today.refused >= ROLL_CHECKS_PER_DAY.refused || today.checked >= ROLL_CHECKS_PER_DAY.checked) {
    throw new ApiError(
      "too-many-rolls",
      `本支部今天已报送 ${today.checked} 份${a.kind.title}（其中 ${today.refused} 份因身份证号重复未予接收），已达每天的上限，请明天再报送；如需核对，请联系镇党建办。`,
    );
  }
}

/** Numbers of the roll already on another branch's current roll of the period → that branch. */
async function clashesOf(db: D1Database, a: Attempt, roll: Roll) {
  const owner = new Map<string, string>();
  for (const [id, hmacs] of roll.hmacOf) for (const h of hmacs) owner.set(h, id);
  const clashes = new Map<string, string>();
  for (const { hmac, scope } of await idConflicts(db, a.kind.id, a.scope, a.period, [...owner.keys()])) {
    const id = owner.get(hmac);
    if (id) clashes.set(id, scope);
  }
  return clashes;
}

/** Counts the check (a branch's), and on a clash audits and returns the refusal. */
async function verdict(
  db: D1Database,
  a: Attempt,
  roll: Roll,
  clashes: ReadonlyMap<string, string>,
  counted: boolean,
): Promise<ApiError | null> {
  const branch = a.user.role === "branch";
  const count = branch
    ? [countRollCheck(db, a.scope, todayShanghai(), counted ? 0 : 1, clashes.size ? 1 : 0)]
    : [];
  if (!clashes.size) {
    if (count.length) await db.batch(count);
    return null;
  }
  const { kind, scope, period, sheetName } = a;
  const column = roll.columns[0];
  await db.batch([
    ...count,
    auditStatement(
      db,
      a.user,
      "submission.refused",
      null,
      { kind: kind.id, scope, period, rows: roll.rowsById.size, clashes: clashes.size },
      nowIso(),
    ),
  ]);
  const message = `有 ${clashes.size} 个${column}已登记在本镇其他支部的${kind.title}中，未予接收。`;
  const hint = "一名党员只在一个支部登记；如有党员从其他支部转入，请联系镇党建办核对，由原支部先更新花名册。";
  const clash = (cell: string | null, row: number | null, message: string): Finding => ({
    code: "duplicate-key",
    severity: "error",
    sheet: sheetName,
    cell,
    row,
    column,
    message,
    hint,
  });
  // The office reads every roll anyway: it is told which rows and where; a branch only how many.
  const findings: Finding[] = branch
    ? [clash(null, null, message)]
    : [...clashes].map(([id, other]) => {
        const row = roll.rowsById.get(id) ?? 0;
        const index = (a.sheet.values[row - 1] ?? []).findIndex(
          (v) => (typeof v === "string" || typeof v === "number") && normalizeId(String(v)) === id,
        );
        return clash(
          index >= 0 ? `${columnLetter(index)}${row}` : null,
          row,
          `${column}“${maskId(id)}”已登记在${other}的${kind.title}中。`,
        );
      });
  findings.sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
  return refused("duplicate-key", message, findings);
}
