/**
 * 自定义台账: the township's own ledgers. One is open at a time: its title, other titles, id,
 * period grain and who submits it, its columns, and beside them the template it will produce.
 */
import { useState } from "react";
import { Button, Field, Input, Select, Tab, TabList, Text } from "@fluentui/react-components";
import type { Registry } from "../../../shared/registry";
import { useI18n } from "../i18n";
import { removeAt, replaceAt, withOptional } from "./draft";
import { ListInput, useFieldError } from "./fields";
import { ColumnsTable } from "./ColumnsTable";
import { TemplatePreview } from "./TemplatePreview";
import { townshipKind } from "../../../shared/kinds/township";
import { newLedger, type LedgerDraft } from "./ledger";

export function LedgerDesigner({
  ledgers,
  registry,
  year,
  onChange,
}: {
  ledgers: readonly LedgerDraft[];
  /** The registry being edited: the preview's dropdowns list its branches and staff. */
  registry: Registry;
  year: number;
  onChange: (ledgers: LedgerDraft[]) => void;
}) {
  const { t } = useI18n();
  const err = useFieldError();
  const [open, setOpen] = useState(0);
  const i = Math.min(open, ledgers.length - 1);
  const ledger = ledgers[i];
  const set = (next: LedgerDraft) => onChange(replaceAt(ledgers, i, next));
  const at = `ledgers.${i}`;

  const add = () => {
    onChange([
      ...ledgers,
      newLedger(
        ledgers.map((l) => l.id),
        t("regNewLedgerTitle"),
      ),
    ]);
    setOpen(ledgers.length);
  };

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        {ledgers.length > 0 && (
          <TabList
            size="small"
            selectedValue={String(i)}
            onTabSelect={(_, d) => setOpen(Number(d.value))}
            aria-label={t("regLedgerList")}
          >
            {ledgers.map((l, k) => (
              <Tab key={k} value={String(k)}>
                {l.title || l.id}
              </Tab>
            ))}
          </TabList>
        )}
        <Button appearance="primary" onClick={add}>
          {t("regAddLedger")}
        </Button>
      </div>
      {!ledger ? (
        <Text>{t("regNoLedgers")}</Text>
      ) : (
        <>
          <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "start" }}>
            <Field label={t("regLedgerTitle")} {...err(`${at}.title`)}>
              <Input value={ledger.title} onChange={(_, d) => set({ ...ledger, title: d.value })} />
            </Field>
            <Field label={t("regLedgerTitles")} hint={t("regAliasesHint")} {...err(`${at}.titles`)}>
              <ListInput
                value={ledger.titles}
                onChange={(list) => set(withOptional(ledger, "titles", list))}
              />
            </Field>
            <Field label={t("regLedgerId")} hint={t("regLedgerIdHint")} {...err(`${at}.id`)}>
              <Input value={ledger.id} onChange={(_, d) => set({ ...ledger, id: d.value.trim() })} />
            </Field>
            <Field label={t("regGrain")} {...err(`${at}.grain`)}>
              <Select
                value={ledger.grain}
                onChange={(_, d) => set({ ...ledger, grain: d.value as LedgerDraft["grain"] })}
              >
                <option value="year">{t("regGrainYear")}</option>
                <option value="month">{t("regGrainMonth")}</option>
                <option value="snapshot">{t("regGrainSnapshot")}</option>
              </Select>
            </Field>
            <Field label={t("regScope")} {...err(`${at}.scope`)}>
              <Select
                value={ledger.scope}
                onChange={(_, d) => set({ ...ledger, scope: d.value as LedgerDraft["scope"] })}
              >
                <option value="branch">{t("regScopeBranch")}</option>
                <option value="office">{t("regScopeOffice")}</option>
                <option value="branch-or-office">{t("regScopeBoth")}</option>
              </Select>
            </Field>
          </div>
          <Field label={t("regColumns")} {...err(`${at}.columns`)}>
            <ColumnsTable
              columns={ledger.columns}
              path={`${at}.columns`}
              onChange={(columns) => set({ ...ledger, columns })}
            />
          </Field>
          <TemplatePreview kind={townshipKind(ledger)} registry={registry} year={year} />
          <div>
            <Button onClick={() => onChange(removeAt(ledgers, i))}>{t("regRemoveLedger")}</Button>
          </div>
        </>
      )}
    </div>
  );
}
