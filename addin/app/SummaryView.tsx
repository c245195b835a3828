/** Each recognised sheet's summary figures: numbers in a table, breakdowns as bar charts. */
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { SheetReport } from "../../shared/report";
import { kindById } from "../../shared/kinds";
import { figureLabel, type Locale } from "../../shared/messages/pane";
import { BarChart, formatNumber, type Bar } from "./BarChart";
import { useI18n } from "./i18n";

/** A figure shown as text: rates and shares as percentages. */
export function formatFigure(name: string, value: unknown): string | null {
  if (typeof value === "number") {
    if (/(Rate|Share)$/.test(name) || name === "cadence")
      return `${formatNumber(Math.round(value * 1000) / 10)}%`;
    return formatNumber(value);
  }
  if (typeof value === "string") return value;
  if (value === null) return "—";
  return null;
}

/** A `{label: number}` breakdown as bars, or null when the figure is something else. */
export function barsOf(value: unknown): Bar[] | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === "number")) return null;
  return entries.map(([label, v]) => ({ label, value: v as number }));
}

export function FiguresTable({
  figures,
  locale,
  caption,
}: {
  figures: Record<string, unknown>;
  locale: Locale;
  caption: string;
}) {
  const { t } = useI18n();
  const scalars = Object.entries(figures)
    .map(([name, v]) => [name, formatFigure(name, v)] as const)
    .filter((e): e is readonly [string, string] => e[1] !== null);
  if (scalars.length === 0) return null;
  return (
    <Table size="extra-small" aria-label={caption} style={{ maxWidth: 420 }}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t("figure")}</TableHeaderCell>
          <TableHeaderCell>{t("value")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {scalars.map(([name, text]) => (
          <TableRow key={name}>
            <TableCell>{figureLabel(locale, name)}</TableCell>
            <TableCell>{text}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function SummaryView({ results }: { results: readonly SheetReport[] }) {
  const { t, locale } = useI18n();
  const known = results.filter((r) => r.kind && r.summary);
  if (known.length === 0) return <Text>{t("summaryNone")}</Text>;
  return (
    <section aria-label={t("summaryTitle")}>
      {known.map((r) => {
        const title = kindById(r.kind ?? "")?.title ?? r.kind ?? "";
        const figures = r.summary ?? {};
        return (
          <div key={r.sheet} style={{ marginBottom: 12 }}>
            <Text as="h3" weight="semibold" size={400}>
              {r.sheet}（{title}）
            </Text>
            <FiguresTable figures={figures} locale={locale} caption={`${r.sheet} ${t("summaryTitle")}`} />
            {Object.entries(figures).map(([name, value]) => {
              const bars = barsOf(value);
              return bars ? <BarChart key={name} title={figureLabel(locale, name)} bars={bars} /> : null;
            })}
          </div>
        );
      })}
    </section>
  );
}
