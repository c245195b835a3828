/** 汇总全镇: the township's figures per kind and branch, with charts; writes or downloads the consolidated sheets. */
import { Button, Text } from "@fluentui/react-components";
import { KINDS } from "../../shared/kinds";
import type { KindDef } from "../../shared/kinds/types";
import type { ConsolidatedInput, ConsolidatedKind } from "../../shared/xlsx/consolidated";
import type { Api } from "../api";
import { BarChart } from "./BarChart";
import { FiguresTable, figureName } from "./SummaryView";
import type { Summary } from "../../shared/figures";
import { failureText } from "./failure";
import { useI18n } from "./i18n";
import { useYearly } from "./useYearly";
import { YearBar } from "./YearBar";

export const BRANCH_COLUMN = "提交单位";

/** The first numeric figure of a kind, per branch: the chart of the township view. */
function mainFigure(byBranch: Record<string, Summary>): string | null {
  for (const figures of Object.values(byBranch)) {
    for (const [name, v] of Object.entries(figures)) if (typeof v === "number") return name;
  }
  return null;
}

export function TownshipView({
  api,
  township,
  defaultYear,
  writeLabel,
  onConsolidate,
  kindDefs = KINDS,
}: {
  api: Api;
  /** The kinds consolidated: the built-in ones and the registry's own (`kindsOf`). */
  kindDefs?: readonly KindDef[];
  township: string;
  defaultYear: string;
  writeLabel: string;
  onConsolidate: (input: ConsolidatedInput) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const {
    year,
    setYear,
    data: summary,
    error,
    setError,
    loading,
    setLoading,
    load,
  } = useYearly((y) => api.summary(y), defaultYear);

  const consolidate = async () => {
    if (!summary) return;
    setLoading(true);
    setError(null);
    const kinds: ConsolidatedKind[] = [];
    const answers = await Promise.all(summary.kinds.map((k) => api.records(k.kind, year)));
    for (const [i, answer] of answers.entries()) {
      const entry = summary.kinds[i];
      const kind = kindDefs.find((k) => k.id === entry.kind);
      if (!kind) continue;
      if (!answer.ok) {
        setLoading(false);
        setError(t("consolidateFailed", { reason: failureText(t, answer.failure) }));
        return;
      }
      kinds.push({
        kind,
        rows: answer.value.rows.map((r) => ({
          branch: String(r.values[BRANCH_COLUMN] ?? r.scope),
          values: r.values,
        })),
        byBranch: entry.byBranch,
        total: entry.total,
      });
    }
    try {
      await onConsolidate({ township, year, kinds });
    } catch (e) {
      setError(t("consolidateFailed", { reason: e instanceof Error ? e.message : String(e) }));
    }
    setLoading(false);
  };

  return (
    <section aria-label={t("consolidate")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("consolidate")}
      </Text>
      <YearBar
        label={t("consolidateYear")}
        loadLabel={t("summaryTitle")}
        {...{ year, setYear, load, loading, error }}
      >
        <Button appearance="primary" disabled={!summary || loading} onClick={() => void consolidate()}>
          {writeLabel}
        </Button>
      </YearBar>
      {summary?.kinds.map((k) => {
        const figure = mainFigure(k.byBranch);
        const bars = figure
          ? Object.entries(k.byBranch).map(([branch, f]) => ({
              label: branch,
              value: typeof f[figure] === "number" ? (f[figure] as number) : 0,
            }))
          : [];
        return (
          <div key={k.kind}>
            <Text as="h3" weight="semibold">
              {k.title}
            </Text>
            <FiguresTable kind={k.kind} figures={k.total} locale={locale} caption={k.title} />
            {figure && bars.length > 0 && (
              <BarChart title={`${k.title} · ${figureName(k.kind, figure, locale)}`} bars={bars} />
            )}
          </div>
        );
      })}
    </section>
  );
}
