/**
 * POST /api/registry/rejudge: a year's current submissions judged again with the current registry
 * (issue 13). A dry run says whose conclusion would change and changes nothing; applying stores
 * the new findings, figures and registry version of each, in one transaction with its audit
 * entry. Records stay as they were read: only the conclusion is judged again.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { SheetBodySchema, type RejudgeResponse } from "../../shared/api";
import { kindById } from "../../shared/kinds";
import { maskIds } from "../../shared/privacy";
import type { AuthUser } from "../env";
import { auditStatement } from "../db/audit";
import type { StoredRegistry } from "../db/registry";
import { currentSubmissionsOfYear, sheetOf } from "../db/submissions";
import { nowIso } from "../lib/dates";
import { judgeSheet } from "./judge";
import { breathe, listed } from "./refusals";
import { warningsKept } from "./store";

type Conclusion = RejudgeResponse["changed"][number]["before"];

interface Stored {
  finding_counts: string;
  warnings: number;
  registry_version: number | null;
  sheet_name: string;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

export async function rejudge(
  db: D1Database,
  stored: StoredRegistry,
  year: string,
  asOf: string,
  apply: boolean,
  user: AuthUser,
): Promise<RejudgeResponse> {
  const { registry, version } = stored;
  const current = (await currentSubmissionsOfYear(db, year)).filter((s) => s.status === "submitted");
  const changed: RejudgeResponse["changed"] = [];
  const skipped: RejudgeResponse["skipped"] = [];
  const statements = [];
  let judged = 0;
  for (const s of current) {
    const place = { id: s.id, kind: s.kind, scope: s.scope, period: s.period };
    const kind = kindById(s.kind, registry);
    if (!kind) {
      skipped.push({ ...place, reason: "本镇台账已从登记信息中删除，无法按现行规则重新校验。" });
      continue;
    }
    if (kind.columns.some((c) => c.type.t === "id18")) {
      // The server keeps only masks of ID numbers (interfaces spec, "ID numbers"): it cannot check them again.
      skipped.push({
        ...place,
        reason: "服务器只保存身份证号的掩码，无法重新校验；如需按现行规则校验，请重新提交。",
      });
      continue;
    }
    const row = await db
      .prepare("SELECT finding_counts, warnings, registry_version, sheet_name FROM submissions WHERE id = ?")
      .bind(s.id)
      .first<Stored>();
    const sheetJson = await sheetOf(db, s.id);
    const sheet = sheetJson === null ? null : SheetBodySchema.safeParse(JSON.parse(sheetJson));
    if (!row || !sheet?.success) {
      skipped.push({ ...place, reason: "找不到这份台账保存的原表，无法重新校验。" });
      continue;
    }
    const attempt = { kind, period: s.period, registry, asOf, scope: s.scope };
    const { result, fallbackStaff } = await judgeSheet(db, {
      ...attempt,
      sheet: sheet.data,
      sheetName: row.sheet_name,
    });
    judged += 1;
    if (!result) continue;
    // A sheet no longer read as its kind counts as changed: every column check would refuse it.
    const findings = result.kind === kind.id ? result.findings : [];
    const errors = findings.filter((f) => f.severity === "error");
    const kept = listed([...errors, ...(await warningsKept(db, attempt, result, fallbackStaff))]);
    // A stored version had no errors: it would have been refused.
    const before: Conclusion = {
      errors: 0,
      warnings: row.warnings,
      counts: JSON.parse(row.finding_counts) as Record<string, number>,
    };
    const after: Conclusion = {
      errors: result.kind === kind.id ? errors.length : 1,
      warnings: kept.findings.filter((f) => f.severity === "warning").length,
      counts: kept.counts,
    };
    if (!sameCounts(before.counts, after.counts) || result.kind !== kind.id) {
      changed.push({ ...place, registryVersion: row.registry_version, before, after });
    }
    statements.push(
      db
        .prepare(
          `UPDATE submissions SET findings = ?, finding_counts = ?, summary = ?, warnings = ?, registry_version = ?
           WHERE id = ? AND current = 1`,
        )
        .bind(
          JSON.stringify(kept.findings),
          JSON.stringify(kept.counts),
          JSON.stringify(maskIds(result.summary ?? {})),
          after.warnings,
          version,
          s.id,
        ),
    );
    await breathe();
  }
  const message = apply
    ? `已按第 ${version} 版登记信息重新校验 ${judged} 份台账，${changed.length} 份的结论已变化。`
    : changed.length
      ? `${changed.length} 份台账的结论会变化（共重新校验 ${judged} 份）；确认后才会保存。`
      : `重新校验了 ${judged} 份台账，结论都不会变化。`;
  if (apply) {
    const at = nowIso();
    await db.batch([
      ...statements,
      auditStatement(
        db,
        user,
        "registry.rejudge",
        year,
        { registryVersion: version, judged, changed: changed.map((c) => c.id), skipped: skipped.length },
        at,
      ),
    ]);
  }
  return { year, registryVersion: version, applied: apply, judged, changed, skipped, message };
}
