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
import { kindFigure, kindTitle } from "../../shared/kinds";
import { figureLabel, formatFigure, type FigureValue, type Summary } from "../../shared/figures";
import type { Locale } from "../../shared/messages/pane";
import { BarChart, type Bar } from "./BarChart";
import { useI18n } from "./i18n";

/** A `{label: number}` breakdown as bars, or null when the figure is something else. */
export function barsOf(value: FigureValue): Bar[] | null {
  if (!value || typeof value !== "object") return null;
  const entries = Object.entries(value);
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === "number")) return null;
  return entries.map(([label, v]) => ({ label, value: v as number }));
}

/** A kind's figure name as the locale reads it: the label the kind gives it. */
export function figureName(kind: string | null, name: string, locale: Locale): string {
  return figureLabel(kindFigure(kind, name), name, locale);
}

/** One figure's values as text with its unit: what a chart of that figure writes beside each bar. */
export function figureFormat(kind: string | null, name: string, locale: Locale): (value: number) => string {
  const figure = kindFigure(kind, name);
  return (value) => formatFigure(figure, value, locale);
}

export function FiguresTable({
  kind,
  figures,
  locale,
  caption,
}: {
  kind: string | null;
  figures: Summary;
  locale: Locale;
  caption: string;
}) {
  const { t } = useI18n();
  // Numbers in the table with their units (rates as percentages); breakdowns a chart can draw are
  // charts, the others (rates by name) read as text here.
  const scalars = Object.entries(figures)
    .filter(([, v]) => !barsOf(v))
    .map(([name, v]) => [name, formatFigure(kindFigure(kind, name), v, locale)] as const);
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
            <TableCell>{figureName(kind, name, locale)}</TableCell>
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
        const title = kindTitle(r.kind ?? "", locale);
        const figures = r.summary ?? {};
        return (
          <div key={r.sheet} style={{ marginBottom: 12 }}>
            <Text as="h3" weight="semibold" size={400}>
              {r.sheet}（{title}）
            </Text>
            <FiguresTable
              kind={r.kind}
              figures={figures}
              locale={locale}
              caption={`${r.sheet} ${t("summaryTitle")}`}
            />
            {Object.entries(figures).map(([name, value]) => {
              const bars = barsOf(value);
              return bars ? (
                <BarChart
                  key={name}
                  title={figureName(r.kind, name, locale)}
                  bars={bars}
                  format={figureFormat(r.kind, name, locale)}
                />
              ) : null;
            })}
          </div>
        );
      })}
    </section>
  );
}
