/**
 * Summary figures (ledgers spec §3). Each kind declares its summary as a zod object of figures
 * built here, so the schema types the figures (`z.infer`) and carries, beside each one, its
 * label in Chinese and English, its unit and what sort of value it is: the pane, the CLI and the
 * exports read their labels and formats from the kind, never from a map of their own.
 */
import { z } from "zod";
import type { Locale } from "./messages/pane";

/** Every unit a figure may have, as the two languages write it after a number. */
export const UNITS = {
  人: { zh: "人", en: "people" },
  户: { zh: "户", en: "households" },
  件: { zh: "件", en: "cases" },
  次: { zh: "次", en: "times" },
  个: { zh: "个", en: "" },
  条: { zh: "条", en: "items" },
  天: { zh: "天", en: "days" },
  岁: { zh: "岁", en: "years" },
  个月: { zh: "个月", en: "months" },
  小时: { zh: "小时", en: "hours" },
  人次: { zh: "人次", en: "person-times" },
  人周: { zh: "人周", en: "staff-weeks" },
  元: { zh: "元", en: "yuan" },
  万元: { zh: "万元", en: "×10,000 yuan" },
  "%": { zh: "%", en: "%" },
} as const;
export type Unit = keyof typeof UNITS;

/**
 * What a figure's value is: a whole count, a number (an average, a median, months), a rate
 * (0–1, shown as a percentage; null when there is nothing to divide by), money (元 or 万元, two
 * decimals), counts by name (`{已解决: 3}`), rates by name, or rates by name within names
 * (`{branch: {type: share}}`).
 */
export const FIGURE_TYPES = ["count", "number", "rate", "money", "counts", "rates", "rateTable"] as const;
export type FigureType = (typeof FIGURE_TYPES)[number];

export interface Figure {
  type: FigureType;
  label: { zh: string; en: string };
  unit: Unit | null;
}

/** The figures' metadata, keyed by their schema (zod's registries). */
export const FIGURE_REGISTRY = z.registry<Figure>();

/** Any figure's value: what a summary holds whatever its kind (a township's own kinds included). */
export const FigureValueSchema = z.union([
  z.number(),
  z.null(),
  z.record(z.string(), z.number().nullable()),
  z.record(z.string(), z.record(z.string(), z.number().nullable())),
]);
export type FigureValue = z.infer<typeof FigureValueSchema>;

/** A summary as the report and the API carry it: figure name (camelCase, the contract) → value. */
export const SummarySchema = z.record(z.string(), FigureValueSchema);
export type Summary = z.infer<typeof SummarySchema>;

function figure<T extends z.ZodType>(
  schema: T,
  type: FigureType,
  zh: string,
  en: string,
  unit: Unit | null,
): T {
  FIGURE_REGISTRY.add(schema as z.ZodType, { type, label: { zh, en }, unit });
  return schema;
}

const share = () => z.number().min(0).nullable();

/** The builders a kind declares its figures with: `count("已解决", "Resolved", "件")`. */
export const fig = {
  count: (zh: string, en: string, unit: Unit) => figure(z.number().int().min(0), "count", zh, en, unit),
  /** An average, a median or a fraction of months: null when there is nothing to take it of. */
  number: (zh: string, en: string, unit: Unit) => figure(z.number().nullable(), "number", zh, en, unit),
  rate: (zh: string, en: string) => figure(share(), "rate", zh, en, "%"),
  money: (zh: string, en: string, unit: "元" | "万元") => figure(z.number(), "money", zh, en, unit),
  counts: (zh: string, en: string, unit: Unit) =>
    figure(z.record(z.string(), z.number().int().min(0)), "counts", zh, en, unit),
  rates: (zh: string, en: string) => figure(z.record(z.string(), share()), "rates", zh, en, "%"),
  rateTable: (zh: string, en: string) =>
    figure(z.record(z.string(), z.record(z.string(), share())), "rateTable", zh, en, "%"),
};

/** A kind's summary: exactly its figures, no other key. */
export function summaryOf<S extends Record<string, z.ZodType<FigureValue>>>(figures: S) {
  return z.strictObject(figures);
}

/** The figures of a summary schema, in its order, with their metadata. */
export function figuresOf(schema: { shape: Readonly<Record<string, z.ZodType>> }): [string, Figure][] {
  const out: [string, Figure][] = [];
  for (const [name, s] of Object.entries(schema.shape)) {
    const meta = FIGURE_REGISTRY.get(s);
    if (meta) out.push([name, meta]);
  }
  return out;
}

/** One figure of a summary schema, or undefined for a name it does not have. */
export function figureOf(
  schema: { shape: Readonly<Record<string, z.ZodType>> },
  name: string,
): Figure | undefined {
  const s = Object.hasOwn(schema.shape, name) ? schema.shape[name] : undefined;
  return s ? FIGURE_REGISTRY.get(s) : undefined;
}

const lang = (locale: Locale) => (locale === "en" ? "en" : "zh");

/** A figure's label in the locale; the figure name itself when it is unknown. */
export function figureLabel(figure: Figure | undefined, name: string, locale: Locale): string {
  return figure ? figure.label[lang(locale)] : name;
}

/** Up to `decimals` decimals, without trailing zeros: 0.5, 12, 3.25. */
/** Whether a figure of this type is a share (0–1), shown as a percentage. */
export const isRateType = (type: FigureType | undefined): boolean =>
  type === "rate" || type === "rates" || type === "rateTable";

function plain(n: number, decimals = 2): string {
  const f = 10 ** decimals;
  return String(Math.round((n + Number.EPSILON) * f) / f);
}

function scalar(figure: Figure | undefined, value: number | null, locale: Locale): string {
  if (value === null) return "—";
  const type = figure?.type;
  if (isRateType(type)) return `${plain(value * 100, 1)}%`;
  const text = type === "money" ? value.toFixed(2) : plain(value);
  const unit = figure?.unit ? UNITS[figure.unit][lang(locale)] : "";
  return unit ? `${text} ${unit}` : text;
}

/**
 * A figure's value as text for the locale: rates as percentages, money with two decimals and its
 * unit, counts with theirs, breakdowns as "name value" pairs.
 */
export function formatFigure(figure: Figure | undefined, value: FigureValue, locale: Locale): string {
  if (value === null || typeof value === "number") return scalar(figure, value, locale);
  const [pair, list, open, close] = locale === "en" ? [": ", ", ", " (", ")"] : [" ", "，", "（", "）"];
  const entries = Object.entries(value);
  if (!entries.length) return "—";
  return entries
    .map(([name, v]) =>
      v !== null && typeof v === "object"
        ? `${name}${open}${formatFigure(figure, v, locale)}${close}`
        : `${name}${pair}${scalar(figure, v, locale)}`,
    )
    .join(list);
}

/** A figure's label with its unit, for a column of numbers: "解决率（%）", "应缴（元）". */
export function figureHeading(figure: Figure | undefined, name: string, locale: Locale): string {
  const label = figureLabel(figure, name, locale);
  const unit = figure?.unit ? UNITS[figure.unit][lang(locale)] : "";
  if (!unit) return label;
  return locale === "en" ? `${label} (${unit})` : `${label}（${unit}）`;
}

/**
 * A figure's value as a number in a sheet under its `figureHeading`: rates in percent to one
 * decimal (the heading says %), everything else to two decimals.
 */
export function figureNumber(figure: Figure | undefined, value: number): number {
  const rate = isRateType(figure?.type);
  return Number(plain(rate ? value * 100 : value, rate ? 1 : 2));
}

/** Whether two figures may share a chart's axis: the same unit (never 人 beside 元, never a rate beside a count). */
export function sameAxis(a: Figure | undefined, b: Figure | undefined): boolean {
  return (a?.unit ?? null) === (b?.unit ?? null);
}
