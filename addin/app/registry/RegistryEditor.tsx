/**
 * 名单与台账设置 (admin): the registry edited as forms, never as JSON — the township, its branches,
 * the office staff, deadlines, frequencies and holiday weeks, and the township's own ledgers.
 * Saving checks the draft with the shared schema first and PUTs it; every error, the schema's or
 * the server's 400, is shown in Chinese on the field it names.
 */
import { useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
} from "@fluentui/react-components";
import type { Registry } from "../../../shared/registry";
import { todayIn } from "../../../shared/read/dates";
import type { Api } from "../../api";
import { failureText } from "../failure";
import { useI18n } from "../i18n";
import type { Notice } from "../useChecks";
import type { PaneMessageKey } from "../../../shared/messages/pane";
import {
  checkDraft,
  fieldPaths,
  groupIssues,
  placeErrors,
  placeOf,
  tabOf,
  withOptional,
  type EditorTab,
  type FieldErrors,
  type RegistryDraft,
} from "./draft";
import { ErrorsProvider, NumberInput, useFieldError } from "./fields";
import { BranchesTable } from "./BranchesTable";
import { StaffTable } from "./StaffTable";
import { ScheduleEditor } from "./ScheduleEditor";
import { LedgerDesigner } from "./LedgerDesigner";
import { missingBranches } from "./township";

const TABS: readonly [EditorTab, PaneMessageKey][] = [
  ["township", "regTabTownship"],
  ["branches", "regTabBranches"],
  ["staff", "regTabStaff"],
  ["schedule", "regTabSchedule"],
  ["ledgers", "regTabLedgers"],
];

/** The admin's views of the registry: the server, the registry it holds, and what to do once a new one is saved. */
export interface RegistryProps {
  api: Api;
  registry: Registry;
  onRegistry: (r: Registry) => void;
}

export function RegistryEditor({ api, registry, onRegistry }: RegistryProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<RegistryDraft>(registry);
  /** The registry the draft started from; a newer one from the server replaces an untouched draft. */
  const [base, setBase] = useState(registry);
  const changed = JSON.stringify(draft) !== JSON.stringify(base);
  if (registry !== base) {
    setBase(registry);
    if (!changed) setDraft(registry);
  }
  const [tab, setTab] = useState<EditorTab>("branches");
  /** After a refused save, the draft is re-checked as the admin types, so a fixed field clears. */
  const [checking, setChecking] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const year = Number(todayIn("Asia/Shanghai", new Date()).slice(0, 4));

  const clientErrors = checking ? checkDraft(draft) : null;
  const errors = clientErrors && !clientErrors.ok ? clientErrors.errors : serverErrors;
  const { placed, unplaced } = placeErrors(errors, fieldPaths(draft));
  const count = [...errors.values()].reduce((n, m) => n + m.length, 0);
  const perTab = (which: EditorTab) =>
    [...errors].filter(([p]) => tabOf(p) === which).reduce((n, [, m]) => n + m.length, 0);

  const edit = (next: RegistryDraft) => {
    setDraft(next);
    setServerErrors(new Map());
    setNotice(null);
  };

  const showErrors = (found: FieldErrors, text: string) => {
    setNotice({ intent: "error", text });
    const first = [...found.keys()][0];
    if (first !== undefined) setTab(tabOf(first));
  };

  const save = async () => {
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setChecking(true);
      const n = [...checked.errors.values()].reduce((k, m) => k + m.length, 0);
      return showErrors(checked.errors, t("regInvalid", { count: n }));
    }
    setSaving(true);
    const answer = await api.putRegistry(checked.registry);
    setSaving(false);
    if (!answer.ok) {
      const f = answer.failure;
      const issues = f.type === "http" ? (f.issues ?? []) : [];
      const found = groupIssues(issues);
      setServerErrors(found);
      return showErrors(found, t("regServerInvalid", { reason: failureText(t, f) }));
    }
    setChecking(false);
    setDraft(answer.value.registry);
    onRegistry(answer.value.registry);
    setNotice({ intent: "success", text: t("regSaved") });
  };

  const missing = missingBranches(draft);

  return (
    <section aria-label={t("regEditorTitle")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h3" weight="semibold" size={400}>
        {t("regEditorTitle")}
      </Text>
      {missing && (
        <MessageBar intent="warning" data-testid="branches-missing">
          <MessageBarBody>{t("regBranchesMissing", missing)}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} data-testid="registry-notice">
          <MessageBarBody>
            {notice.text}
            {count > 0 && unplaced.size > 0 && (
              <ul style={{ margin: 0 }}>
                {[...unplaced].map(([path, messages]) => (
                  <li key={path}>
                    {t("regOtherErrors", { where: placeOf(path, draft), message: messages.join("；") })}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as EditorTab)} size="small">
        {TABS.map(([value, key]) => {
          const n = perTab(value);
          return (
            <Tab key={value} value={value}>
              {n ? t("regTabErrors", { tab: t(key), count: n }) : t(key)}
            </Tab>
          );
        })}
      </TabList>
      <ErrorsProvider value={placed}>
        <div role="tabpanel" aria-label={t(TABS.find(([v]) => v === tab)?.[1] ?? "regTabBranches")}>
          {tab === "township" && <TownshipFields draft={draft} onChange={edit} />}
          {tab === "branches" && (
            <BranchesTable branches={draft.branches} onChange={(branches) => edit({ ...draft, branches })} />
          )}
          {tab === "staff" && (
            <StaffTable
              staff={draft.staff ?? []}
              onChange={(staff) => edit(withOptional(draft, "staff", staff))}
            />
          )}
          {tab === "schedule" && <ScheduleEditor draft={draft} onChange={edit} year={year} />}
          {tab === "ledgers" && (
            <LedgerDesigner
              ledgers={draft.ledgers ?? []}
              registry={draft}
              year={year}
              onChange={(ledgers) => edit(withOptional(draft, "ledgers", ledgers))}
            />
          )}
        </div>
      </ErrorsProvider>
      <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
        <Button appearance="primary" disabled={saving} onClick={() => void save()}>
          {saving ? t("regSaving") : t("regSave")}
        </Button>
        <Button
          disabled={!changed || saving}
          onClick={() => {
            setDraft(base);
            setChecking(false);
            setServerErrors(new Map());
            setNotice(null);
          }}
        >
          {t("regReset")}
        </Button>
        {changed && <Text size={200}>{t("regUnsaved")}</Text>}
      </div>
    </section>
  );
}

function TownshipFields({ draft, onChange }: { draft: RegistryDraft; onChange: (d: RegistryDraft) => void }) {
  const { t } = useI18n();
  const err = useFieldError();
  const township = draft.township;
  const set = (key: "name" | "county" | "code", value: string) =>
    onChange({
      ...draft,
      township: key === "name" ? { ...township, name: value } : withOptional(township, key, value),
    });
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
      <Field label={t("regTownshipName")} {...err("township.name")}>
        <Input value={township.name} onChange={(_, d) => set("name", d.value)} />
      </Field>
      <Field label={t("regCounty")} {...err("township.county")}>
        <Input value={township.county ?? ""} onChange={(_, d) => set("county", d.value)} />
      </Field>
      <Field label={t("regCode")} {...err("township.code")}>
        <Input value={township.code ?? ""} onChange={(_, d) => set("code", d.value)} />
      </Field>
      <Field label={t("regBranchCount")} hint={t("regBranchCountHint")} {...err("township.branchCount")}>
        <NumberInput
          min={1}
          value={township.branchCount}
          onChange={(n) => onChange({ ...draft, township: withOptional(township, "branchCount", n) })}
        />
      </Field>
    </div>
  );
}
