/**
 * POST /api/registry/rejudge: a year's current submissions judged again with the current registry
 * (issue 13). A dry run says whose conclusion would change and changes nothing; applying stores
 * the new findings, figures and registry version of every one in one transaction with its audit
 * entry. Records stay as they were read: only the conclusion is judged again.
 *
 * A township's year is 300–600 current submissions (9 branches, monthly and quarterly ledgers), so
 * nothing here is read or written per submission. Cloudflare's limits
 * (https://developers.cloudflare.com/d1/platform/limits/, /workers/platform/limits/): 1,000 D1
 * queries per Worker invocation on Workers Paid (50 on Free), 100 bound parameters per query,
 * 100 KB per SQL statement, 2 MB per value, 50 MB per query result; 30 s of CPU per request by
 * default on Paid (configurable up to 5 min; 10 ms on Free, which Ledgerline cannot use anyway,
 * docs/scale.md). A statement inside `db.batch()` is counted here as one query, the cautious
 * reading. The queries of one request: 1 for the year's list, 1 for the office's staff names,
 * ≤ 3 for the 到村工作日志 rows that straddling weeks are judged against, 1 per chunk of sheets
 * (≤ SHEET_IDS ids, ≤ SHEET_CHARS characters), and when applying 1 per ≈ 900 KB of new
 * conclusions plus a guard and the audit entry. Measured for 1,040 submissions (bench/worker.ts,
 * test/worker/rejudge-scale.test.ts): 16 queries for the dry run, 22–27 for the apply, auth included.
 */
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { SheetBodySchema, type RejudgeResponse } from "../../shared/api";
import { kindById } from "../../shared/kinds";
import { maskIds } from "../../shared/privacy";
import type { AuthUser } from "../env";
import { ApiError } from "../errors";
import { auditStatement } from "../db/audit";
import { registryGuardStatement } from "../db/guards";
import type { YearRecord } from "../db/records";
import { loadRegistry, type StoredRegistry } from "../db/registry";
import { rejudgeCandidates, sheetsOf, type RejudgeCandidate } from "../db/submissions";
import { nowIso } from "../lib/dates";
import { fieldworkRecordsAround } from "../lib/straddling";
import { fallbackStaffOf, judgeSheetWith } from "./judge";
import { breathe, listed, tooLarge } from "./refusals";
import { warningsKept } from "./store";

type Conclusion = RejudgeResponse["changed"][number]["before"];

/** Ids per sheet query: D1 binds at most 100 parameters per query. */
export const SHEET_IDS = 90;
/** Characters of stored sheets per sheet query: a chunk's result stays far under D1's 50 MB and the isolate's 128 MB. */
export const SHEET_CHARS = 4_000_000;
/** New conclusions per UPDATE, as one JSON parameter: under D1's 2 MB per value (as records are stored, db/store.ts). */
const UPDATE_BYTES = 900_000;

const encoder = new TextEncoder();

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

/** The candidates in chunks of at most SHEET_IDS ids and SHEET_CHARS characters (a larger sheet alone). */
export function sheetChunks<T extends { sheet_chars: number }>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let chars = 0;
  for (const item of items) {
    if (chunk.length && (chunk.length >= SHEET_IDS || chars + item.sheet_chars > SHEET_CHARS)) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(item);
    chars += item.sheet_chars;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** One submission's new conclusion as stored, one item of an UPDATE's JSON parameter. */
interface NewConclusion {
  id: string;
  findings: string;
  counts: string;
  summary: string;
  warnings: number;
}

/** The new conclusions in UPDATE statements, each with one JSON parameter under UPDATE_BYTES. */
function updateStatements(db: D1Database, rows: readonly NewConclusion[], version: number) {
  const statements: D1PreparedStatement[] = [];
  const flush = (items: string[]) =>
    statements.push(
      db
        .prepare(
          `UPDATE submissions SET findings = json_extract(u.value, '$.findings'),
             finding_counts = json_extract(u.value, '$.counts'), summary = json_extract(u.value, '$.summary'),
             warnings = json_extract(u.value, '$.warnings'), registry_version = ?2
           FROM json_each(?1) AS u
           WHERE submissions.id = json_extract(u.value, '$.id') AND submissions.current = 1`,
        )
        .bind(`[${items.join(",")}]`, version),
    );
  let items: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const item = JSON.stringify(row);
    const size = encoder.encode(item).length + 1;
    if (items.length && bytes + size > UPDATE_BYTES) {
      flush(items);
      items = [];
      bytes = 2;
    }
    items.push(item);
    bytes += size;
  }
  if (items.length) flush(items);
  return statements;
}

/**
 * New conclusions held for the one transaction that stores them: far above a township's year
 * (1,040 submissions with their warnings: ≈ 2,000,000 characters) and far under the isolate's 128 MB.
 */
const APPLY_CHARS = 32_000_000;

const tooMuchToApply = () =>
  tooLarge("这一年的校验结论太多，无法在一次操作中保存，未保存任何结论；请联系技术支持。");

const registryChanged = () =>
  new ApiError("conflict", "重新校验期间登记信息已被修改，本次未保存任何结论；请重新预览后再确认。");

export async function rejudge(
  db: D1Database,
  stored: StoredRegistry,
  year: string,
  asOf: string,
  apply: boolean,
  user: AuthUser,
  /** The characters of new conclusions one apply may hold (a test sets it low to reach the 413). */
  applyChars = APPLY_CHARS,
): Promise<RejudgeResponse> {
  const { registry, version } = stored;
  const current = await rejudgeCandidates(db, year);
  const changed: RejudgeResponse["changed"] = [];
  const skipped: RejudgeResponse["skipped"] = [];
  const conclusions: NewConclusion[] = [];
  const place = (s: RejudgeCandidate) => ({ id: s.id, kind: s.kind, scope: s.scope, period: s.period });

  const judgeable: RejudgeCandidate[] = [];
  for (const s of current) {
    const kind = kindById(s.kind, registry);
    if (!kind) {
      skipped.push({ ...place(s), reason: "本镇台账已从登记信息中删除，无法按现行规则重新校验。" });
    } else if (kind.columns.some((c) => c.type.t === "id18")) {
      // The server keeps only masks of ID numbers (interfaces spec, "ID numbers"): it cannot check them again.
      skipped.push({
        ...place(s),
        reason: "服务器只保存身份证号的掩码，无法重新校验；如需按现行规则校验，请重新提交。",
      });
    } else {
      judgeable.push(s);
    }
  }

  // What does not depend on the submission is read once: the office's staff names, and the
  // 到村工作日志 rows that straddling weeks are judged against (stored rows: a re-judge changes none).
  const fallbackStaff = judgeable.length ? await fallbackStaffOf(db, registry) : undefined;
  const fieldworkMonths = judgeable.filter((s) => s.kind === "fieldwork").map((s) => s.period);
  const fieldwork: YearRecord[] = fieldworkMonths.length
    ? await fieldworkRecordsAround(db, fieldworkMonths)
    : [];

  let judged = 0;
  let heldChars = 0;
  for (const chunk of sheetChunks(judgeable)) {
    const sheets = await sheetsOf(
      db,
      chunk.map((s) => s.id),
    );
    for (const s of chunk) {
      const kind = kindById(s.kind, registry);
      const sheetJson = sheets.get(s.id);
      const sheet = sheetJson === undefined ? null : SheetBodySchema.safeParse(JSON.parse(sheetJson));
      sheets.delete(s.id);
      if (!kind || !sheet?.success) {
        skipped.push({ ...place(s), reason: "找不到这份台账保存的原表，无法重新校验。" });
        continue;
      }
      const attempt = { kind, period: s.period, registry, asOf, scope: s.scope };
      // Other requests are answered between two submissions.
      await breathe();
      const result = judgeSheetWith(
        { ...attempt, sheet: sheet.data, sheetName: s.sheet_name },
        fallbackStaff,
      );
      judged += 1;
      if (!result) continue;
      // A sheet no longer read as its kind counts as changed: every column check would refuse it.
      const findings = result.kind === kind.id ? result.findings : [];
      const errors = findings.filter((f) => f.severity === "error");
      const kept = listed([
        ...errors,
        ...(await warningsKept(db, attempt, result, fallbackStaff, fieldwork)),
      ]);
      // A stored version had no errors: it would have been refused.
      const before: Conclusion = {
        errors: 0,
        warnings: s.warnings,
        counts: JSON.parse(s.finding_counts) as Record<string, number>,
      };
      const after: Conclusion = {
        errors: result.kind === kind.id ? errors.length : 1,
        warnings: kept.findings.filter((f) => f.severity === "warning").length,
        counts: kept.counts,
      };
      if (!sameCounts(before.counts, after.counts) || result.kind !== kind.id) {
        changed.push({ ...place(s), registryVersion: s.registry_version, before, after });
      }
      if (!apply) continue;
      const conclusion = {
        id: s.id,
        findings: JSON.stringify(kept.findings),
        counts: JSON.stringify(kept.counts),
        summary: JSON.stringify(maskIds(result.summary ?? {})),
        warnings: after.warnings,
      };
      heldChars += conclusion.findings.length + conclusion.summary.length;
      if (heldChars > applyChars) throw tooMuchToApply();
      conclusions.push(conclusion);
    }
  }
  const message = apply
    ? `已按第 ${version} 版登记信息重新校验 ${judged} 份台账，${changed.length} 份的结论已变化。`
    : changed.length
      ? `${changed.length} 份台账的结论会变化（共重新校验 ${judged} 份）；确认后才会保存。`
      : `重新校验了 ${judged} 份台账，结论都不会变化。`;
  if (apply) {
    const at = nowIso();
    try {
      // One transaction: every conclusion or none, and none if the registry changed meanwhile.
      await db.batch([
        registryGuardStatement(db, version),
        ...updateStatements(db, conclusions, version),
        auditStatement(
          db,
          user,
          "registry.rejudge",
          year,
          { registryVersion: version, judged, changed: changed.map((c) => c.id), skipped: skipped.length },
          at,
        ),
      ]);
    } catch (err) {
      if ((await loadRegistry(db)).version !== version) throw registryChanged();
      throw err;
    }
  }
  return { year, registryVersion: version, applied: apply, judged, changed, skipped, message };
}
