/**
 * 我的报送 (a branch): every kind and period of its own with its state, version, Beijing time and
 * receipt number, and the 退回意见 in full; one click leads back to the ledger and to 提交.
 */
import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { CellState } from "../../shared/api";
import { beijingTime } from "../../shared/read/dates";
import type { Api } from "../api";
import { useI18n } from "./i18n";
import { StateBadge } from "./StateBadge";
import { useYearly } from "./useYearly";
import { YearBar } from "./YearBar";

/** What needs the clerk first: returned, then missing, then what is still open. */
const ORDER: CellState[] = ["returned", "missing", "pending", "late", "submitted"];

export interface SubmitTarget {
  kind: string;
  title: string;
  period: string;
}

export function MySubmissions({
  api,
  defaultYear,
  onResubmit,
}: {
  api: Api;
  defaultYear: string;
  onResubmit: (target: SubmitTarget) => void;
}) {
  const { t } = useI18n();
  const { year, setYear, data, error, loading, load } = useYearly((y) => api.status(y), defaultYear);
  const titles = new Map(data?.kinds.map((k) => [k.id, k.title]));
  const cells = (data?.rows[0]?.cells ?? [])
    .map((c, i) => ({ ...c, i, title: titles.get(c.kind) ?? c.kind }))
    .sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.i - b.i);
  const counts = data?.rows[0]?.counts;
  return (
    <section aria-label={t("tabMine")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("tabMine")}
      </Text>
      <YearBar
        label={t("statusYear")}
        loadLabel={t("tabMine")}
        {...{ year, setYear, load, loading, error }}
      />
      {data && counts && (
        <Text data-testid="mine-counts">{t("mineCounts", { year: data.year, ...counts })}</Text>
      )}
      {data && cells.length === 0 && <Text>{t("mineNone")}</Text>}
      <ul
        style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: 8 }}
      >
        {cells.map((c) => (
          <li
            key={`${c.kind}|${c.period}`}
            aria-label={`${c.title}（${c.period}）`}
            style={{ display: "flex", flexDirection: "column", gap: 4 }}
          >
            <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 8px", alignItems: "center" }}>
              <Text weight="semibold">
                {c.title}（{c.period}）
              </Text>
              <StateBadge state={c.state} />
              <Text>
                {c.version !== null && c.submittedAt
                  ? t("mineMeta", {
                      version: c.version,
                      date: beijingTime(c.submittedAt),
                      no: c.receiptNo ?? "",
                    })
                  : t("mineDue", { due: c.due })}
              </Text>
              <Button
                size="small"
                appearance={c.state === "returned" || c.state === "missing" ? "primary" : "secondary"}
                onClick={() => onResubmit({ kind: c.kind, title: c.title, period: c.period })}
              >
                {t(c.version === null ? "submitNow" : "resubmit")}
              </Button>
            </div>
            {c.state === "returned" && c.returnComment && (
              <MessageBar intent="warning">
                <MessageBarBody style={{ whiteSpace: "pre-wrap" }}>
                  {t("returnedComment", { comment: c.returnComment })}
                </MessageBarBody>
              </MessageBar>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
