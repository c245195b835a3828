/**
 * 恢复为此版 (admin, on each earlier version in 版本记录): loads that version's body from
 * GET /api/registry/versions/:version and the current registry, shows what restoring would change
 * (the same `registryChanges` lines as the version list), and only on 确认恢复 sends the old body
 * unchanged through the ordinary PUT /api/registry (?restoredFrom=N). A refusal (an old body today's
 * schema no longer accepts) is shown in the server's words and changes nothing.
 */
import { useEffect, useRef, useState } from "react";
import { Button, Text } from "@fluentui/react-components";
import { versionsText, type VersionsMessageKey } from "../../../shared/messages/versions";
import { RegistrySchema, type Registry } from "../../../shared/registry";
import { registryChanges } from "../../../shared/registry-diff";
import type { Api, ApiFailure } from "../../api";
import { failureText } from "../failure";
import { useI18n } from "../i18n";
import { registryVersion, restoreRegistry } from "./versions-api";

type Step =
  | { state: "idle" }
  | { state: "loading" }
  /** The old body as stored, and the lines from the current registry to it (null: not readable today). */
  | { state: "preview"; body: Record<string, unknown>; changes: string[] | null }
  | { state: "saving"; body: Record<string, unknown>; changes: string[] | null };

export function RegistryRestore({
  api,
  online,
  version,
  onRestored,
}: {
  api: Api;
  online: boolean;
  version: number;
  /** The registry the server stored, and its new version number. */
  onRestored: (registry: Registry, saved: number) => void;
}) {
  const { t: pane, locale } = useI18n();
  const t = (key: VersionsMessageKey, vars?: Readonly<Record<string, string | number>>) =>
    versionsText(locale, key, vars);
  const [step, setStep] = useState<Step>({ state: "idle" });
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const preview = useRef<HTMLDivElement>(null);
  /** Where focus goes once the step is on screen: the preview to decide on, or back to the button. */
  const focusNext = useRef<"button" | "preview" | null>(null);
  const busy = step.state === "loading" || step.state === "saving";

  useEffect(() => {
    const target = focusNext.current === "preview" ? preview.current : button.current;
    if (focusNext.current) target?.focus();
    focusNext.current = null;
  }, [step]);

  /** The server's own sentence when it answered in the API's error shape; else the pane's words. */
  const reason = (f: ApiFailure) => (f.type === "http" && f.code !== null ? f.message : failureText(pane, f));
  const fail = (f: ApiFailure) => {
    focusNext.current = "button";
    setStep({ state: "idle" });
    setError(t("restoreFailed", { reason: reason(f) }));
  };

  const load = async () => {
    setError(null);
    setStep({ state: "loading" });
    const [old, current] = await Promise.all([registryVersion(api, version), api.registry()]);
    if (!old.ok) return fail(old.failure);
    if (!current.ok) return fail(current.failure);
    const read = RegistrySchema.safeParse(old.value.registry);
    const changes = read.success ? registryChanges(current.value.registry, read.data) : null;
    // The preview is what the admin decides on: read it out first.
    focusNext.current = "preview";
    setStep({ state: "preview", body: old.value.registry, changes });
  };

  const confirm = async (body: Record<string, unknown>, changes: string[] | null) => {
    setError(null);
    setStep({ state: "saving", body, changes });
    const answer = await restoreRegistry(api, body, version);
    if (!answer.ok) return fail(answer.failure);
    setStep({ state: "idle" });
    onRestored(answer.value.registry, answer.value.version);
  };

  const cancel = () => {
    focusNext.current = "button";
    setStep({ state: "idle" });
  };

  const shown = step.state === "preview" || step.state === "saving" ? step : null;
  const titleId = `registry-restore-${version}-title`;
  return (
    <div aria-busy={busy} style={{ display: "flex", flexDirection: "column", gap: 4 }}>
      {!shown && (
        <div>
          <Button ref={button} size="small" disabled={!online || busy} onClick={() => void load()}>
            {t("restoreButton")}
          </Button>
        </div>
      )}
      {!online && !shown && <Text size={200}>{t("restoreOffline")}</Text>}
      <Text role="status">
        {step.state === "loading"
          ? t("restoreLoading", { version })
          : step.state === "saving"
            ? t("restoreSaving", { version })
            : ""}
      </Text>
      {error && (
        <Text role="alert" weight="semibold">
          {error}
        </Text>
      )}
      {shown && (
        <div
          ref={preview}
          role="group"
          aria-labelledby={titleId}
          tabIndex={-1}
          style={{ display: "flex", flexDirection: "column", gap: 4, outline: "none" }}
        >
          <Text id={titleId} weight="semibold">
            {t("restoreTitle", { version })}
          </Text>
          {shown.changes === null ? (
            <Text>{t("restoreUnreadable")}</Text>
          ) : shown.changes.length === 0 ? (
            <Text>{t("restoreSame")}</Text>
          ) : (
            <>
              <Text>{t("restoreDiff")}</Text>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {shown.changes.map((line, i) => (
                  <li key={i}>
                    <Text>{line}</Text>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div style={{ display: "flex", gap: 8 }}>
            {shown.changes?.length !== 0 && (
              <Button
                size="small"
                appearance="primary"
                disabled={!online || busy}
                onClick={() => void confirm(shown.body, shown.changes)}
              >
                {t("restoreConfirm")}
              </Button>
            )}
            <Button size="small" disabled={busy} onClick={cancel}>
              {t("restoreCancel")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
