/**
 * The pane's views as tabs, shown by role: 校验结果 · 插入模板 · 提交 · 我的报送 (a branch) ·
 * 汇总全镇 and 报送情况 (the office) · 人员与令牌 (admin) · 版本记录 (the office) · 设置. A
 * submission the office opens from 汇总全镇 or 报送情况 takes the tab's place until 返回.
 */
import { Suspense, lazy, useEffect, useEffectEvent, useState } from "react";
import { Divider, Spinner, Tab, TabList, Text } from "@fluentui/react-components";
import type { ConsolidatedInput } from "../../shared/xlsx/consolidated";
import { kindById, kindsOf } from "../../shared/kinds";
import type { Registry } from "../../shared/registry";
import type { PaneMessageKey } from "../../shared/messages/pane";
import type { Api, Me } from "../api";
import type { Host, ValidateOutcome } from "../host";
import { useI18n } from "./i18n";
import { FindingsList } from "./FindingsList";
import type { SubmitTarget } from "./MySubmissions";

// Views a clerk opens later load on first use: the first screen stays under its size limit
// (scripts/check-build.ts), and the service worker keeps every chunk for offline use.
// The summary shows after a check, and its charts need not delay the first screen.
const SummaryView = lazy(() => import("./SummaryView").then((m) => ({ default: m.SummaryView })));
const SubmitPanel = lazy(() => import("./SubmitPanel").then((m) => ({ default: m.SubmitPanel })));
const SettingsView = lazy(() => import("./SettingsView").then((m) => ({ default: m.SettingsView })));
const StatusView = lazy(() => import("./StatusView").then((m) => ({ default: m.StatusView })));
const TownshipView = lazy(() => import("./TownshipView").then((m) => ({ default: m.TownshipView })));
const AdminView = lazy(() => import("./AdminView").then((m) => ({ default: m.AdminView })));
const TemplateView = lazy(() => import("./TemplateView").then((m) => ({ default: m.TemplateView })));
const MySubmissions = lazy(() => import("./MySubmissions").then((m) => ({ default: m.MySubmissions })));
const SubmissionView = lazy(() => import("./SubmissionView").then((m) => ({ default: m.SubmissionView })));
const YearSubmissions = lazy(() => import("./YearSubmissions").then((m) => ({ default: m.YearSubmissions })));
const RegistryVersions = lazy(() =>
  import("./registry/RegistryVersions").then((m) => ({ default: m.RegistryVersions })),
);
import type { Outbox, OutboxBinding } from "./outbox";
import type { Settings } from "./storage";
import type { Notice } from "./useChecks";

export type View =
  "results" | "template" | "submit" | "mine" | "township" | "status" | "admin" | "versions" | "settings";

const LABEL: Record<View, PaneMessageKey> = {
  results: "tabResults",
  template: "insertTemplate",
  submit: "submit",
  mine: "tabMine",
  township: "consolidate",
  status: "status",
  admin: "admin",
  versions: "tabVersions",
  settings: "settings",
};

export function PaneViews(props: {
  view: View;
  setView: (view: View) => void;
  host: Host;
  api: Api | null;
  me: Me | null;
  registry: Registry;
  setRegistry: (registry: Registry) => void;
  /** Asks the server for its registry again (quietly): 插入模板 offers the ledgers saved since. */
  refreshRegistry: () => Promise<void>;
  outcome: ValidateOutcome | null;
  online: boolean;
  outbox: Outbox;
  binding: OutboxBinding | null;
  year: string;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  run: (label: PaneMessageKey, work: () => Promise<void>) => Promise<void>;
  say: (notice: Notice) => void;
  target: SubmitTarget | null;
  /** 我的报送 → the ledger again: the page asks for the file, Excel for the workbook, then 提交. */
  onResubmit: (target: SubmitTarget) => void;
  onSubmitted: () => void;
}) {
  const { t } = useI18n();
  const { view, setView, host, api, me, registry, year } = props;
  const [opened, setOpened] = useState<string | null>(null);
  const role = me?.role ?? null;
  const manager = role === "admin" || role === "office";
  const listOnly = host.type === "excel" && host.reach.mode === "list";
  const isFile = host.type === "file";
  const results = props.outcome?.results ?? [];
  const shown: Record<View, boolean> = {
    results: true,
    template: !listOnly,
    submit: !listOnly,
    mine: role === "branch" && api !== null,
    township: manager && !listOnly && api !== null,
    status: manager && api !== null,
    admin: role === "admin" && api !== null,
    versions: manager && api !== null,
    settings: true,
  };
  const tabs = (Object.keys(LABEL) as View[]).filter((v) => shown[v]);
  const current = shown[view] ? view : "results";
  const templateOpened = useEffectEvent(() => void props.refreshRegistry());
  useEffect(() => {
    if (current === "template") templateOpened();
  }, [current]);

  const content = (): React.ReactNode => {
    if (opened && api) return <SubmissionView api={api} id={opened} onBack={() => setOpened(null)} />;
    switch (current) {
      case "results":
        return (
          <>
            <FindingsList
              results={results}
              workbook={isFile ? (props.outcome?.workbook ?? null) : null}
              onSelect={(sheet, cell) => void host.selectCell(sheet, cell).catch(() => undefined)}
            />
            {results.length > 0 && (
              <>
                <Divider />
                <Text as="h2" weight="semibold" size={500}>
                  {t("summaryTitle")}
                </Text>
                <Suspense fallback={null}>
                  <SummaryView results={results} />
                </Suspense>
              </>
            )}
          </>
        );
      case "template":
        return (
          <TemplateView
            defaultYear={Number(year)}
            actionLabel={isFile ? t("downloadTemplate") : t("insertTemplate")}
            kinds={kindsOf(registry)}
            onInsert={(kindId, y) => {
              const kind = kindById(kindId, registry);
              if (!kind) return;
              void props.run("working", async () => {
                await host.insertTemplate(kind, registry, y);
                props.say({ intent: "success", text: t("templateInserted", { title: kind.title }) });
              });
            }}
          />
        );
      case "submit":
        return (
          <SubmitPanel
            api={api}
            binding={props.binding}
            online={props.online}
            outbox={props.outbox}
            me={me}
            registry={registry}
            results={results}
            workbook={props.outcome?.workbook ?? null}
            target={props.target}
            onSubmitted={props.onSubmitted}
          />
        );
      case "mine":
        return api && <MySubmissions api={api} defaultYear={year} onResubmit={props.onResubmit} />;
      case "township":
        return (
          api && (
            <>
              <TownshipView
                api={api}
                township={registry.township.name}
                kindDefs={kindsOf(registry)}
                defaultYear={year}
                writeLabel={isFile ? t("downloadConsolidated") : t("consolidate")}
                onConsolidate={async (input: ConsolidatedInput) => {
                  await host.consolidate(input);
                  props.say({ intent: "success", text: t("consolidated", { count: input.kinds.length }) });
                }}
              />
              <Divider />
              <YearSubmissions api={api} defaultYear={year} onOpen={setOpened} />
            </>
          )
        );
      case "status":
        return (
          api && (
            <StatusView
              api={api}
              township={registry.township.name}
              defaultYear={year}
              onOpenSubmission={setOpened}
            />
          )
        );
      case "admin":
        return api && <AdminView api={api} registry={registry} onRegistry={props.setRegistry} />;
      case "versions":
        return (
          api && (
            <RegistryVersions
              api={api}
              online={props.online}
              rejudge={role === "admin" ? { registry, year } : null}
              onRegistry={role === "admin" ? props.setRegistry : null}
            />
          )
        );
      case "settings":
        return (
          <SettingsView
            settings={props.settings}
            onSave={(s) => {
              props.onSettings(s);
              props.say({ intent: "success", text: t("settingsSaved") });
              setView("results");
            }}
          />
        );
    }
  };

  return (
    <>
      <TabList
        selectedValue={current}
        onTabSelect={(_, d) => {
          setOpened(null);
          setView(d.value as View);
        }}
        size="small"
        style={{ flexWrap: "wrap" }}
      >
        {tabs.map((v) => (
          <Tab key={v} value={v}>
            {t(LABEL[v])}
          </Tab>
        ))}
      </TabList>
      <Divider />
      <Suspense fallback={<Spinner size="tiny" label={t("loading")} />}>{content()}</Suspense>
    </>
  );
}
