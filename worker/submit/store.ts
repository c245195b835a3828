/**
 * Step 5: the new version, stored in one transaction: the masked records and raw sheet, the
 * warnings kept, the attempt and its audit entry. A guard or a unique key that stops the batch
 * means a concurrent retry of this attempt, the same sheet made current meanwhile, or another
 * branch's roll with one of these members: each gets its own answer.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { maskId, normalizeId } from "../../shared/read/idcard";
import { maskIds } from "../../shared/privacy";
import { registryStaff } from "../../shared/registry";
import type { CellValue } from "../../shared/workbook";
import type { Finding } from "../../shared/findings";
import type { SheetResult } from "../../shared/report";
import { auditStatement } from "../db/audit";
import type { YearRecord } from "../db/records";
import { idGuardStatement, unchangedGuardStatement } from "../db/guards";
import { submitStatements, type StoredRecord } from "../db/store";
import type { SubmissionRow } from "../db/submissions";
import { newId } from "../lib/crypto";
import { nowIso } from "../lib/dates";
import { straddlingWarnings } from "../lib/straddling";
import type { Attempt } from "./admit";
import { answeredBefore, type Answer } from "./earlier";
import type { Judgment } from "./judge";
import { breathe, listed } from "./refusals";
import { clashAfterRace, hmacsOf, type Roll } from "./roll";

/** The normalised rows as stored: each ID number replaced by its mask, its HMAC kept beside it. */
async function storedRecords(a: Attempt, { result }: Judgment, roll: Roll): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  for (const [i, record] of result.records.entries()) {
    const values = { ...record.values };
    let idHmac: string | null = null;
    for (const col of roll.columns) {
      const number = values[col];
      if (typeof number !== "string") continue;
      idHmac = roll.hmacOf.get(number)?.[0] ?? null;
      values[col] = maskId(number);
    }
    records.push({
      row: record.row,
      data: JSON.stringify(maskIds(values)),
      idHmac,
      idKey: idHmac ? a.keys.fingerprint : null,
    });
    if (i % 2_000 === 1_999) await breathe();
  }
  return records;
}

/** The stored copy of the raw sheet: each ID cell replaced by its mask, every other text scanned. */
async function storedSheet(a: Attempt, roll: Roll): Promise<string> {
  const { sheet } = a;
  const values: unknown[][] = [];
  for (let r = 0; r < sheet.values.length; r++) {
    const ids = roll.idsByRow.get(r + 1);
    values.push(
      sheet.values[r].map((v: CellValue) =>
        ids && (typeof v === "string" || typeof v === "number") && ids.has(normalizeId(String(v)))
          ? maskId(String(v))
          : maskIds(v),
      ),
    );
    if (r % 2_000 === 1_999) await breathe();
  }
  return JSON.stringify({
    values,
    merges: sheet.merges,
    ...(sheet.formulas ? { formulas: sheet.formulas } : {}),
    date1904: sheet.date1904,
  });
}

/**
 * The findings a stored version keeps (every one but errors): the sheet's own, and for 到村工作日志
 * the weeks this month shares with a month already held, judged across both (ledgers spec §2).
 */
export async function warningsKept(
  db: D1Database,
  a: Pick<Attempt, "kind" | "period" | "registry" | "asOf">,
  result: SheetResult,
  fallbackStaff: readonly string[] | undefined,
  /** The neighbouring months' 到村工作日志 rows, when read beforehand for many sheets. */
  fieldwork?: readonly YearRecord[],
): Promise<Finding[]> {
  const warnings = result.findings.filter((f) => f.severity !== "error");
  if (a.kind.id === "fieldwork") {
    const staff = registryStaff(a.registry) ?? (fallbackStaff?.length ? new Set(fallbackStaff) : null);
    warnings.push(
      ...(await straddlingWarnings(
        db,
        a.period,
        result.records,
        {
          asOf: a.asOf,
          registry: a.registry,
          staff,
        },
        fieldwork,
      )),
    );
  }
  return warnings;
}

export async function store(db: D1Database, a: Attempt, judgment: Judgment, roll: Roll): Promise<Answer> {
  const { user, kind, scope, period } = a;
  const { result, fallbackStaff } = judgment;
  const records = await storedRecords(a, judgment, roll);
  const sheetJson = await storedSheet(a, roll);
  const warnings = await warningsKept(db, a, result, fallbackStaff);
  const kept = listed(warnings);
  const hmacs = hmacsOf(roll);
  const guards = [unchangedGuardStatement(db, scope, kind.id, period, a.hashes)];
  if (hmacs.length) guards.push(idGuardStatement(db, kind.id, scope, period, hmacs));
  const id = newId();
  const createdAt = nowIso();
  const statements = submitStatements(
    db,
    {
      id,
      kind: kind.id,
      scope,
      period,
      submittedBy: user.id,
      onBehalf: a.onBehalf,
      createdAt,
      idempotencyKey: a.idempotencyKey,
      bodyHash: a.hashes[0],
      sheetName: a.sheetName,
      findingsJson: JSON.stringify(kept.findings),
      findingCountsJson: JSON.stringify(kept.counts),
      summaryJson: JSON.stringify(maskIds(result.summary ?? {})),
      rows: records.length,
      warnings: warnings.filter((f) => f.severity === "warning").length,
      registryVersion: a.registryVersion,
    },
    records,
    sheetJson,
    auditStatement(
      db,
      user,
      "submission.create",
      id,
      { kind: kind.id, scope, period, rows: records.length, onBehalf: a.onBehalf },
      createdAt,
    ),
    guards,
  );
  let stored: SubmissionRow | undefined;
  try {
    const out = await db.batch<SubmissionRow>(statements);
    stored = out[out.length - 1]?.results[0];
  } catch (err) {
    const again = await answeredBefore(db, a);
    if (again) return again;
    const refusal = await clashAfterRace(db, a, roll);
    if (refusal) throw refusal;
    throw err;
  }
  if (!stored) throw new Error(`submission ${id} was not read back after its batch`);
  return { row: stored, outcome: "created", status: 201 };
}
