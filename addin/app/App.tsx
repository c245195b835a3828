/**
 * The pane: one app for Excel (taskpane.html) and the standalone page (index.html). Which host
 * it runs in decides a few buttons; `GET /api/me` decides the role-based ones.
 */
import { useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import {
  Button,
  Divider,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  Toolbar,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { validateWorkbook } from "../../shared/engine";
import { kindById } from "../../shared/kinds";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { todayIn } from "../../shared/read/dates";
import type { PaneMessageKey } from "../../shared/messages/pane";
import { createApi, type ApiFailure, type Me } from "../api";
import { PaneError, type Engine, type Host, type ValidateOutcome } from "../host";
import { I18nProvider, useI18n } from "./i18n";
import { FindingsList } from "./FindingsList";
import { SummaryView } from "./SummaryView";
import { SubmitPanel } from "./SubmitPanel";
import { StatusView } from "./StatusView";
import { TownshipView } from "./TownshipView";
import { AdminView } from "./AdminView";
import { SettingsView } from "./SettingsView";
import { TemplateView } from "./TemplateView";
import { failureText } from "./failure";
import type { AppUpdate } from "../offline/register";
import { OfflineNotices, useOnline } from "./OfflineNotices";
import { pageOutbox, type Outbox, type OutboxBinding } from "./outbox";
import {
  browserStorage,
  loadServerMemory,
  loadSettings,
  saveServerMemory,
  saveSettings,
  type Settings,
} from "./storage";

type View = "results" | "template" | "submit" | "status" | "township" | "admin" | "settings";
type Notice = { intent: "success" | "error" | "warning" | "info"; text: string };

export interface AppProps {
  host: Host;
  storage?: Storage | null;
  fetchImpl?: typeof fetch;
  /** The clock, for the as-of date (today in Asia/Shanghai). */
  now?: () => Date;
  /** Submissions waiting for the network (the page's own outbox unless given). */
  outbox?: Outbox;
  /** The standalone page's service worker, when a new build is waiting to take over. */
  update?: AppUpdate | null;
}

const useStyles = makeStyles({
  root: {
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    maxWidth: "960px",
    margin: "0 auto",
  },
  header: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    gap: "8px",
    flexWrap: "wrap",
  },
  toolbar: { display: "flex", flexWrap: "wrap", gap: "6px", padding: 0 },
  who: { color: tokens.colorNeutralForeground3 },
});

export function App(props: AppProps) {
  const storage = props.storage === undefined ? browserStorage() : props.storage;
  const [settings, setSettings] = useState<Settings>(() => loadSettings(storage));
  return (
    <FluentProvider theme={webLightTheme} lang={settings.locale}>
      <I18nProvider locale={settings.locale}>
        <Pane
          {...props}
          storage={storage}
          settings={settings}
          onSettings={(s) => {
            saveSettings(storage, s);
            setSettings(s);
          }}
        />
      </I18nProvider>
    </FluentProvider>
  );
}

function Pane({
  host,
  storage,
  fetchImpl,
  now = () => new Date(),
  outbox = pageOutbox(),
  update,
  settings,
  onSettings,
}: AppProps & { storage: Storage | null; settings: Settings; onSettings: (s: Settings) => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const api = useMemo(
    () =>
      settings.serverUrl && settings.token
        ? createApi({ serverUrl: settings.serverUrl, token: settings.token, fetch: fetchImpl })
        : null,
    [settings.serverUrl, settings.token, fetchImpl],
  );
  const online = useOnline();
  const [me, setMe] = useState<Me | null>(null);
  const [registry, setRegistry] = useState<Registry>(
    () => loadServerMemory(storage, settings.serverUrl).registry ?? DEFAULT_REGISTRY,
  );
  const [outcome, setOutcome] = useState<ValidateOutcome | null>(null);
  const [busy, setBusy] = useState<{ label: string; fraction?: number } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [view, setView] = useState<View>("results");
  const [fileName, setFileName] = useState<string | null>(null);
  /** The read in progress, which 取消 stops. */
  const [reading, setReading] = useState<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const asOf = todayIn("Asia/Shanghai", now());
  const year = asOf.slice(0, 4);
  const isFile = host.type === "file";
  const fileHost = host.type === "file" ? host : null;
  // Below ExcelApi 1.13 the pane lists findings and selects cells only (docs/addin.md).
  const listOnly = host.type === "excel" && host.reach.mode === "list";

  // Said in the language of the moment; the caller is asked again only when the server or token changes.
  const meFailed = useEffectEvent((failure: ApiFailure) =>
    setNotice({ intent: "error", text: failureText(t, failure) }),
  );
  useEffect(() => {
    let live = true;
    if (!api) {
      setMe(null);
      return;
    }
    // Offline, the user the server named last stands (the offline notice says why it is not asked).
    setMe(loadServerMemory(storage, settings.serverUrl).me);
    if (!online) return;
    void api.me().then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setMe(answer.value);
        saveServerMemory(storage, settings.serverUrl, { me: answer.value });
        return;
      }
      if (answer.failure.type !== "network") setMe(null);
      meFailed(answer.failure);
    });
    return () => {
      live = false;
    };
  }, [api, online, settings.serverUrl, storage]);

  /** Whom a submission made now is for: this server, this token and its user. */
  const binding = useMemo<OutboxBinding | null>(
    () =>
      api ? { serverUrl: settings.serverUrl, token: settings.token, userId: me?.user.id ?? null } : null,
    [api, settings.serverUrl, settings.token, me?.user.id],
  );

  /** The server's registry when one is configured (so the pane and the Worker agree), else the embedded one. */
  const currentRegistry = async (): Promise<Registry> => {
    if (!api) return DEFAULT_REGISTRY;
    const answer = online ? await api.registry() : null;
    if (answer?.ok) {
      setRegistry(answer.value.registry);
      saveServerMemory(storage, settings.serverUrl, { registry: answer.value.registry });
      return answer.value.registry;
    }
    // The server's registry as it last answered, so offline checks agree with the Worker's.
    const remembered = loadServerMemory(storage, settings.serverUrl).registry;
    if (remembered) {
      setRegistry(remembered);
      return remembered;
    }
    setNotice({ intent: "warning", text: t("registryFallback") });
    return registry;
  };

  const run = async (label: PaneMessageKey, work: () => Promise<void>) => {
    setBusy({ label: t(label) });
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setNotice({
        intent: "error",
        text:
          e instanceof PaneError
            ? t(e.key, e.vars)
            : t(isFile ? "errorGeneric" : "errorExcel", {
                reason: e instanceof Error ? e.message : String(e),
              }),
      });
    } finally {
      setBusy(null);
    }
  };

  const validate = (scope: "sheet" | "all") =>
    run("checking", async () => {
      const reg = await currentRegistry();
      // A branch's token: judge as the Worker will (a branch reports only its own rows).
      const branch = me?.role === "branch" ? (me.branch ?? undefined) : undefined;
      const engine: Engine = (workbook, sheets) =>
        validateWorkbook(workbook, { asOf, registry: reg, sheets, branch });
      const result = await host.validate(scope, engine, (step, fraction) =>
        setBusy({ label: t(step), fraction }),
      );
      setOutcome(result);
      // Submissions kept without their ID cells become sendable again from the same workbook.
      outbox.restore(result.workbook);
      setView("results");
      const level = host.type === "excel" ? host.reach.level : "";
      const lines = [
        result.mode === "notes"
          ? t("marksWritten", { cells: result.cellsMarked, notes: result.notesWritten })
          : result.mode === "colours"
            ? t("marksColoursOnly", { cells: result.cellsMarked, level })
            : result.mode === "list"
              ? t("marksListOnly")
              : "",
        result.protectedSheets?.length
          ? t("sheetsProtected", { sheets: result.protectedSheets.join("、") })
          : "",
        result.notesKept ? t("notesKept", { count: result.notesKept }) : "",
      ].filter(Boolean);
      if (lines.length)
        setNotice({ intent: result.protectedSheets?.length ? "warning" : "success", text: lines.join(" ") });
    });

  const openFile = async (file: File) => {
    if (!fileHost) return;
    await run("reading", async () => {
      const label = t("readingFile", { file: file.name });
      setBusy({ label, fraction: 0 });
      const controller = new AbortController();
      setReading(controller);
      const opened = await fileHost
        .open(file, { signal: controller.signal, onProgress: (fraction) => setBusy({ label, fraction }) })
        .finally(() => setReading(null));
      if (!opened.ok) {
        if (opened.problem === "cancelled") {
          setNotice({ intent: "info", text: t("readCancelled", { file: file.name }) });
          return;
        }
        const key =
          opened.problem === "not-xlsx"
            ? "askXlsx"
            : opened.problem === "too-large"
              ? "fileTooLarge"
              : "unreadableFile";
        setNotice({
          intent: "error",
          text: t(key, { file: file.name, size: Math.round(file.size / 1048576) }),
        });
        return;
      }
      setFileName(opened.name);
    });
    if (fileHost.fileName() === file.name) await validate("all");
  };

  const role = me?.role ?? null;
  const manager = role === "admin" || role === "office";
  const results = outcome?.results ?? [];

  const actionButton = (key: PaneMessageKey, onClick: () => void, primary = false, disabled = false) => (
    <Button
      key={key}
      appearance={primary ? "primary" : "secondary"}
      onClick={onClick}
      disabled={busy !== null || disabled}
    >
      {t(key)}
    </Button>
  );

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <div>
          <Text as="h1" size={600} weight="semibold">
            {t("appTitle")}
          </Text>{" "}
          <Text className={styles.who}>{t("appSubtitle")}</Text>
        </div>
        <Button
          appearance="subtle"
          aria-label={t("language")}
          onClick={() => onSettings({ ...settings, locale: settings.locale === "zh-CN" ? "en" : "zh-CN" })}
        >
          {t("otherLanguage")}
        </Button>
      </header>
      <Text className={styles.who} data-testid="who">
        {me
          ? t("signedInAs", {
              name: me.user.name,
              role:
                me.role === "admin"
                  ? t("roleAdmin")
                  : me.role === "office"
                    ? t("roleOffice")
                    : `${t("roleBranch")} ${me.branch ?? ""}`.trim(),
            })
          : t("notSignedIn")}
      </Text>
      <Toolbar className={styles.toolbar} aria-label={t("appTitle")}>
        {isFile ? (
          <>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label={t("chooseFile")}
              data-testid="file-input"
              style={{ display: "none" }}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void openFile(file);
              }}
            />
            {actionButton("openWorkbook", () => fileInput.current?.click(), true)}
            {actionButton("validateAll", () => void validate("all"), false, !fileName)}
            {actionButton(
              "downloadAnnotated",
              () =>
                void run(
                  "working",
                  () =>
                    fileHost?.downloadAnnotated(results, `${fileName ?? ""} · ${asOf}`) ?? Promise.resolve(),
                ),
              false,
              !outcome,
            )}
          </>
        ) : (
          <>
            {actionButton("validateSheet", () => void validate("sheet"), true)}
            {actionButton("validateAll", () => void validate("all"))}
            {!listOnly &&
              actionButton(
                "clearMarks",
                () =>
                  void run("working", async () => {
                    const cleared = await host.clearMarks();
                    const lines = [
                      cleared.cleared > 0 ? t("marksCleared") : t("noMarks"),
                      cleared.protectedSheets.length
                        ? t("marksProtected", { sheets: cleared.protectedSheets.join("、") })
                        : "",
                      cleared.notesKept ? t("notesKept", { count: cleared.notesKept }) : "",
                    ].filter(Boolean);
                    setNotice({ intent: lines.length > 1 ? "warning" : "success", text: lines.join(" ") });
                  }),
              )}
            {!listOnly &&
              actionButton(
                "writeSummary",
                () =>
                  void run("working", async () => {
                    const current = outcome ?? null;
                    if (!current) return setNotice({ intent: "info", text: t("submitNeedsValidate") });
                    await host.writeSummary(current.results, {
                      sheetName: "汇总",
                      figure: t("figure"),
                      value: t("value"),
                    });
                    setNotice({ intent: "success", text: t("summaryWritten") });
                  }),
              )}
          </>
        )}
        {!listOnly && actionButton("insertTemplate", () => setView("template"))}
        {!listOnly && actionButton("submit", () => setView("submit"))}
        {manager && !listOnly && actionButton("consolidate", () => setView("township"))}
        {manager && actionButton("status", () => setView("status"))}
        {role === "admin" && actionButton("admin", () => setView("admin"))}
        {actionButton("settings", () => setView("settings"))}
      </Toolbar>
      <OfflineNotices outbox={outbox} api={api} binding={binding} online={online} update={update} />
      {isFile && <Text>{fileName ? t("openedFile", { file: fileName }) : t("noFile")}</Text>}
      {host.type === "excel" && listOnly && (
        <MessageBar intent="warning" data-testid="excel-reach">
          <MessageBarBody>
            {t(host.reach.level ? "excelTooOld" : "excelAbsent", {
              level: host.reach.level,
              url: `${window.location.origin}/`,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {busy && (
        <Field validationMessage={busy.label} validationState="none" aria-live="polite">
          <ProgressBar value={busy.fraction} aria-label={busy.label} />
        </Field>
      )}
      {busy && reading && (
        <Button appearance="secondary" onClick={() => reading.abort()}>
          {t("cancel")}
        </Button>
      )}
      {notice && (
        <MessageBar intent={notice.intent} aria-live="polite">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <Divider />
      {view === "results" && (
        <>
          <FindingsList
            results={results}
            onSelect={(sheet, cell) => void host.selectCell(sheet, cell).catch(() => undefined)}
          />
          {results.length > 0 && (
            <>
              <Divider />
              <Text as="h2" weight="semibold" size={500}>
                {t("summaryTitle")}
              </Text>
              <SummaryView results={results} />
            </>
          )}
        </>
      )}
      {view === "template" && (
        <TemplateView
          defaultYear={Number(year)}
          actionLabel={isFile ? t("downloadTemplate") : t("insertTemplate")}
          onInsert={(kindId, y) => {
            const kind = kindById(kindId);
            if (!kind) return;
            void run("working", async () => {
              await host.insertTemplate(kind, registry, y);
              setNotice({ intent: "success", text: t("templateInserted", { title: kind.title }) });
            });
          }}
        />
      )}
      {view === "submit" && (
        <SubmitPanel
          api={api}
          binding={binding}
          online={online}
          outbox={outbox}
          me={me}
          registry={registry}
          results={results}
          workbook={outcome?.workbook ?? null}
        />
      )}
      {view === "status" && api && (
        <StatusView api={api} township={registry.township.name} defaultYear={year} />
      )}
      {view === "township" && api && (
        <TownshipView
          api={api}
          township={registry.township.name}
          defaultYear={year}
          writeLabel={isFile ? t("downloadConsolidated") : t("consolidate")}
          onConsolidate={async (input) => {
            await host.consolidate(input);
            setNotice({ intent: "success", text: t("consolidated", { count: input.kinds.length }) });
          }}
        />
      )}
      {view === "admin" && api && <AdminView api={api} registry={registry} onRegistry={setRegistry} />}
      {view === "settings" && (
        <SettingsView
          settings={settings}
          onSave={(s) => {
            onSettings(s);
            setNotice({ intent: "success", text: t("settingsSaved") });
            setView("results");
          }}
        />
      )}
    </main>
  );
}
