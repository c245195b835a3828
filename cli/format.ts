/** The readable report: grouped by file and sheet, errors first, with cell addresses; a totals line. */
import type { Report, SheetReport } from "../shared/report";
import type { CliMessages } from "../shared/messages/cli";
import { figureLabel, formatFigure } from "../shared/figures";
import { findingText } from "../shared/messages/engine";
import { kindById, kindFigure } from "../shared/kinds";
import type { Registry } from "../shared/registry";

/** A kind's title, a township's own kinds (registry `ledgers`) included. */
export function kindLabel(kind: string | null, registry?: Registry): string {
  if (!kind) return "";
  return kindById(kind, registry)?.title ?? kind;
}

export function formatValidate(report: Report, m: CliMessages, registry?: Registry): string {
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
      lines.push(`  ${heading(s, m, registry)}`);
      if (!s.kind) continue;
      if (s.findings.length === 0) lines.push(`    ${m.noFindings}`);
      for (const f of s.findings) {
        const where = [f.cell ?? (f.row !== null ? m.rowLabel(f.row) : ""), f.column ?? ""]
          .filter(Boolean)
          .join(" ");
        const { message, hint } = findingText(f, m.locale);
        const extra = [f.period, f.subject].filter(Boolean).join(" ");
        let line = `    ${m.severity[f.severity]}  ${where ? `${where}  ` : ""}${message}`;
        if (extra && !message.includes(extra)) line += m.aside(extra);
        if (hint) line += `  ${m.hintPrefix}${hint}`;
        lines.push(line);
      }
    }
    lines.push("");
  }
  lines.push(m.totals(report.files.length, sheets, errors, warnings));
  return lines.join("\n") + "\n";
}

function heading(s: SheetReport, m: CliMessages, registry?: Registry): string {
  if (!s.kind) return m.unknownSheetHeading(s.sheet);
  return m.sheetHeading(s.sheet, kindLabel(s.kind, registry), s.headerRow ?? 0, s.rows, s.errors, s.warnings);
}

/** Each sheet's figures under the labels its kind gives them, with units and rates as percentages. */
export function formatSummary(report: Report, m: CliMessages, registry?: Registry): string {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(file.file);
    for (const s of file.sheets) {
      if (!s.kind) {
        lines.push(`  ${m.unknownSheetHeading(s.sheet)}`);
        continue;
      }
      lines.push(
        `  ${m.summaryHeading(s.sheet, kindLabel(s.kind, registry), s.rows)}  ${m.periodLabel(s.period ?? null)}`,
      );
      for (const [name, value] of Object.entries(s.summary ?? {})) {
        const figure = kindFigure(s.kind, name, registry);
        lines.push(
          `    ${m.figureLine(figureLabel(figure, name, m.locale), formatFigure(figure, value, m.locale))}`,
        );
      }
    }
    lines.push("");
  }
  return lines.join("\n");
}
