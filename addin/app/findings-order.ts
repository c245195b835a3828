/**
 * The order a clerk reads a sheet's findings in: sections by severity or by column, and a code
 * repeated down a column folded into one line. Pure, so the list and its tests share it.
 */
import type { Finding, Severity } from "../../shared/findings";
import { columnIndexAt } from "../../shared/read/cells";

/** A code found this many times in one section is folded into one line ("党费欠缴：12 处，展开"). */
export const FOLD_AT = 3;

export type FindingsFilter = "all" | "errors" | "column";

const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "info"];

export interface Section {
  /** `error`/`warning`/`info`, or a column name (null: the sheet as a whole). */
  key: string | null;
  findings: Finding[];
}

const position = (f: Finding) => [f.row ?? 0, f.cell ? columnIndexAt(f.cell, 0, f.cell.length) : -1];
function byPosition(a: Finding, b: Finding): number {
  const [ra, ca] = position(a);
  const [rb, cb] = position(b);
  return ra - rb || ca - cb;
}

/**
 * A sheet's findings in sections: by severity (errors first; only errors for `errors`), or by
 * column (sheet-wide first, then columns left to right; errors first within each).
 */
export function sectionsOf(findings: readonly Finding[], filter: FindingsFilter): Section[] {
  if (filter !== "column") {
    const shown = filter === "errors" ? (["error"] as const) : SEVERITY_ORDER;
    return shown
      .map((s) => ({
        key: s as string | null,
        findings: findings.filter((f) => f.severity === s).sort(byPosition),
      }))
      .filter((s) => s.findings.length > 0);
  }
  const columns = new Map<string | null, Finding[]>();
  for (const f of findings) {
    const list = columns.get(f.column);
    if (list) list.push(f);
    else columns.set(f.column, [f]);
  }
  const left = (list: Finding[]) => Math.min(...list.map((f) => position(f)[1]));
  return [...columns.entries()]
    .sort(([a, la], [b, lb]) => (a === null ? -1 : b === null ? 1 : left(la) - left(lb)))
    .map(([key, list]) => ({
      key,
      findings: list.sort(
        (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || byPosition(a, b),
      ),
    }));
}

export type Item =
  | { finding: Finding }
  | { code: Finding["code"]; severity: Severity; column: string | null; findings: Finding[] };

/**
 * A section's lines: a code seen FOLD_AT times or more in one column becomes one line, where it is
 * first found (the same code in another column is another mistake, folded apart).
 */
export function foldRepeats(findings: readonly Finding[]): Item[] {
  const counts = new Map<string, number>();
  const key = (f: Finding) => `${f.severity} ${f.code} ${f.column ?? ""}`;
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const folds = new Map<string, Finding[]>();
  const items: Item[] = [];
  for (const f of findings) {
    if ((counts.get(key(f)) ?? 0) < FOLD_AT) {
      items.push({ finding: f });
      continue;
    }
    const fold = folds.get(key(f));
    if (fold) fold.push(f);
    else {
      const list = [f];
      folds.set(key(f), list);
      items.push({ code: f.code, severity: f.severity, column: f.column, findings: list });
    }
  }
  return items;
}
