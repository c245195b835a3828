/** The finding vocabulary (ledgers spec §2): the one place codes and severities are defined. */

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

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = "error" | "warning" | "info";

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

export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  /** A1 address, or null for a finding about a whole sheet, period or entity. */
  cell: string | null;
  /** 1-based sheet row, or null. */
  row: number | null;
  /** Canonical column name, or null. */
  column: string | null;
  /** zh-CN, plain words naming the value and the rule. */
  message: string;
  hint?: string;
  /** `2025-W37`, `2025-09`, `2025-Q3` or `2025`. */
  period?: string;
  /** Canonical name of the branch or person the finding is about. */
  subject?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by row and column position; stable for equal keys. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        (a.f.row ?? 0) - (b.f.row ?? 0) ||
        cellColumnIndex(a.f.cell) - cellColumnIndex(b.f.cell) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

function cellColumnIndex(cell: string | null): number {
  if (!cell) return -1;
  let n = 0;
  for (const ch of cell) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}
