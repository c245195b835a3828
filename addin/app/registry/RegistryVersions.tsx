/**
 * 版本记录 (admin, office): every saved registry version from GET /api/registry/versions, newest
 * first — 第 N 版, when (Beijing time), who saved it, and its change lines, the first few shown and
 * the rest a click away; the current one marked 当前. Loaded when the view opens. The admin also
 * finds here 按现行登记信息重新校验 (RegistryRejudge.tsx) and, on each earlier version, 恢复为此版
 * (RegistryRestore.tsx); the office only reads.
 */
import { useEffect, useRef, useState } from "react";
import { Badge, Button, Text } from "@fluentui/react-components";
import { versionsText, type VersionsMessageKey } from "../../../shared/messages/versions";
import { beijingTime } from "../../../shared/read/dates";
import type { Registry } from "../../../shared/registry";
import type { RegistryVersionsResponse } from "../../../shared/api-versions";
import type { Api, ApiFailure } from "../../api";
import { failureText } from "../failure";
import { useI18n } from "../i18n";
import { FoldToggle } from "./FoldToggle";
import { RegistryRejudge } from "./RegistryRejudge";
import { RegistryRestore } from "./RegistryRestore";
import { registryVersions } from "./versions-api";

/** Change lines shown before 展开: a long save (a whole township's branches) stays one glance. */
export const CHANGES_SHOWN = 3;

type Version = RegistryVersionsResponse["versions"][number];
type Say = (key: VersionsMessageKey, vars?: Readonly<Record<string, string | number>>) => string;
type Load =
  | { state: "loading" }
  | { state: "done"; data: RegistryVersionsResponse }
  | { state: "failed"; failure: ApiFailure };

export function RegistryVersions({
  api,
  online,
  rejudge = null,
  onRegistry = null,
}: {
  api: Api;
  online: boolean;
  /** The admin's 重新校验: the registry (ledger titles) and the current year; null for the office. */
  rejudge?: { registry: Registry; year: string } | null;
  /** The admin's 恢复为此版: the pane's registry replaced by the one restored; null for the office. */
  onRegistry?: ((registry: Registry) => void) | null;
}) {
  const { t: pane, locale } = useI18n();
  const t: Say = (key, vars) => versionsText(locale, key, vars);
  const [load, setLoad] = useState<Load>({ state: "loading" });
  /** Bumped by 刷新 and 重试: asks the server again. */
  const [asked, setAsked] = useState(0);
  /** The last 恢复为此版: which version was restored and the version it was saved as. */
  const [restored, setRestored] = useState<{ from: number; version: number } | null>(null);
  const restoredNotice = useRef<HTMLDivElement>(null);

  useEffect(() => restoredNotice.current?.focus(), [restored]);

  const restore =
    onRegistry &&
    ((from: number) => (registry: Registry, version: number) => {
      onRegistry(registry);
      setRestored({ from, version });
      setAsked((n) => n + 1);
    });

  useEffect(() => {
    if (!online) return;
    let live = true;
    setLoad({ state: "loading" });
    void registryVersions(api).then((answer) => {
      if (!live) return;
      setLoad(
        answer.ok ? { state: "done", data: answer.value } : { state: "failed", failure: answer.failure },
      );
    });
    return () => {
      live = false;
    };
  }, [api, online, asked]);

  /** The server's own sentence when it answered in the API's error shape; else the pane's words. */
  const reason = (f: ApiFailure) => (f.type === "http" && f.code !== null ? f.message : failureText(pane, f));

  const body = (): React.ReactNode => {
    if (!online && load.state !== "done") return <Notice text={t("versionsOffline")} />;
    if (load.state === "loading") return <Notice text={t("versionsLoading")} />;
    if (load.state === "failed") {
      if (load.failure.type === "forbidden") return <Notice text={t("versionsForbidden")} />;
      return <Notice alert text={t("versionsFailed", { reason: reason(load.failure) })} />;
    }
    const { versions, current } = load.data;
    if (versions.length === 0) return <Text>{t("versionsEmpty")}</Text>;
    return (
      <ol
        style={{
          listStyle: "none",
          margin: 0,
          padding: 0,
          display: "flex",
          flexDirection: "column",
          gap: 12,
        }}
      >
        {versions.map((v) => (
          <VersionItem key={v.version} version={v} current={v.version === current} t={t}>
            {restore && v.version !== current && (
              <RegistryRestore
                api={api}
                online={online}
                version={v.version}
                onRestored={restore(v.version)}
              />
            )}
          </VersionItem>
        ))}
      </ol>
    );
  };

  return (
    <section aria-label={pane("tabVersions")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {pane("tabVersions")}
      </Text>
      <Text>{t("versionsIntro")}</Text>
      {rejudge && <RegistryRejudge api={api} online={online} {...rejudge} />}
      <div>
        <Button
          size="small"
          disabled={!online || load.state === "loading"}
          onClick={() => setAsked((n) => n + 1)}
        >
          {load.state === "failed" ? pane("retry") : t("versionsRefresh")}
        </Button>
      </div>
      {restored && (
        <div ref={restoredNotice} tabIndex={-1} role="status" style={{ outline: "none" }}>
          <Text weight="semibold">{t("restoreDone", restored)} </Text>
          <Text>{t("restoreRejudge")}</Text>
        </div>
      )}
      {body()}
    </section>
  );
}

function VersionItem({
  version: v,
  current,
  t,
  children,
}: {
  version: Version;
  current: boolean;
  t: Say;
  /** The admin's 恢复为此版 on an earlier version. */
  children?: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const title = t("versionNumber", { version: v.version });
  const hidden = v.changes.length - CHANGES_SHOWN;
  const lines = open || hidden <= 0 ? v.changes : v.changes.slice(0, CHANGES_SHOWN);
  const listId = `registry-version-${v.version}-changes`;
  return (
    <li
      aria-label={title}
      aria-current={current || undefined}
      style={{ display: "flex", flexDirection: "column", gap: 4 }}
    >
      <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 8px", alignItems: "center" }}>
        <Text as="h3" weight="semibold">
          {title}
        </Text>
        {current && (
          <Badge appearance="tint" color="success">
            {t("versionCurrent")}
          </Badge>
        )}
        <Text size={200}>
          {t("versionMeta", { time: beijingTime(v.createdAt), who: v.createdBy ?? t("versionNobody") })}
        </Text>
      </div>
      {v.changes.length === 0 ? (
        <Text size={200}>{t("versionNoChanges")}</Text>
      ) : (
        <ul id={listId} style={{ margin: 0, paddingLeft: 20 }}>
          {lines.map((line, i) => (
            <li key={i}>
              <Text>{line}</Text>
            </li>
          ))}
        </ul>
      )}
      <FoldToggle hidden={hidden} open={open} onToggle={setOpen} controls={listId} t={t} />
      {children}
    </li>
  );
}

/**
 * A state in words, read out by screen readers. Plain Text rather than Fluent's Spinner and
 * MessageBar: imported here they re-split chunks the first screen loads (249.5 KB gzip against
 * 248.7 without them, limit 250).
 */
function Notice({ text, alert = false }: { text: string; alert?: boolean }) {
  return (
    <Text role={alert ? "alert" : "status"} weight={alert ? "semibold" : "regular"}>
      {text}
    </Text>
  );
}
