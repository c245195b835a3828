/**
 * The HTTP API's request and response bodies (interfaces spec "HTTP API"), as zod schemas used by
 * the Worker (to validate what arrives) and by its clients, the pane and the CLI (to read answers).
 */
import { z } from "zod";
import { FindingSchema } from "./findings";
import { LEDGER_PERIOD_PATTERN, YEAR_PATTERN } from "./period";
import { OFFICE_LABEL, OFFICE_SCOPE, RegistrySchema } from "./registry";
import { CellValueSchema, MAX_CELL_TEXT, type CellValue } from "./workbook";
import { StoredRowSchema, ValueSchema } from "./kinds/types";
import { SummarySchema } from "./figures";

export { OFFICE_LABEL, OFFICE_SCOPE, MAX_CELL_TEXT };
/** Request bodies above this are refused with 413; a 10,000-row × 13-column sheet is ≈ 3 MB. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** More rows than any village ledger holds; keeps one re-validation well inside 128 MB of Worker memory. */
export const MAX_SHEET_ROWS = 50_000;
export const MAX_SHEET_COLUMNS = 512;

/**
 * What one submission may hold (413 above): request bytes, non-empty cells and characters of
 * text. A branch's own ledgers stay far below its limits (a 300-member 党费 roll is ≈ 6,000
 * cells), which keep the judgment of the worst sheet a branch token can send to a fraction of a
 * second (docs/privacy.md); the office may file township-wide ledgers.
 */
export const SUBMISSION_LIMITS = {
  branch: { bytes: 4 * 1024 * 1024, cells: 10_000, chars: 1_000_000 },
  office: { bytes: MAX_BODY_BYTES, cells: 300_000, chars: 8_000_000 },
} as const;

/** A refusal (422) carries this many findings, and a submission stores this many, with counts per code. */
export const MAX_LISTED_FINDINGS = 1_000;

/** Rows of one 党员花名册 checked against the other branches' rolls: more than any branch has. */
export const MAX_ROLL_IDS = 1_000;
/** A branch's rolls checked against the other branches' in one day, and of those refused for a clash. */
export const ROLL_CHECKS_PER_DAY = { checked: 10, refused: 3 } as const;

/** Non-empty cells and characters of text of a sheet, the figures SUBMISSION_LIMITS bound. */
export function sheetSize(values: readonly (readonly CellValue[])[]): { cells: number; chars: number } {
  let cells = 0;
  let chars = 0;
  for (const row of values) {
    for (const v of row) {
      if (v === null || v === "") continue;
      cells += 1;
      if (typeof v === "string") chars += v.length;
    }
  }
  return { cells, chars };
}

export const ROLES = ["admin", "office", "branch"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const PeriodSchema = z.string().regex(LEDGER_PERIOD_PATTERN, "周期格式应为 2025 或 2025-09");
export const YearSchema = z.string().regex(YEAR_PATTERN, "年份格式应为 2025");
export const DateSchema = z.iso.date({ message: "日期格式应为 2025-10-01" });

/** A switch of the query string (`?all=1`): on for 1 or true. */
const FlagSchema = z
  .enum(["0", "1", "true", "false"], { message: "应为 1 或 0" })
  .optional()
  .transform((v) => v === "1" || v === "true");

/** `?year=`: the year of the routes that answer for one year (default: the as-of year). */
export const YearQuerySchema = z.object({ year: YearSchema.optional() });
/** GET /api/submissions: filters, and `all` for every version instead of the current ones. */
export const SubmissionListQuerySchema = z.object({
  year: YearSchema.optional(),
  kind: z.string().max(50).optional(),
  /** A branch's name or alias, or "office". */
  branch: z.string().max(100).optional(),
  all: FlagSchema,
});
/** GET /api/submissions/:id: `raw` adds the stored raw sheet. */
export const SubmissionQuerySchema = z.object({ raw: FlagSchema });
/** GET /api/audit: Shanghai dates, inclusive. */
export const AuditQuerySchema = z.object({ from: DateSchema.optional(), to: DateSchema.optional() });

/** The problem with one cell value, or null when it is a cell `CellValueSchema` accepts. */
function cellProblem(v: unknown): string | null {
  if (v === null || typeof v === "boolean") return null;
  if (typeof v === "number") return Number.isFinite(v) ? null : "数字无效";
  if (typeof v === "string")
    return v.length <= MAX_CELL_TEXT ? null : `单元格文字不能超过 ${MAX_CELL_TEXT} 个字符`;
  return "单元格只能是文字、数字、逻辑值或空";
}

/**
 * Rows of cells, checked by one loop instead of a schema per cell: a union per cell costs
 * ≈ 0.3 µs, a third of a second for a million cells, all of it blocking the Worker.
 */
const SheetValuesSchema = z
  .custom<CellValue[][]>(Array.isArray, "values 应为二维数组")
  .superRefine((rows, ctx) => {
    if (rows.length > MAX_SHEET_ROWS) {
      ctx.addIssue({ code: "custom", message: `工作表不能超过 ${MAX_SHEET_ROWS} 行` });
      return;
    }
    for (let r = 0; r < rows.length; r++) {
      const row: unknown = rows[r];
      if (!Array.isArray(row) || row.length > MAX_SHEET_COLUMNS) {
        ctx.addIssue({
          code: "custom",
          path: [r],
          message: `每行应为不超过 ${MAX_SHEET_COLUMNS} 个单元格的数组`,
        });
        return;
      }
      for (let col = 0; col < row.length; col++) {
        const problem = cellProblem(row[col]);
        if (problem) {
          ctx.addIssue({ code: "custom", path: [r, col], message: problem });
          return;
        }
      }
    }
  });

/** A sheet as read from the workbook: the engine's `SheetInput` without its name. */
export const SheetBodySchema = z
  .object({
    values: SheetValuesSchema,
    merges: z
      .array(
        z.string().regex(/^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?$/, "合并区域应为 A1:B2 形式"),
      )
      .max(100_000)
      .default([]),
    /** Cells holding formulas (the engine's `SheetInput.formulas`), A1 cells or ranges. */
    formulas: z
      .array(
        z.string().regex(/^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?$/, "公式区域应为 A1:B2 形式"),
      )
      .max(100_000)
      .optional(),
    date1904: z.boolean().default(false),
  })
  .strict();

export const SubmissionRequestSchema = z
  .object({
    kind: z.string().min(1).max(50),
    period: PeriodSchema,
    /** A branch name or alias; absent for the office's own ledgers or a branch's own submission. */
    branch: z.string().min(1).max(100).optional(),
    sheetName: z.string().min(1).max(100),
    sheet: SheetBodySchema,
    /** Names one attempt (one click, one run); only that attempt's retries reuse it. */
    idempotencyKey: z.string().min(8).max(200),
  })
  .strict();
export type SubmissionRequest = z.infer<typeof SubmissionRequestSchema>;

export const SubmissionStatusSchema = z.enum(["submitted", "returned"]);

/** Findings per code, counted before the list was cut to MAX_LISTED_FINDINGS. */
export const FindingCountsSchema = z.record(z.string(), z.number().int());

/**
 * What an attempt did: `created` a new version, or found its sheet `unchanged` from the current
 * version (no new version; the receipt names the current one). A retry of the same attempt gets
 * the same answer. `current`, `currentVersion`, `status` and `returnComment` are as of the answer,
 * so no client shows a version as new once another has replaced it.
 */
/** The township's receipt number of a submission: short enough to read over the phone (the id stays the UUID). */
export const ReceiptNoSchema = z.number().int().positive();

export const ReceiptSchema = z.object({
  id: z.string(),
  receiptNo: ReceiptNoSchema,
  kind: z.string(),
  /** A branch's canonical name or "office". */
  scope: z.string(),
  period: z.string(),
  version: z.number().int(),
  rows: z.number().int(),
  /** Number of warnings stored with the submission. */
  warnings: z.number().int(),
  onBehalf: z.boolean(),
  createdAt: z.string(),
  /** The stored findings (warnings), at most MAX_LISTED_FINDINGS; `findingCounts` counts them all. */
  findings: z.array(FindingSchema),
  findingCounts: FindingCountsSchema,
  outcome: z.enum(["created", "unchanged"]),
  current: z.boolean(),
  /** The current version of this ledger now (null when the office has none current). */
  currentVersion: z.number().int().nullable(),
  status: SubmissionStatusSchema,
  returnComment: z.string().nullable(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** `details` of a 422: the first MAX_LISTED_FINDINGS findings, and every finding counted by code. */
export const RefusalDetailsSchema = z.object({
  findings: z.array(FindingSchema),
  counts: FindingCountsSchema,
  total: z.number().int(),
});

export const SubmissionItemSchema = z.object({
  id: z.string(),
  receiptNo: ReceiptNoSchema,
  kind: z.string(),
  scope: z.string(),
  period: z.string(),
  version: z.number().int(),
  current: z.boolean(),
  status: SubmissionStatusSchema,
  returnComment: z.string().nullable(),
  returnedAt: z.string().nullable(),
  submittedBy: z.string(),
  onBehalf: z.boolean(),
  createdAt: z.string(),
  sheetName: z.string(),
  rows: z.number().int(),
  warnings: z.number().int(),
  /** The registry version it was judged with (null: stored before versions were recorded). */
  registryVersion: z.number().int().nullable().optional(),
});
export type SubmissionItem = z.infer<typeof SubmissionItemSchema>;

export const SubmissionListSchema = z.object({ submissions: z.array(SubmissionItemSchema) });

export const SubmissionDetailSchema = SubmissionItemSchema.extend({
  findings: z.array(FindingSchema),
  findingCounts: FindingCountsSchema,
  summary: SummarySchema,
  records: z.array(StoredRowSchema),
  /** The stored raw sheet (ID numbers masked), only with `?raw=1`. */
  sheet: z
    .object({ values: z.array(z.array(CellValueSchema)), merges: z.array(z.string()), date1904: z.boolean() })
    .optional(),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

export const ReturnRequestSchema = z.object({ comment: z.string().trim().min(1).max(1000) }).strict();

export const HealthSchema = z.object({
  ok: z.boolean(),
  schemaVersion: z.number().int(),
  service: z.string(),
});

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  branch: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const MeSchema = z.object({ user: UserSchema, role: RoleSchema, branch: z.string().nullable() });

export const UserCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    role: RoleSchema,
    branch: z.string().min(1).max(100).optional(),
  })
  .strict();

/** `disabled: true` stops every token of the user at once; `false` lets them work again. */
export const UserUpdateSchema = z.object({ disabled: z.boolean() }).strict();

/** A token for a user; with `expiresAt` (a Shanghai date) it stops working after that day. */
export const TokenCreateSchema = z
  .object({ userId: z.string().min(1).max(100), expiresAt: DateSchema.optional() })
  .strict();
export const TokenIssuedSchema = z.object({
  id: z.string(),
  userId: z.string(),
  token: z.string(),
  createdAt: z.string(),
  /** UTC instant after which the token is refused; null when it does not expire. */
  expiresAt: z.string().nullable(),
});
export const TokenRevokedSchema = z.object({ id: z.string(), revokedAt: z.string() });

/** A user as 人员与令牌 lists them: whether disabled, and their tokens (never the tokens themselves). */
export const ListedUserSchema = UserSchema.extend({
  disabledAt: z.string().nullable(),
  tokens: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      revokedAt: z.string().nullable(),
      expiresAt: z.string().nullable(),
    }),
  ),
});
export const UserListSchema = z.object({ users: z.array(ListedUserSchema) });
export type UserList = z.infer<typeof UserListSchema>;

/** POST /api/rekey: one roll uploaded by the office to carry its ID numbers' HMACs over to a new key. */
export const RekeyRequestSchema = z
  .object({ sheetName: z.string().min(1).max(100), sheet: SheetBodySchema })
  .strict();
export type RekeyRequest = z.input<typeof RekeyRequestSchema>;
export const RekeyResponseSchema = z.object({
  /** Distinct ID numbers read from the uploaded roll. */
  ids: z.number().int(),
  /** Stored rows whose HMAC this upload carried over. */
  updated: z.number().int(),
  /** Rows of current rolls still under the old key, per 提交单位 scope. */
  remaining: z.record(z.string(), z.number().int()),
  /** True once no current roll is left under the old key: the new key is then the only one. */
  done: z.boolean(),
});
export type RekeyResponse = z.infer<typeof RekeyResponseSchema>;

export const RegistryResponseSchema = z.object({
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  registry: RegistrySchema,
});

/**
 * POST /api/registry/rejudge: a year's current submissions judged again with the current registry,
 * the whole year in one request (docs/registry.md, "Versions and re-judging"). An apply is one
 * transaction: all the year's conclusions or none; 409 `conflict` when the registry changed while
 * it judged, 413 `too-large` when the year's conclusions are too many to hold for one transaction.
 */
export const RejudgeRequestSchema = z
  .object({
    year: YearSchema,
    /** False (the default): a dry run that changes nothing; true: store the new conclusions. */
    apply: z.boolean().optional(),
  })
  .strict();
export type RejudgeRequest = z.input<typeof RejudgeRequestSchema>;

const ConclusionSchema = z.object({
  errors: z.number().int(),
  warnings: z.number().int(),
  counts: FindingCountsSchema,
});

export const RejudgeResponseSchema = z.object({
  year: z.string(),
  registryVersion: z.number().int(),
  applied: z.boolean(),
  /** Current submissions judged again. */
  judged: z.number().int(),
  /** Those whose conclusion (findings by code) changes, or changed when applied. */
  changed: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      scope: z.string(),
      period: z.string(),
      registryVersion: z.number().int().nullable(),
      before: ConclusionSchema,
      after: ConclusionSchema,
    }),
  ),
  /** Submissions that cannot be judged again, and why. */
  skipped: z.array(
    z.object({ id: z.string(), kind: z.string(), scope: z.string(), period: z.string(), reason: z.string() }),
  ),
  /** The sentence an admin reads: "12 份台账的结论会变化". */
  message: z.string(),
});
export type RejudgeResponse = z.infer<typeof RejudgeResponseSchema>;

/**
 * A cell of the status matrix. `missing`: nothing submitted and the due date has passed;
 * `pending`: nothing submitted yet, not yet due; `late`: submitted after the due date.
 */
export const CellStateSchema = z.enum(["submitted", "late", "returned", "missing", "pending"]);
export type CellState = z.infer<typeof CellStateSchema>;

export const StatusCellSchema = z.object({
  kind: z.string(),
  period: z.string(),
  state: CellStateSchema,
  /** Last day a submission is on time, `YYYY-MM-DD`. */
  due: z.string(),
  submissionId: z.string().nullable(),
  /** The submission's receipt number (absent from servers before schema 4). */
  receiptNo: ReceiptNoSchema.nullable().optional(),
  version: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
});

const CountsSchema = z.object({
  submitted: z.number().int(),
  late: z.number().int(),
  returned: z.number().int(),
  missing: z.number().int(),
  pending: z.number().int(),
});

export const StatusResponseSchema = z.object({
  year: z.string(),
  asOf: z.string(),
  kinds: z.array(z.object({ id: z.string(), title: z.string(), grain: z.string(), scope: z.string() })),
  rows: z.array(
    z.object({
      scope: z.string(),
      label: z.string(),
      cells: z.array(StatusCellSchema),
      counts: CountsSchema,
    }),
  ),
  counts: CountsSchema,
});
export type StatusResponse = z.infer<typeof StatusResponseSchema>;

export const RecordsResponseSchema = z.object({
  kind: z.string(),
  title: z.string(),
  year: z.string(),
  columns: z.array(z.string()),
  rows: z.array(
    z.object({
      submissionId: z.string(),
      scope: z.string(),
      period: z.string(),
      row: z.number().int(),
      /** `提交单位` first (the branch's name or 镇党建办), then the kind's columns. */
      values: z.record(z.string(), ValueSchema),
    }),
  ),
});
export type RecordsResponse = z.infer<typeof RecordsResponseSchema>;

export const SummaryResponseSchema = z.object({
  year: z.string(),
  asOf: z.string(),
  kinds: z.array(
    z.object({
      kind: z.string(),
      title: z.string(),
      /** 提交单位 scope → figures. */
      byBranch: z.record(z.string(), SummarySchema),
      /** Every branch's rows together; `{}` when the kind has none. */
      total: SummarySchema,
      rows: z.number().int(),
      /**
       * Branches of the registry with current rows of this kind, of all; null for the office's own
       * kinds; absent from a Worker older than this field.
       */
      branches: z.object({ reported: z.number().int(), expected: z.number().int() }).nullable().optional(),
    }),
  ),
});
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;

/**
 * GET /api/report: a year's 年盘点, or a quarter's 季总结; the township's, or one branch's. The
 * answer is PeriodReportSchema (period-report/schema.ts), kept out of this module so the pane's
 * first screen does not carry it.
 */
export const QuarterSchema = z.enum(["1", "2", "3", "4"], { message: "季度应为 1、2、3 或 4" });
export const ReportQuerySchema = z.object({
  year: YearSchema,
  quarter: QuarterSchema.optional().transform((q) => (q === undefined ? null : Number(q))),
  branch: z.string().trim().min(1).max(200).optional(),
});

export const AuditResponseSchema = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      ts: z.string(),
      userId: z.string().nullable(),
      userName: z.string().nullable(),
      action: z.string(),
      target: z.string().nullable(),
      detail: z.unknown(),
    }),
  ),
});

// Group robots for scheduled 催报 (issue 15)

export const ROBOT_KINDS = ["wecom", "dingtalk", "feishu"] as const;
/** 企业微信 群机器人, 钉钉 自定义机器人, 飞书 自定义机器人. */
export const RobotKindSchema = z.enum(ROBOT_KINDS);
export type RobotKind = z.infer<typeof RobotKindSchema>;

/** Whose reminders a robot's group gets: "all", "office", or a branch (name, village or alias). */
const RobotAudienceSchema = z.string().min(1).max(100);

/**
 * PUT /api/robots/:id and POST /api/robots: the webhook address as the platform shows it, and
 * the signing secret (钉钉 加签, 飞书 签名校验). On a change, an omitted webhook or secret keeps the
 * stored one; `secret: null` removes it.
 */
export const RobotInputSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    kind: RobotKindSchema,
    audience: RobotAudienceSchema.default("all"),
    webhook: z.string().trim().min(1).max(2000).optional(),
    secret: z.string().trim().min(1).max(200).nullable().optional(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RobotInput = z.infer<typeof RobotInputSchema>;

/** A robot as the API shows it: the webhook masked, the secret only as whether there is one. */
export const RobotSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: RobotKindSchema,
  audience: z.string(),
  webhook: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  /** False when the stored address cannot be decrypted with the current ROBOTS_KEY: enter it again. */
  readable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Robot = z.infer<typeof RobotSchema>;

export const ReminderSendSchema = z.object({
  robotId: z.string(),
  audience: z.string(),
  due: z.string(),
  step: z.string(),
  state: z.enum(["sending", "sent", "failed", "cancelled", "expired"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});

/** GET /api/robots: the robots, and the latest reminders sent (newest first). */
export const RobotListSchema = z.object({
  /** False when the Worker has no ROBOTS_KEY: robots cannot be added, tested or used. */
  configured: z.boolean(),
  robots: z.array(RobotSchema),
  sends: z.array(ReminderSendSchema),
});
export type RobotList = z.infer<typeof RobotListSchema>;

/** DELETE /api/robots/:id. */
export const RobotDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** POST /api/robots/:id/test (发送测试消息): whether the platform accepted the message. */
export const RobotTestResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable() });
export type RobotTestResult = z.infer<typeof RobotTestResultSchema>;

/**
 * The API's error codes (interfaces spec "Errors"), a closed vocabulary like FINDING_CODES, each
 * with the one HTTP status it is answered with: the message speaks to the clerk, the code to programs.
 */
export const API_ERRORS = {
  /** Malformed JSON, or a body or query its schema refuses (`details.issues`). */
  "bad-request": 400,
  "unknown-kind": 400,
  "unknown-branch": 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  /** An attempt's idempotency key sent again with another body. */
  "idempotency-conflict": 409,
  /** 退回 of a version that is no longer current. */
  "not-current": 409,
  /** POST /api/rekey with no change of key under way. */
  "no-rekey": 409,
  conflict: 409,
  "too-large": 413,
  /** The engine found errors in the sheet (`details`: RefusalDetailsSchema). */
  "invalid-sheet": 422,
  "kind-mismatch": 422,
  /** ID numbers already on another branch's roll. */
  "duplicate-key": 422,
  "roll-too-large": 422,
  unprocessable: 422,
  /** A branch's daily limit of rolls checked or refused. */
  "too-many-rolls": 429,
  "too-many-requests": 429,
  internal: 500,
  /** The Worker lacks a secret it needs (ID_HMAC_KEY). */
  "not-configured": 500,
  /** The one-off re-mask of stored data is still running. */
  maintenance: 503,
  /** The ID key changed and the old one is missing: rolls wait for the re-key. */
  "rekey-needed": 503,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;
export const API_ERROR_CODES = Object.keys(API_ERRORS) as [ApiErrorCode, ...ApiErrorCode[]];
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);

export const ErrorBodySchema = z.object({
  error: z.object({ code: ApiErrorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * `details` of a 400: the schema's issues, each with the field's path (at most 50); a registry's
 * also with `place`, the field in words (第 7 个支部“…” · 名称) for the admin view.
 */
export const IssuesDetailsSchema = z.object({
  issues: z.array(z.object({ path: z.string(), message: z.string(), place: z.string().optional() })),
});
