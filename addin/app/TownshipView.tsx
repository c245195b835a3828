/** 汇总全镇: the township's figures per kind and branch, with charts; writes or downloads the consolidated sheets. */
import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { KINDS, kindFigure, kindTitle } from "../../shared/kinds";
import { OFFICE_LABEL, OFFICE_SCOPE } from "../../shared/registry";
import type { KindDef } from "../../shared/kinds/types";
import type { ConsolidatedInput, ConsolidatedKind } from "../../shared/xlsx/consolidated";
import type { Api } from "../api";
import { BarChart } from "./BarChart";
import { FiguresTable, figureFormat, figureName } from "./SummaryView";
import type { Summary } from "../../shared/figures";
import { failureText } from "./failure";
import { useI18n } from "./i18n";
import { useYearly } from "./useYearly";
import { YearBar } from "./YearBar";

export const BRANCH_COLUMN = "提交单位";

/**
 * The chart of the township view: the kind's first count per branch (one figure, so one unit;
 * a count, so no rate of 0–1 beside it), else its first number.
 */
function mainFigure(kind: string, byBranch: Record<string, Summary>): string | null {
  const numeric = [...new Set(Object.values(byBranch).flatMap((f) => Object.keys(f)))].filter((name) =>
    Object.values(byBranch).some((f) => typeof f[name] === "number"),
  );
  return numeric.find((name) => kindFigure(kind, name)?.type === "count") ?? numeric[0] ?? null;
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
        branches: entry.branches,
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
        <a href={`./report.html?year=${encodeURIComponent(year)}`} target="_blank" rel="noopener noreferrer">
          {t("reportOpen")}
        </a>
      </YearBar>
      {summary?.kinds.map((k) => {
        const figure = mainFigure(k.kind, k.byBranch);
        const bars = figure
          ? Object.entries(k.byBranch).map(([branch, f]) => ({
              label: branch === OFFICE_SCOPE ? OFFICE_LABEL : branch,
              value: typeof f[figure] === "number" ? (f[figure] as number) : 0,
            }))
          : [];
        const reported = k.branches ?? null;
        const partial = reported !== null && reported.reported < reported.expected;
        const title = kindTitle(k.kind, locale, k.title);
        return (
          <div key={k.kind} data-kind={k.kind}>
            <Text as="h3" weight="semibold">
              {title}
            </Text>
            {reported && (
              <Text as="p" style={{ margin: "2px 0" }}>
                {t("townshipReported", { ...reported })}
              </Text>
            )}
            {partial && (
              <MessageBar intent="warning">
                <MessageBarBody>{t("townshipPartial", { ...reported })}</MessageBarBody>
              </MessageBar>
            )}
            <FiguresTable
              kind={k.kind}
              figures={k.total}
              locale={locale}
              caption={reported ? t("townshipTotalOf", { title, ...reported }) : title}
            />
            {figure && bars.length > 0 && (
              <BarChart
                title={`${title} · ${figureName(k.kind, figure, locale)}`}
                bars={bars}
                format={figureFormat(k.kind, figure, locale)}
              />
            )}
          </div>
        );
      })}
    </section>
  );
}
