/** 报送情况: the branch × kind × period matrix, and a reminder text for the village group chat. */
import { useState } from "react";
import {
  Badge,
  Button,
  Field,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from "@fluentui/react-components";
import type { Api, StatusResponse } from "../api";
import type { Translate } from "./i18n";
import { useI18n } from "./i18n";
import { useYearly } from "./useYearly";
import { YearBar } from "./YearBar";

type Cell = StatusResponse["rows"][number]["cells"][number];

function stateLabel(t: Translate, state: Cell["state"]): string {
  switch (state) {
    case "submitted":
      return t("statusSubmitted");
    case "late":
      return t("statusLate");
    case "returned":
      return t("statusReturned");
    case "missing":
      return t("statusMissing");
    default:
      return "—";
  }
}

const COLOR: Record<Cell["state"], "success" | "warning" | "danger" | "subtle" | "informative"> = {
  submitted: "success",
  late: "warning",
  returned: "danger",
  missing: "danger",
  pending: "subtle",
};

/** The reminder for the village group chat: every unit with missing or returned ledgers. */
export function reminderText(t: Translate, status: StatusResponse, township: string): string {
  const titles = new Map(status.kinds.map((k) => [k.id, k.title]));
  const lines = status.rows
    .map((row) => {
      const items = row.cells
        .filter((c) => c.state === "missing" || c.state === "returned")
        .map(
          (c) =>
            `${titles.get(c.kind) ?? c.kind}（${c.period}${c.state === "returned" ? `，${t("statusReturned")}` : ""}）`,
        );
      return items.length ? t("reminderLine", { branch: row.label, items: items.join("、") }) : null;
    })
    .filter((l): l is string => l !== null);
  if (lines.length === 0) return t("reminderNone", { date: status.asOf });
  return t("reminderText", { date: status.asOf, lines: lines.join("\n"), township });
}

export function StatusView({
  api,
  township,
  defaultYear,
  onOpenSubmission,
}: {
  api: Api;
  township: string;
  defaultYear: string;
  /** Opens a submitted cell's submission (the office's 退回 loop). */
  onOpenSubmission?: (id: string) => void;
}) {
  const { t } = useI18n();
  const { year, setYear, data: status, error, loading, load } = useYearly((y) => api.status(y), defaultYear);
  const [copied, setCopied] = useState(false);

  const reminder = status ? reminderText(t, status, township) : "";
  return (
    <section aria-label={t("statusTitle")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("statusTitle")}
      </Text>
      <YearBar
        label={t("statusYear")}
        loadLabel={t("statusTitle")}
        {...{ year, setYear, load, loading, error }}
      />
      {status && (
        <>
          <div style={{ overflowX: "auto" }}>
            <Table size="extra-small" aria-label={t("statusTitle")}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t("statusBranch")}</TableHeaderCell>
                  {status.kinds.map((k) => (
                    <TableHeaderCell key={k.id}>{k.title}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {status.rows.map((row) => (
                  <TableRow key={row.scope}>
                    <TableCell>{row.label}</TableCell>
                    {status.kinds.map((k) => {
                      const cells = row.cells.filter((c) => c.kind === k.id);
                      return (
                        <TableCell key={k.id}>
                          {cells.map((c) => {
                            const badge = (
                              <Badge
                                key={c.period}
                                appearance="tint"
                                color={COLOR[c.state]}
                                size="small"
                                title={c.returnComment ?? c.due}
                              >
                                {cells.length > 1 ? `${c.period.slice(5) || c.period} ` : ""}
                                {stateLabel(t, c.state)}
                              </Badge>
                            );
                            const id = c.submissionId;
                            // A submitted cell opens the submission (退回 loop) when the pane offers it.
                            return id && onOpenSubmission ? (
                              <Button
                                key={c.period}
                                appearance="transparent"
                                size="small"
                                aria-label={`${row.label} ${k.title} ${c.period}`}
                                onClick={() => onOpenSubmission(id)}
                              >
                                {badge}
                              </Button>
                            ) : (
                              badge
                            );
                          })}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Field label={t("reminderTitle")}>
            <Textarea value={reminder} readOnly resize="vertical" rows={6} />
          </Field>
          <Button
            onClick={() => {
              void navigator.clipboard?.writeText(reminder).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {copied ? t("copied") : t("copy")}
          </Button>
        </>
      )}
    </section>
  );
}
