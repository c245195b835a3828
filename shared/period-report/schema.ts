/** The 季总结 / 年盘点 draft as JSON (GET /api/report): what the Word document and the print view render. */
import { z } from "zod";
import { FIGURE_TYPES, FigureValueSchema } from "../figures";

/** One figure of a kind: its value now, a period before and a year before, and the changes. */
export const ReportFigureSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(FIGURE_TYPES),
  text: z.string(),
  value: FigureValueSchema,
  previous: z.string().nullable(),
  changePrevious: z.string().nullable(),
  lastYear: z.string().nullable(),
  changeLastYear: z.string().nullable(),
});
export type ReportFigure = z.infer<typeof ReportFigureSchema>;

export const ReportKindSchema = z.object({
  kind: z.string(),
  title: z.string(),
  rows: z.number().int(),
  figures: z.array(ReportFigureSchema),
});
export type ReportKind = z.infer<typeof ReportKindSchema>;

/** A paragraph of the 143 section: a heading, the lines the records give, and what a person writes. */
export const ReportItemSchema = z.object({
  heading: z.string(),
  lines: z.array(z.string()),
});

/** A table: a title, its column headings and rows of text. */
export const ReportTableSchema = z.object({
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});
export type ReportTable = z.infer<typeof ReportTableSchema>;

/** Grouped bars: one group per label, one bar per series (本期, 上期, 去年同期). */
export const ReportChartSchema = z.object({
  title: z.string(),
  type: z.enum(FIGURE_TYPES),
  unit: z.string().nullable(),
  labels: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
});
export type ReportChart = z.infer<typeof ReportChartSchema>;

export const PeriodReportSchema = z.object({
  title: z.string(),
  subtitle: z.string(),
  notes: z.array(z.string()),
  township: z.string(),
  /** The branch the report is about (its canonical name), or null for the whole township. */
  branch: z.string().nullable(),
  year: z.string(),
  quarter: z.number().int().min(1).max(4).nullable(),
  /** `2025` or `2025-Q3`; the comparisons' periods (null: no previous period for a year). */
  period: z.string(),
  previousPeriod: z.string().nullable(),
  lastYearPeriod: z.string(),
  asOf: z.string(),
  /** The 143 system: 一个牵头, 四项机制, 三个融合, each with its items. */
  system: z.array(z.object({ heading: z.string(), items: z.array(ReportItemSchema) })),
  kinds: z.array(ReportKindSchema),
  /** Kinds with no rows in any of the three periods. */
  missingKinds: z.array(z.string()),
  /** A table per branch (the township's report only). */
  branches: z.array(ReportTableSchema),
  attention: z.object({
    openProblems: ReportTableSchema,
    disputesUp: ReportTableSchema,
    arrears: ReportTableSchema,
    late: ReportTableSchema,
  }),
  charts: z.array(ReportChartSchema),
  /** The sections only a person can write, with their placeholders. */
  closing: z.array(ReportItemSchema),
});
export type PeriodReport = z.infer<typeof PeriodReportSchema>;
