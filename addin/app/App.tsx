/**
 * The pane: one app for Excel (taskpane.html) and the standalone page (index.html). Which host
 * it runs in decides the actions (PaneToolbar); `GET /api/me` decides the role-based views (PaneViews).
 */
import { useRef, useState } from "react";
import {
  Button,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { todayIn } from "../../shared/read/dates";
import type { Host } from "../host";
import type { AppUpdate } from "../offline/register";
import { I18nProvider, useI18n } from "./i18n";
import { OfflineNotices } from "./OfflineNotices";
import { pageOutbox, type Outbox } from "./outbox";
import { browserStorage, loadSettings, saveSettings, type Settings } from "./storage";
import { useServer } from "./useServer";
import { useChecks, type Notice } from "./useChecks";
import { PaneToolbar } from "./PaneToolbar";
import { PaneViews, type View } from "./PaneViews";
import type { SubmitTarget } from "./MySubmissions";

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
  const [notice, setNotice] = useState<Notice | null>(null);
  const [view, setView] = useState<View>("results");
  /** The ledger 我的报送 leads back to: 提交 preselects it after the next check. */
  const [target, setTarget] = useState<SubmitTarget | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const asOf = todayIn("Asia/Shanghai", now());
  const server = useServer({
    settings,
    storage,
    fetchImpl,
    onProblem: (intent, text) => setNotice({ intent, text }),
  });
  const { api, me } = server;
  const checks = useChecks({
    host,
    asOf,
    me,
    outbox,
    currentRegistry: server.currentRegistry,
    say: setNotice,
    onChecked: () => setView(target ? "submit" : "results"),
  });
  const { busy, reading, fileName } = checks;

  const resubmit = (next: SubmitTarget) => {
    setTarget(next);
    const vars = { kind: next.title, period: next.period };
    if (host.type === "file") {
      setNotice({ intent: "info", text: t("resubmitPage", vars) });
      fileInput.current?.click();
      return;
    }
    setNotice({ intent: "info", text: t("resubmitExcel", vars) });
    setView("submit");
  };

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
      <PaneToolbar
        host={host}
        busy={busy !== null}
        fileName={fileName}
        outcome={checks.outcome}
        asOf={asOf}
        fileInput={fileInput}
        run={checks.run}
        validate={checks.validate}
        openFile={checks.openFile}
        say={setNotice}
      />
      <OfflineNotices
        outbox={outbox}
        api={api}
        binding={server.binding}
        online={server.online}
        update={update}
      />
      {host.type === "file" && <Text>{fileName ? t("openedFile", { file: fileName }) : t("noFile")}</Text>}
      {host.type === "excel" && host.reach.mode === "list" && (
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
      <PaneViews
        view={view}
        setView={setView}
        host={host}
        api={api}
        me={me}
        registry={server.registry}
        setRegistry={server.setRegistry}
        refreshRegistry={server.refreshRegistry}
        outcome={checks.outcome}
        online={server.online}
        outbox={outbox}
        binding={server.binding}
        year={asOf.slice(0, 4)}
        settings={settings}
        onSettings={onSettings}
        run={checks.run}
        say={setNotice}
        target={target}
        onResubmit={resubmit}
        onSubmitted={() => setTarget(null)}
      />
    </main>
  );
}
