/** The readable report: grouped by file and sheet, errors first, with cell addresses; a totals line. */
import type { Report, SheetReport } from "../shared/report";
import type { CliMessages } from "../shared/messages/cli";
import { kindById } from "../shared/kinds";

export function kindLabel(kind: string | null): string {
  if (!kind) return "";
  return kindById(kind)?.title ?? kind;
}

export function formatValidate(report: Report, m: CliMessages): string {
  const lines: string[] = [];
  let sheets = 0;
  let errors = 0;
  let warnings = 0;
  for (const file of report.files) {
    lines.push(file.file);
    for (const s of file.sheets) {
      sheets += 1;
      errors += s.errors;
      warnings += s.warnings;
      lines.push(`  ${heading(s, m)}`);
      if (!s.kind) continue;
      if (s.findings.length === 0) lines.push(`    ${m.noFindings}`);
      for (const f of s.findings) {
        const where = [f.cell ?? (f.row !== null ? `第${f.row}行` : ""), f.column ?? ""]
          .filter(Boolean)
          .join(" ");
        const extra = [f.period, f.subject].filter(Boolean).join(" ");
        let line = `    ${m.severity[f.severity]}  ${where ? `${where}  ` : ""}${f.message}`;
        if (extra && !f.message.includes(extra)) line += `（${extra}）`;
        if (f.hint) line += `  ${m.hintPrefix}${f.hint}`;
        lines.push(line);
      }
    }
    lines.push("");
  }
  lines.push(m.totals(report.files.length, sheets, errors, warnings));
  return lines.join("\n") + "\n";
}

function heading(s: SheetReport, m: CliMessages): string {
  if (!s.kind) return m.unknownSheetHeading(s.sheet);
  return m.sheetHeading(s.sheet, kindLabel(s.kind), s.headerRow ?? 0, s.rows, s.errors, s.warnings);
}

export function formatSummary(report: Report, m: CliMessages): string {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(file.file);
    for (const s of file.sheets) {
      if (!s.kind) {
        lines.push(`  ${m.unknownSheetHeading(s.sheet)}`);
        continue;
      }
      lines.push(
        `  ${m.summaryHeading(s.sheet, kindLabel(s.kind), s.rows)}  ${m.periodLabel(s.period ?? null)}`,
      );
      for (const [name, value] of Object.entries(s.summary ?? {}))
        lines.push(`    ${name}：${showFigure(value)}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

export function showFigure(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(showFigure).join("、");
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k} ${showFigure(v)}`)
    .join("，");
}
