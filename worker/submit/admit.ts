/** Step 1 of a submission: what it is, whose, where it belongs, and whether it is within bounds. */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { MAX_BODY_BYTES, SUBMISSION_LIMITS, sheetSize, type SubmissionRequest } from "../../shared/api";
import { kindById } from "../../shared/kinds";
import type { KindDef } from "../../shared/kinds/types";
import { maskIdsInText } from "../../shared/privacy";
import type { Registry } from "../../shared/registry";
import type { AppEnv, AuthUser } from "../env";
import { ApiError, badRequest } from "../errors";
import { bodyHashes, idKeys, type IdKeys } from "../lib/keys";
import { branchNamed, submissionScope } from "../lib/scope";
import { breathe, tooLarge } from "./refusals";

/** One attempt, admitted: everything the later steps judge and store. */
export interface Attempt {
  user: AuthUser;
  kind: KindDef;
  period: string;
  /** A branch's canonical name, or "office". */
  scope: string;
  onBehalf: boolean;
  /** Free text that is stored or echoed never keeps an ID number: both are masked. */
  sheetName: string;
  idempotencyKey: string;
  sheet: SubmissionRequest["sheet"];
  registry: Registry;
  /** The registry version the sheet is judged with, recorded on the submission. */
  registryVersion: number;
  asOf: string;
  keys: IdKeys;
  /** The body's keyed hashes, one per key in use: "the same sheet" under either while the key changes. */
  hashes: string[];
}

const limitsOf = (user: AuthUser) =>
  user.role === "branch" ? SUBMISSION_LIMITS.branch : SUBMISSION_LIMITS.office;

/** A branch token's smaller byte limit, checked before the body is parsed. */
export const submissionBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
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

function checkSize(user: AuthUser, sheetName: string, values: SubmissionRequest["sheet"]["values"]) {
  const limits = limitsOf(user);
  const size = sheetSize(values);
  const split = user.role === "branch" ? "请拆分工作表，或请镇党建办代为报送。" : "请拆分工作表后再提交。";
  if (size.cells > limits.cells)
    throw tooLarge(
      `工作表“${sheetName}”有 ${size.cells} 个非空单元格，超过 ${limits.cells} 的上限；${split}`,
    );
  if (size.chars > limits.chars)
    throw tooLarge(`工作表“${sheetName}”共 ${size.chars} 个字符，超过 ${limits.chars} 的上限；${split}`);
}

export async function admit(c: Context<AppEnv>, request: SubmissionRequest): Promise<Attempt> {
  const user = c.get("user");
  const sheetName = maskIdsInText(request.sheetName);
  const { registry, version: registryVersion } = await c.var.registry();
  const kind = kindById(request.kind, registry);
  if (!kind) throw new ApiError("unknown-kind", `未知的台账类型“${maskIdsInText(request.kind)}”。`);
  checkPeriod(kind, request.period);
  checkSize(user, sheetName, request.sheet.values);
  const branch = request.branch === undefined ? null : branchNamed(request.branch, registry);
  const { scope, onBehalf } = submissionScope(user, kind, branch);
  const keys = await idKeys(c.env, c.env.DB);
  const canonical = JSON.stringify([kind.id, request.period, scope, sheetName, request.sheet]);
  const hashes = await bodyHashes(keys, canonical);
  await breathe();
  return {
    user,
    kind,
    period: request.period,
    scope,
    onBehalf,
    sheetName,
    idempotencyKey: maskIdsInText(request.idempotencyKey),
    sheet: request.sheet,
    registry,
    registryVersion,
    asOf: c.get("asOf"),
    keys,
    hashes,
  };
}
