import type { D1Database } from "@cloudflare/workers-types";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import {
  MAX_BODY_BYTES,
  MAX_LISTED_FINDINGS,
  MAX_ROLL_IDS,
  OFFICE_SCOPE,
  ROLL_CHECKS_PER_DAY,
  ReturnRequestSchema,
  SUBMISSION_LIMITS,
  SubmissionRequestSchema,
  YearSchema,
  sheetSize,
  type SubmissionRequest,
} from "../../shared/api";
import { validateWorkbook } from "../../shared/engine";
import type { Finding } from "../../shared/findings";
import type { Summary } from "../../shared/figures";
import { kindById } from "../../shared/kinds";
import type { KindDef } from "../../shared/kinds/types";
import { columnLetter } from "../../shared/read/cells";
import { maskId, normalizeId } from "../../shared/read/idcard";
import { maskIds, maskIdsInText } from "../../shared/privacy";
import { branchMatcher, registryStaff, type Registry } from "../../shared/registry";
import type { CellValue } from "../../shared/workbook";
import type { AppEnv, AuthUser } from "../env";
import { ApiError, badRequest, forbidden, notFound } from "../errors";
import { loadRegistry } from "../db/registry";
import { auditStatement } from "../db/audit";
import {
  attemptOf,
  attemptStatement,
  countRollCheck,
  currentGuardStatement,
  currentWithBody,
  idConflicts,
  idGuardStatement,
  listSubmissions,
  officeStaffNames,
  recordsOf,
  returnStatement,
  rollChecks,
  sheetOf,
  submissionById,
  submitStatements,
  toItem,
  toReceipt,
  unchangedGuardStatement,
  type StoredRecord,
  type SubmissionRow,
} from "../db/submissions";
import { requireRole } from "../lib/auth";
import { readBody, readQuery } from "../lib/body";
import { newId } from "../lib/crypto";
import { nowIso, todayShanghai } from "../lib/dates";
import { bodyHashes, idHmacs, idKeys, type IdKeys } from "../lib/keys";
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
    throw new ApiError(400, "unknown-branch", `“${maskIdsInText(branchInput)}”不是名册中的支部。`);
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

/** Lets the isolate answer other requests (health among them) between the steps of a long judgment. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const limitsOf = (user: AuthUser) =>
  user.role === "branch" ? SUBMISSION_LIMITS.branch : SUBMISSION_LIMITS.office;

const tooLarge = (message: string) => new ApiError(413, "too-large", message);

/** A branch token's smaller byte limit, checked before the body is parsed. */
const submissionBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  const { bytes } = limitsOf(c.get("user"));
  if (bytes >= MAX_BODY_BYTES) return next();
  return bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw tooLarge(
        `请求内容超过 ${bytes / 1024 / 1024} MB，超出一个支部台账的规模；请拆分工作表，或请镇党建办代为报送。`,
      );
    },
  })(c, next);
});

/** The first MAX_LISTED_FINDINGS findings (masked) and every finding counted by code. */
function listed(findings: readonly Finding[]) {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
  return { findings: maskIds(findings.slice(0, MAX_LISTED_FINDINGS)), counts, total: findings.length };
}

const refused = (code: string, message: string, findings: readonly Finding[], extra: object = {}) =>
  new ApiError(422, code, message, { ...extra, ...listed(findings) });

/** The stored copy of the raw sheet: each ID cell replaced by its mask, every other text scanned. */
async function storedValues(
  values: readonly (readonly CellValue[])[],
  idsByRow: ReadonlyMap<number, ReadonlySet<string>>,
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (let r = 0; r < values.length; r++) {
    const ids = idsByRow.get(r + 1);
    out.push(
      values[r].map((v) =>
        ids && (typeof v === "string" || typeof v === "number") && ids.has(normalizeId(String(v)))
          ? maskId(String(v))
          : maskIds(v),
      ),
    );
    if (r % 2_000 === 1_999) await breathe();
  }
  return out;
}

/**
 * Validates, masks and stores one submission attempt. The attempt's key answers its retries with
 * the first answer; a sheet identical to the current version makes no new version ("unchanged").
 */
async function submit(c: Context<AppEnv>, request: SubmissionRequest) {
  const db = c.env.DB;
  const user = c.get("user");
  // Free text that is stored or echoed (sheet name, idempotency key) never keeps an ID number.
  const sheetName = maskIdsInText(request.sheetName);
  const idempotencyKey = maskIdsInText(request.idempotencyKey);
  const sheet = request.sheet;
  const kind = kindById(request.kind);
  if (!kind) throw new ApiError(400, "unknown-kind", `未知的台账类型“${maskIdsInText(request.kind)}”。`);
  checkPeriod(kind, request.period);
  const period = request.period;

  const limits = limitsOf(user);
  const size = sheetSize(sheet.values);
  const split = user.role === "branch" ? "请拆分工作表，或请镇党建办代为报送。" : "请拆分工作表后再提交。";
  if (size.cells > limits.cells)
    throw tooLarge(
      `工作表“${sheetName}”有 ${size.cells} 个非空单元格，超过 ${limits.cells} 的上限；${split}`,
    );
  if (size.chars > limits.chars)
    throw tooLarge(`工作表“${sheetName}”共 ${size.chars} 个字符，超过 ${limits.chars} 的上限；${split}`);

  const { registry } = await loadRegistry(db);
  const { scope, onBehalf } = resolveScope(user, kind, request.branch, registry);
  const keys = await idKeys(c.env, db);
  const hashes = await bodyHashes(keys, JSON.stringify([kind.id, period, scope, sheetName, sheet]));
  await breathe();

  // The same attempt again (a retry): its first answer, unless the key now carries another sheet.
  const replayed = async () => {
    const first = await attemptOf(db, user.id, idempotencyKey);
    if (!first) return null;
    if (!hashes.includes(first.body_hash)) {
      throw new ApiError(409, "idempotency-conflict", "该幂等键已用于另一份不同的报送，请使用新的幂等键。");
    }
    return c.json(toReceipt(first, first.outcome), 200);
  };
  // A new attempt with the very sheet of the current version: no new version, the answer says so.
  const unchanged = async () => {
    const current = await currentWithBody(db, scope, kind.id, period, hashes);
    if (!current) return null;
    try {
      await attemptStatement(db, user.id, idempotencyKey, current.id, "unchanged", nowIso()).run();
    } catch {
      return replayed();
    }
    return c.json(toReceipt(current, "unchanged"), 200);
  };
  const earlier = (await replayed()) ?? (await unchanged());
  if (earlier) return earlier;

  const asOf = c.env.AS_OF ?? todayShanghai();
  const fallbackStaff = registryStaff(registry) ? undefined : await officeStaffNames(db);
  await breathe();
  const [result] = validateWorkbook(
    {
      sheets: [
        {
          name: sheetName,
          values: sheet.values,
          merges: sheet.merges,
          ...(sheet.formulas ? { formulas: sheet.formulas } : {}),
        },
      ],
      date1904: sheet.date1904,
    },
    // A branch's sheet holds only that branch's rows; the office may file any village's.
    { asOf, registry, fallbackStaff, branch: scope === OFFICE_SCOPE ? undefined : scope },
  );
  await breathe();
  if (!result || result.kind !== kind.id) {
    throw refused(
      "kind-mismatch",
      `工作表“${sheetName}”不是${kind.title}，未能按${kind.title}识别表头。`,
      result?.findings ?? [],
      { recognised: result?.kind ?? null },
    );
  }
  if (result.errors > 0) {
    throw refused(
      "invalid-sheet",
      `工作表“${sheetName}”有 ${result.errors} 处错误，未予接收；请改正后重新提交。`,
      result.findings,
      { errors: result.errors, warnings: result.warnings },
    );
  }

  // ID numbers: the Worker keeps a mask and an HMAC per number, never the number (interfaces spec).
  const idColumns = kind.columns.filter((col) => col.type.t === "id18").map((col) => col.name);
  const idsByRow = new Map<number, Set<string>>();
  const rowsById = new Map<string, number>();
  for (const record of result.records) {
    for (const col of idColumns) {
      const id = record.values[col];
      if (typeof id !== "string") continue;
      idsByRow.set(record.row, (idsByRow.get(record.row) ?? new Set()).add(id));
      if (!rowsById.has(id)) rowsById.set(id, record.row);
    }
  }
  const roll: Roll = {
    kind,
    scope,
    period,
    sheetName,
    values: sheet.values,
    rowsById,
    column: idColumns[0] ?? "",
  };
  const hmacOf = new Map<string, string[]>();
  if (rowsById.size) {
    await rollGate(c, roll, keys);
    for (const number of rowsById.keys()) hmacOf.set(number, await idHmacs(keys, number));
    const refusal = await rollVerdict(c, roll, await clashesOf(db, roll, hmacOf), false);
    if (refusal) throw refusal;
  }
  const allHmacs = [...hmacOf.values()].flat();

  const id = newId();
  const createdAt = nowIso();
  const records: StoredRecord[] = [];
  for (const [i, record] of result.records.entries()) {
    const values = { ...record.values };
    let idHmac: string | null = null;
    for (const col of idColumns) {
      const number = values[col];
      if (typeof number !== "string") continue;
      idHmac = hmacOf.get(number)?.[0] ?? null;
      values[col] = maskId(number);
    }
    records.push({
      row: record.row,
      data: JSON.stringify(maskIds(values)),
      idHmac,
      idKey: idHmac ? keys.fingerprint : null,
    });
    if (i % 2_000 === 1_999) await breathe();
  }
  const sheetJson = JSON.stringify({
    values: await storedValues(sheet.values, idsByRow),
    merges: sheet.merges,
    ...(sheet.formulas ? { formulas: sheet.formulas } : {}),
    date1904: sheet.date1904,
  });
  const warnings = result.findings.filter((f) => f.severity !== "error");
  // A week this month shares with a month already held is judged across both (ledgers spec §2).
  if (kind.id === "fieldwork") {
    const staff = registryStaff(registry) ?? (fallbackStaff?.length ? new Set(fallbackStaff) : null);
    warnings.push(...(await straddlingWarnings(db, period, result.records, { asOf, registry, staff })));
  }
  const kept = listed(warnings);
  const guards = [unchangedGuardStatement(db, scope, kind.id, period, hashes)];
  if (allHmacs.length) guards.push(idGuardStatement(db, kind.id, scope, period, allHmacs));
  const statements = submitStatements(
    db,
    {
      id,
      kind: kind.id,
      scope,
      period,
      submittedBy: user.id,
      onBehalf,
      createdAt,
      idempotencyKey,
      bodyHash: hashes[0],
      sheetName,
      findingsJson: JSON.stringify(kept.findings),
      findingCountsJson: JSON.stringify(kept.counts),
      summaryJson: JSON.stringify(maskIds(result.summary ?? {})),
      rows: records.length,
      warnings: warnings.filter((f) => f.severity === "warning").length,
    },
    records,
    sheetJson,
    auditStatement(
      db,
      user,
      "submission.create",
      id,
      { kind: kind.id, scope, period, rows: records.length, onBehalf },
      createdAt,
    ),
    guards,
  );
  let stored: SubmissionRow | undefined;
  try {
    const out = await db.batch<SubmissionRow>(statements);
    stored = out[out.length - 1]?.results[0];
  } catch (err) {
    // A guard or a unique key stopped the batch: a concurrent retry of this attempt, the same
    // sheet made current meanwhile, or another branch's roll with one of these members.
    const again = (await replayed()) ?? (await unchanged());
    if (again) return again;
    if (allHmacs.length) {
      const refusal = await rollVerdict(c, roll, await clashesOf(db, roll, hmacOf), true);
      if (refusal) throw refusal;
    }
    throw err;
  }
  if (!stored) throw new Error(`submission ${id} was not read back after its batch`);
  // The receipt comes from the stored row, as a replay's does, so the two are always the same.
  return c.json(toReceipt(stored, "created"), 201);
}

/** What the cross-branch check of one roll works with. */
interface Roll {
  kind: KindDef;
  scope: string;
  period: string;
  sheetName: string;
  values: readonly (readonly CellValue[])[];
  /** Normalised number → its first row. */
  rowsById: ReadonlyMap<string, number>;
  column: string;
}

/**
 * The cross-branch check of a 党员花名册 (a party member belongs to one branch's roll a year) is
 * also an oracle: does this number belong to a member? So a roll holds at most MAX_ROLL_IDS
 * numbers, a branch has ROLL_CHECKS_PER_DAY checks and refusals a day, a branch learns only how
 * many of its numbers are on other rolls (never where), and every refusal is audited.
 */
async function rollGate(c: Context<AppEnv>, roll: Roll, keys: IdKeys) {
  if (!keys.checkable) {
    throw new ApiError(
      503,
      "rekey-needed",
      "身份证号加密密钥已更换，但服务器没有旧密钥，暂不能核对党员是否已在其他支部登记，因此暂不接收党员花名册。请管理员按 docs/privacy.md 完成密钥更换。",
    );
  }
  if (roll.rowsById.size > MAX_ROLL_IDS) {
    throw refused(
      "roll-too-large",
      `工作表“${roll.sheetName}”有 ${roll.rowsById.size} 个${roll.column}，超过一个支部花名册的上限 ${MAX_ROLL_IDS} 人，未予接收。`,
      [],
    );
  }
  if (c.get("user").role !== "branch") return;
  const today = await rollChecks(c.env.DB, roll.scope, todayShanghai());
  if (today.refused >= ROLL_CHECKS_PER_DAY.refused || today.checked >= ROLL_CHECKS_PER_DAY.checked) {
    throw new ApiError(
      429,
      "too-many-rolls",
      `本支部今天已报送 ${today.checked} 份${roll.kind.title}（其中 ${today.refused} 份因身份证号重复未予接收），已达每天的上限，请明天再报送；如需核对，请联系镇党建办。`,
    );
  }
}

/** Numbers of the roll already on another branch's current roll of the period → that branch. */
async function clashesOf(db: D1Database, roll: Roll, hmacOf: ReadonlyMap<string, string[]>) {
  const owner = new Map<string, string>();
  for (const [id, hmacs] of hmacOf) for (const h of hmacs) owner.set(h, id);
  const clashes = new Map<string, string>();
  for (const { hmac, scope } of await idConflicts(db, roll.kind.id, roll.scope, roll.period, [
    ...owner.keys(),
  ])) {
    const id = owner.get(hmac);
    if (id) clashes.set(id, scope);
  }
  return clashes;
}

/** Counts the check (a branch's), and on a clash audits and returns the refusal. */
async function rollVerdict(
  c: Context<AppEnv>,
  roll: Roll,
  clashes: ReadonlyMap<string, string>,
  counted: boolean,
): Promise<ApiError | null> {
  const db = c.env.DB;
  const user = c.get("user");
  const branch = user.role === "branch";
  const count = branch
    ? [countRollCheck(db, roll.scope, todayShanghai(), counted ? 0 : 1, clashes.size ? 1 : 0)]
    : [];
  if (!clashes.size) {
    if (count.length) await db.batch(count);
    return null;
  }
  const { kind, scope, period, sheetName, column, rowsById } = roll;
  await db.batch([
    ...count,
    auditStatement(
      db,
      user,
      "submission.refused",
      null,
      { kind: kind.id, scope, period, rows: rowsById.size, clashes: clashes.size },
      nowIso(),
    ),
  ]);
  const message = `有 ${clashes.size} 个${column}已登记在本镇其他支部的${kind.title}中，未予接收。`;
  const hint = "一名党员只在一个支部登记；如有党员从其他支部转入，请联系镇党建办核对，由原支部先更新花名册。";
  // The office reads every roll anyway: it is told which rows and where; a branch only how many.
  const findings: Finding[] = branch
    ? [
        {
          code: "duplicate-key",
          severity: "error",
          sheet: sheetName,
          cell: null,
          row: null,
          column,
          message,
          hint,
        },
      ]
    : [...clashes].map(([id, other]) => {
        const row = rowsById.get(id) ?? 0;
        const index = (roll.values[row - 1] ?? []).findIndex(
          (v) => (typeof v === "string" || typeof v === "number") && normalizeId(String(v)) === id,
        );
        return {
          code: "duplicate-key",
          severity: "error",
          sheet: sheetName,
          cell: index >= 0 ? `${columnLetter(index)}${row}` : null,
          row,
          column,
          message: `${column}“${maskId(id)}”已登记在${other}的${kind.title}中。`,
          hint,
        };
      });
  findings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return refused("duplicate-key", message, findings);
}

async function visible(c: Context<AppEnv>, id: string) {
  const row = await submissionById(c.env.DB, id);
  if (!row) throw notFound("未找到该报送。");
  const user = c.get("user");
  if (user.role === "branch" && row.scope !== user.branch) throw forbidden("支部账号只能查看本支部的报送。");
  return row;
}

const notCurrent = (row: SubmissionRow) =>
  new ApiError(
    409,
    "not-current",
    row.current_version === null
      ? `这是第 ${row.version} 版，已不是当前版本，只能退回当前版本。`
      : `这是第 ${row.version} 版，当前版本是第 ${row.current_version} 版；只能退回当前版本。`,
  );

export const submissions = new Hono<AppEnv>()
  .post("/", submissionBodyLimit, async (c) => {
    const request = await readBody(c, SubmissionRequestSchema);
    await breathe();
    return submit(c, request);
  })
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
        if (!scope)
          throw new ApiError(400, "unknown-branch", `“${maskIdsInText(branchInput)}”不是名册中的支部。`);
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
      findingCounts: JSON.parse(row.finding_counts) as Record<string, number>,
      summary: JSON.parse(row.summary) as Summary,
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
    const comment = maskIdsInText((await readBody(c, ReturnRequestSchema)).comment);
    const row = await visible(c, c.req.param("id"));
    // 退回 speaks to the branch about what is current; an older version is not what it sees.
    if (row.current !== 1) throw notCurrent(row);
    const at = nowIso();
    const user = c.get("user");
    const db = c.env.DB;
    try {
      await db.batch([
        currentGuardStatement(db, row.id),
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
    } catch (err) {
      // Another version became current between the read and the update.
      const now = await submissionById(db, row.id);
      if (now && now.current !== 1) throw notCurrent(now);
      throw err;
    }
    return c.json(toItem((await submissionById(db, row.id)) ?? row));
  });
