/** What the Word document and the print view lay out alike: the figure tables, in one place. */
import { reportText as T } from "../messages/report";
import type { PeriodReport, ReportKind, ReportTable } from "./schema";

/** The charts' series colours in order (本期, 上期 or 去年同期, …), in the print view and the Word draft. */
export const SERIES_COLOURS = ["#c0392b", "#7f8c8d", "#d4a017"] as const;

/** A kind's figures as a table: now, the period before (a quarter only), a year before, the changes. */
export function kindTable(report: PeriodReport, kind: ReportKind, index: number): ReportTable {
  const quarter = report.quarter !== null;
  const c = T.columns;
  return {
    title: `（${index + 1}）${kind.title}（${kind.rows} 行）`,
    columns: [
      c.figure,
      c.current,
      ...(quarter ? [c.previous, c.changePrevious] : []),
      c.lastYear,
      c.changeLastYear,
    ],
    rows: kind.figures.map((f) => [
      f.label,
      f.text,
      ...(quarter ? [f.previous ?? "—", f.changePrevious ?? "—"] : []),
      f.lastYear ?? "—",
      f.changeLastYear ?? "—",
    ]),
  };
}

/** The 需要关注的事项 tables in their order. */
export function attentionTables(report: PeriodReport): ReportTable[] {
  const a = report.attention;
  return [a.openProblems, a.disputesUp, a.arrears, a.late];
}
