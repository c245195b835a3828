import { Hono, type Context } from "hono";
import { columnLetter } from "../../shared/read/cells";
import { z } from "zod";
import {
  OFFICE_SCOPE,
  ReturnRequestSchema,
  SubmissionRequestSchema,
  YearSchema,
  type SubmissionRequest,
} from "../../shared/api";
import { validateWorkbook } from "../../shared/engine";
import type { Finding } from "../../shared/findings";
import { kindById } from "../../shared/kinds";
import type { KindDef } from "../../shared/kinds/types";
import { branchMatcher, registryStaff, type Registry } from "../../shared/registry";
import type { AppEnv, AuthUser } from "../env";
import { ApiError, badRequest, forbidden, notFound } from "../errors";
import { loadRegistry } from "../db/registry";
import { auditStatement } from "../db/audit";
import {
  idConflicts,
  listSubmissions,
  officeStaffNames,
  recordsOf,
  returnStatement,
  sheetOf,
  submissionById,
  submissionByIdempotencyKey,
  submitStatements,
  idGuardStatement,
  toItem,
  toReceipt,
  type SubmissionRow,
  type StoredRecord,
} from "../db/submissions";
import { requireRole } from "../lib/auth";
import { readBody, readQuery } from "../lib/body";
import { hmacHex, hmacKey, newId, sha256Hex } from "../lib/crypto";
import { nowIso, todayShanghai } from "../lib/dates";
import { maskIdNumber, maskText, maskValue } from "../lib/mask";
import { straddlingWarnings } from "../lib/straddling";

/** Where a submission belongs, and whether someone other than the branch filed it. */
export function resolveScope(
  user: AuthUser,
  kind: KindDef,
  branchInput: string | undefined,
  registry: Registry,
) {
  const branch = branchInput === undefined ? null : branchMatcher(registry).match(branchInput);
  if (branchInput !== undefined && !branch)
    throw new ApiError(400, "unknown-branch", `“${branchInput}”不是名册中的支部。`);
  if (user.role === "branch") {
    if (kind.scope === "office") throw forbidden(`${kind.title}由镇党建办报送，支部账号不能提交。`);
    if (branch && branch !== user.branch) throw forbidden("支部账号只能提交本支部的台账。");
    return { scope: user.branch ?? "", onBehalf: false };
  }
  if (kind.scope === "office") {
    if (branch) throw badRequest(`${kind.title}是镇党建办的台账，不能指定支部。`);
    return { scope: OFFICE_SCOPE, onBehalf: false };
  }
  if (kind.scope === "branch" && !branch) throw badRequest(`${kind.title}按支部报送，请指定支部（branch）。`);
  return branch ? { scope: branch, onBehalf: true } : { scope: OFFICE_SCOPE, onBehalf: false };
}

function checkPeriod(kind: KindDef, period: string) {
  const monthly = kind.grain === "month";
  if (monthly !== period.length > 4) {
    throw badRequest(
      monthly
        ? `${kind.title}按月报送，周期应为 2025-09 形式。`
        : `${kind.title}按年报送，周期应为 2025 形式。`,
    );
  }
}

const refused = (code: string, message: string, findings: Finding[], extra: Record<string, unknown> = {}) =>
  new ApiError(422, code, message, { ...extra, findings: maskValue(findings) });

/** Validates, masks and stores one submission; answers the receipt (or the first one for a replayed key). */
async function submit(c: Context<AppEnv>, request: SubmissionRequest) {
  // Free text that is stored or echoed (sheet name, idempotency key) never keeps a full ID number.
  const body = {
    ...request,
    sheetName: maskText(request.sheetName),
    idempotencyKey: maskText(request.idempotencyKey),
  };
  const db = c.env.DB;
  const user = c.get("user");
  const kind = kindById(body.kind);
  if (!kind) throw new ApiError(400, "unknown-kind", `未知的台账类型“${body.kind}”。`);
  checkPeriod(kind, body.period);
  const { registry } = await loadRegistry(db);
  const { scope, onBehalf } = resolveScope(user, kind, body.branch, registry);
  const bodyHash = await sha256Hex(JSON.stringify([kind.id, body.period, scope, body.sheetName, body.sheet]));

  const replay = async () => {
    const first = await submissionByIdempotencyKey(db, user.id, body.idempotencyKey);
    if (!first) return null;
    if (first.body_hash !== bodyHash) {
      throw new ApiError(409, "idempotency-conflict", "该幂等键已用于另一份不同的报送，请使用新的幂等键。");
    }
    return c.json(toReceipt(first), 200);
  };
  const previous = await replay();
  if (previous) return previous;

  const asOf = c.env.AS_OF ?? todayShanghai();
  const fallbackStaff = registryStaff(registry) ? undefined : await officeStaffNames(db);
  const [result] = validateWorkbook(
    {
      sheets: [
        {
          name: body.sheetName,
          values: body.sheet.values,
          merges: body.sheet.merges,
          formulas: body.sheet.formulas,
        },
      ],
      date1904: body.sheet.date1904,
    },
    // A branch's sheet holds only that branch's rows; the office may file any village's.
    { asOf, registry, fallbackStaff, branch: scope === OFFICE_SCOPE ? undefined : scope },
  );
  if (!result || result.kind !== kind.id) {
    throw refused(
      "kind-mismatch",
      `工作表“${body.sheetName}”不是${kind.title}，未能按${kind.title}识别表头。`,
      result?.findings ?? [],
      {
        recognised: result?.kind ?? null,
      },
    );
  }
  if (result.errors > 0) {
    throw refused(
      "invalid-sheet",
      `工作表“${body.sheetName}”有 ${result.errors} 处错误，未予接收；请改正后重新提交。`,
      result.findings,
      {
        errors: result.errors,
        warnings: result.warnings,
      },
    );
  }

  // ID numbers: keep the masked form and an HMAC, never the number (interfaces spec "ID numbers").
  const idColumns = kind.columns.filter((col) => col.type.t === "id18").map((col) => col.name);
  let key: CryptoKey | null = null;
  if (idColumns.length) {
    if (!c.env.ID_HMAC_KEY)
      throw new ApiError(500, "not-configured", "服务器尚未配置身份证号加密密钥，暂不能接收党员花名册。");
    key = await hmacKey(c.env.ID_HMAC_KEY);
  }
  const records: StoredRecord[] = [];
  const hmacRows = new Map<string, { row: number; full: string }>();
  for (const record of result.records) {
    const values = { ...record.values };
    let idHmac: string | null = null;
    for (const col of idColumns) {
      const full = values[col];
      if (typeof full !== "string" || !key) continue;
      const normalised = full.trim().toUpperCase();
      idHmac = await hmacHex(key, normalised);
      hmacRows.set(idHmac, { row: record.row, full: normalised });
      values[col] = maskIdNumber(normalised);
    }
    records.push({ row: record.row, data: JSON.stringify(maskValue(values)), idHmac });
  }

  // A party member belongs to one branch a year: an ID in another branch's current roll of the
  // same period refuses the sheet. Checked here for a clear answer, and again inside the batch
  // (id_guard) so that two simultaneous submissions cannot both get in.
  const idRefusal = async () => {
    const conflicts = await idConflicts(db, kind.id, scope, body.period, [...hmacRows.keys()]);
    if (!conflicts.length) return null;
    const column = idColumns[0];
    const findings: Finding[] = conflicts.map(({ hmac, scope: other }) => {
      const { row, full } = hmacRows.get(hmac) ?? { row: 0, full: "" };
      const line = body.sheet.values[row - 1] ?? [];
      const index = line.findIndex((v) => v !== null && String(v).trim().toUpperCase() === full);
      return {
        code: "duplicate-key",
        severity: "error",
        sheet: body.sheetName,
        cell: index >= 0 ? `${columnLetter(index)}${row}` : null,
        row,
        column,
        message: `${column}“${maskIdNumber(full)}”已登记在${other}的${kind.title}中。`,
        hint: "一名党员只在一个支部登记；组织关系已转接的，请原支部先重新报送花名册。",
      };
    });
    findings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return refused(
      "duplicate-key",
      `有 ${findings.length} 个${column}已在其他支部的${kind.title}中登记，未予接收。`,
      findings,
    );
  };
  if (hmacRows.size) {
    const refusal = await idRefusal();
    if (refusal) throw refusal;
  }

  const id = newId();
  const createdAt = nowIso();
  const kept = result.findings.filter((f) => f.severity !== "error");
  // A week this month shares with a month already held is judged across both (ledgers spec §2).
  if (kind.id === "fieldwork") {
    const staff = registryStaff(registry) ?? (fallbackStaff?.length ? new Set(fallbackStaff) : null);
    kept.push(...(await straddlingWarnings(db, body.period, result.records, { asOf, registry, staff })));
  }
  const sheetJson = JSON.stringify(
    maskValue({ values: body.sheet.values, merges: body.sheet.merges, date1904: body.sheet.date1904 }),
  );
  const statements = submitStatements(
    db,
    {
      id,
      kind: kind.id,
      scope,
      period: body.period,
      submittedBy: user.id,
      onBehalf,
      createdAt,
      idempotencyKey: body.idempotencyKey,
      bodyHash,
      sheetName: body.sheetName,
      findingsJson: JSON.stringify(maskValue(kept)),
      summaryJson: JSON.stringify(maskValue(result.summary ?? {})),
      rows: records.length,
      warnings: kept.filter((f) => f.severity === "warning").length,
    },
    records,
    sheetJson,
    auditStatement(
      db,
      user,
      "submission.create",
      id,
      { kind: kind.id, scope, period: body.period, rows: records.length, onBehalf },
      createdAt,
    ),
  );
  if (hmacRows.size)
    statements.unshift(idGuardStatement(db, kind.id, scope, body.period, [...hmacRows.keys()]));
  let stored: SubmissionRow | undefined;
  try {
    const out = await db.batch<SubmissionRow>(statements);
    stored = out[out.length - 1]?.results[0];
  } catch (err) {
    // A concurrent request with the same key won the race: answer as a replay.
    const again = await replay();
    if (again) return again;
    // Another branch's roll with the same member landed in between: refuse as the check above would.
    if (hmacRows.size) {
      const refusal = await idRefusal();
      if (refusal) throw refusal;
    }
    throw err;
  }
  if (!stored) throw new Error(`submission ${id} was not read back after its batch`);
  // The receipt comes from the stored row, as a replay's does, so the two are always the same.
  return c.json(toReceipt(stored), 201);
}

async function visible(c: Context<AppEnv>, id: string) {
  const row = await submissionById(c.env.DB, id);
  if (!row) throw notFound("未找到该报送。");
  const user = c.get("user");
  if (user.role === "branch" && row.scope !== user.branch) throw forbidden("支部账号只能查看本支部的报送。");
  return row;
}

export const submissions = new Hono<AppEnv>()
  .post("/", async (c) => submit(c, await readBody(c, SubmissionRequestSchema)))
  .get("/", async (c) => {
    const user = c.get("user");
    const year = readQuery(c, "year", YearSchema.optional());
    const kind = readQuery(c, "kind", z.string().max(50).optional());
    const branchInput = readQuery(c, "branch", z.string().max(100).optional());
    const all = readQuery(c, "all", z.enum(["0", "1", "true", "false"]).optional());
    let scope: string | undefined;
    if (branchInput) {
      if (branchInput === OFFICE_SCOPE) scope = OFFICE_SCOPE;
      else {
        const { registry } = await loadRegistry(c.env.DB);
        scope = branchMatcher(registry).match(branchInput) ?? undefined;
        if (!scope) throw new ApiError(400, "unknown-branch", `“${branchInput}”不是名册中的支部。`);
      }
    }
    if (user.role === "branch") {
      if (scope && scope !== user.branch) throw forbidden("支部账号只能查看本支部的报送。");
      scope = user.branch ?? "";
    }
    const list = await listSubmissions(c.env.DB, { year, kind, scope, all: all === "1" || all === "true" });
    return c.json({ submissions: list });
  })
  .get("/:id", async (c) => {
    const row = await visible(c, c.req.param("id"));
    const records = await recordsOf(c.env.DB, row.id);
    const detail = {
      ...toItem(row),
      findings: JSON.parse(row.findings) as Finding[],
      summary: JSON.parse(row.summary) as Record<string, unknown>,
      records,
    };
    if (c.req.query("raw") === "1") {
      const sheet = await sheetOf(c.env.DB, row.id);
      return c.json({
        ...detail,
        sheet: sheet
          ? (JSON.parse(sheet) as { values: unknown[][]; merges: string[]; date1904: boolean })
          : undefined,
      });
    }
    return c.json(detail);
  })
  .post("/:id/return", requireRole("admin", "office"), async (c) => {
    const comment = maskText((await readBody(c, ReturnRequestSchema)).comment);
    const row = await visible(c, c.req.param("id"));
    const at = nowIso();
    const user = c.get("user");
    const db = c.env.DB;
    await db.batch([
      returnStatement(db, row.id, comment, user.id, at),
      auditStatement(
        db,
        user,
        "submission.return",
        row.id,
        { kind: row.kind, scope: row.scope, period: row.period, comment },
        at,
      ),
    ]);
    const updated = await submissionById(db, row.id);
    return c.json(toItem(updated ?? row));
  });
