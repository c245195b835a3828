/**
 * The finding vocabulary (ledgers spec §2): the one place codes, severities and the finding's
 * shape are defined. The zod schemas are the types (`z.infer`), used by the engine, the API and
 * every client.
 */
import { z } from "zod";
import { columnIndexAt } from "./read/cells";

export const FINDING_CODES = [
  "missing-column",
  "duplicate-column",
  "required",
  "type",
  "enum",
  "range",
  "pattern",
  "checksum",
  "future-date",
  "unknown-branch",
  "unknown-staff",
  "date-order",
  "inconsistent",
  "age",
  "dues-rate",
  "sum-mismatch",
  "duplicate-key",
  "coverage-gap",
  "quorum",
  "cadence-gap",
  "visit-days",
  "probation",
  "development",
  "quota",
  "dues-unpaid",
  "unknown-sheet",
] as const;

export const FindingCodeSchema = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof FindingCodeSchema>;

export const SEVERITIES = ["error", "warning", "info"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * The severity of each code (ledgers spec §2): errors are mistakes in the sheet the clerk can
 * correct; warnings are facts that need action, so a true ledger is always submittable. A rule
 * may lower an error to a warning where its finding is such a fact (a vacant post).
 */
export const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  "missing-column": "error",
  "duplicate-column": "error",
  required: "error",
  type: "error",
  enum: "error",
  range: "error",
  pattern: "error",
  checksum: "error",
  "future-date": "error",
  "unknown-branch": "error",
  "unknown-staff": "error",
  "date-order": "error",
  inconsistent: "error",
  age: "error",
  "dues-rate": "error",
  "sum-mismatch": "error",
  "duplicate-key": "error",
  // A branch nobody is linked to is a true fact the office must act on, not a mistake in the sheet.
  "coverage-gap": "warning",
  quorum: "warning",
  "cadence-gap": "warning",
  "visit-days": "warning",
  probation: "warning",
  development: "warning",
  quota: "warning",
  "dues-unpaid": "warning",
  "unknown-sheet": "info",
};

/**
 * A message by its key in the engine's catalogue (shared/messages/engine.ts) and its parameters,
 * from which a client renders it in any language. A parameter is a value shown as it is (a date,
 * a number, a column name, a cell's text), a message of its own (a period, a regulation), or a
 * list of those (joined the way the language joins lists).
 */
export const MessageRefSchema = z.object({
  key: z.string(),
  get params() {
    return z.record(z.string(), MessageParamSchema).optional();
  },
});
export type MessageRef = z.infer<typeof MessageRefSchema>;

const MessageItemSchema = z.union([z.string(), z.number(), MessageRefSchema]);
export const MessageParamSchema = z.union([MessageItemSchema, z.array(MessageItemSchema)]);
export type MessageParam = z.infer<typeof MessageParamSchema>;

export const FindingSchema = z.object({
  code: FindingCodeSchema,
  severity: SeveritySchema,
  sheet: z.string(),
  /** A1 address, or null for a finding about a whole sheet, period or entity. */
  cell: z.string().nullable(),
  /** 1-based sheet row, or null. */
  row: z.number().int().nullable(),
  /** Canonical column name, or null. */
  column: z.string().nullable(),
  /** zh-CN, plain words naming the value and the rule. */
  message: z.string(),
  hint: z.string().optional(),
  /** `2025-W37`, `2025-09`, `2025-Q3` or `2025`. */
  period: z.string().optional(),
  /** Canonical name of the branch or person the finding is about. */
  subject: z.string().optional(),
  /** The message's key in the engine's catalogue: `message` and `hint` rendered in another language. */
  key: z.string().optional(),
  params: z.record(z.string(), MessageParamSchema).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by row and column position; stable for equal keys. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i, col: f.cell ? columnIndexAt(f.cell, 0, f.cell.length) : -2 }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        (a.f.row ?? 0) - (b.f.row ?? 0) ||
        a.col - b.col ||
        a.i - b.i,
    )
    .map((x) => x.f);
}
