/** 本年已提交 (汇总全镇): the current version of every ledger submitted in a year, each opened with one click. */
import { Button, Text } from "@fluentui/react-components";
import { kindById } from "../../shared/kinds";
import { beijingTime } from "../../shared/read/dates";
import type { Api } from "../api";
import { useI18n } from "./i18n";
import { scopeLabel } from "./SubmissionView";
import { StateBadge } from "./StateBadge";
import { useYearly } from "./useYearly";
import { YearBar } from "./YearBar";

export function YearSubmissions({
  api,
  defaultYear,
  onOpen,
}: {
  api: Api;
  defaultYear: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useI18n();
  const { year, setYear, data, error, loading, load } = useYearly((y) => api.submissions(y), defaultYear);
  const items = data?.submissions ?? [];
  return (
    <section aria-label={t("tabSubmissions")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("tabSubmissions")}
      </Text>
      <YearBar
        label={t("statusYear")}
        loadLabel={t("tabSubmissions")}
        {...{ year, setYear, load, loading, error }}
      />
      {data && items.length === 0 && <Text>{t("submissionsEmpty", { year })}</Text>}
      <ul
        style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: 6 }}
      >
        {items.map((s) => {
          const vars = {
            kind: kindById(s.kind)?.title ?? s.kind,
            branch: scopeLabel(s.scope),
            period: s.period,
          };
          return (
            <li
              key={s.id}
              style={{ display: "flex", flexWrap: "wrap", gap: "4px 8px", alignItems: "center" }}
            >
              <Text weight="semibold">{t("submissionTitle", vars)}</Text>
              <Text>
                {t("mineMeta", { version: s.version, date: beijingTime(s.createdAt), no: s.receiptNo })}
              </Text>
              <StateBadge state={s.status} />
              <Button size="small" aria-label={t("openSubmissionLabel", vars)} onClick={() => onOpen(s.id)}>
                {t("openSubmission")}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
