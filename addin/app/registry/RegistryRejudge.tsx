/**
 * 按现行登记信息重新校验 (admin, in 版本记录): after a frequency or a holiday week changed, the
 * year's stored conclusions are judged again by POST /api/registry/rejudge — first a dry run
 * (预览) listing whose conclusion would change and which cannot be judged again, then 确认保存
 * stores them. Nothing is sent with `apply` before the admin confirms a preview; a 409 drops the
 * preview so the admin looks again before saving.
 */
import { useRef, useState } from "react";
import { Button, Text } from "@fluentui/react-components";
import { OFFICE_LABEL, OFFICE_SCOPE } from "../../../shared/api";
import { kindById } from "../../../shared/kinds";
import { FINDING_CODE_NAMES } from "../../../shared/messages/codes";
import type { Locale } from "../../../shared/messages/pane";
import { versionsText, type VersionsMessageKey } from "../../../shared/messages/versions";
import type { Registry } from "../../../shared/registry";
import type { Api, ApiFailure, RejudgeResponse } from "../../api";
import { failureText } from "../failure";
import { useI18n } from "../i18n";
import { FoldToggle } from "./FoldToggle";

/** Skipped ledgers shown before 展开: a year of rolls stays one glance. */
export const SKIPPED_SHOWN = 3;

type Say = (key: VersionsMessageKey, vars?: Readonly<Record<string, string | number>>) => string;
type Changed = RejudgeResponse["changed"][number];
type Step =
  | { state: "idle" }
  | { state: "previewing" }
  /** A dry run's answer, waiting for 确认保存 or 取消 (kept while the apply runs). */
  | { state: "preview"; answer: RejudgeResponse }
  | { state: "applying"; answer: RejudgeResponse }
  | { state: "applied"; answer: RejudgeResponse };

export function RegistryRejudge({
  api,
  online,
  registry,
  year: thisYear,
}: {
  api: Api;
  online: boolean;
  registry: Registry;
  /** The current year (Shanghai): the choice is it and the year before. */
  year: string;
}) {
  const { t: pane, locale } = useI18n();
  const t: Say = (key, vars) => versionsText(locale, key, vars);
  const years = [thisYear, String(Number(thisYear) - 1)];
  const [year, setYear] = useState(thisYear);
  const [step, setStep] = useState<Step>({ state: "idle" });
  const [error, setError] = useState<string | null>(null);
  const previewButton = useRef<HTMLButtonElement>(null);
  const busy = step.state === "previewing" || step.state === "applying";

  /** The server's own sentence when it answered in the API's error shape; else the pane's words. */
  const reason = (f: ApiFailure) => (f.type === "http" && f.code !== null ? f.message : failureText(pane, f));

  const preview = async () => {
    setError(null);
    setStep({ state: "previewing" });
    const answer = await api.rejudge(year);
    if (answer.ok) setStep({ state: "preview", answer: answer.value });
    else {
      setStep({ state: "idle" });
      setError(t("rejudgeFailed", { reason: reason(answer.failure) }));
    }
  };

  const apply = async (shown: RejudgeResponse) => {
    setError(null);
    setStep({ state: "applying", answer: shown });
    const answer = await api.rejudge(shown.year, true);
    if (answer.ok) {
      setStep({ state: "applied", answer: answer.value });
    } else if (answer.failure.type === "http" && answer.failure.status === 409) {
      // The preview no longer says what would be stored: the admin previews again.
      setStep({ state: "idle" });
      setError(answer.failure.code !== null ? answer.failure.message : t("rejudgeConflict"));
    } else {
      // Nothing was stored (one transaction): the preview stands and 确认保存 may be tried again.
      setStep({ state: "preview", answer: shown });
      setError(t("rejudgeFailed", { reason: reason(answer.failure) }));
      return;
    }
    previewButton.current?.focus();
  };

  const cancel = () => {
    setStep({ state: "idle" });
    setError(null);
    previewButton.current?.focus();
  };

  const shown = step.state === "preview" || step.state === "applying" ? step.answer : null;
  const progress =
    step.state === "previewing"
      ? t("rejudgePreviewing", { year })
      : step.state === "applying"
        ? t("rejudgeApplying", { year: step.answer.year })
        : null;

  return (
    <section
      aria-labelledby="registry-rejudge-title"
      aria-busy={busy}
      style={{ display: "flex", flexDirection: "column", gap: 8 }}
    >
      <Text as="h3" id="registry-rejudge-title" weight="semibold" size={400}>
        {t("rejudgeTitle")}
      </Text>
      <Text>{t("rejudgeIntro")}</Text>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        <label htmlFor="registry-rejudge-year">
          <Text>{t("rejudgeYear")}</Text>
        </label>
        <select
          id="registry-rejudge-year"
          value={year}
          disabled={busy}
          onChange={(e) => {
            setYear(e.target.value);
            // A preview belongs to its year.
            if (step.state === "preview" || step.state === "applied") setStep({ state: "idle" });
          }}
          style={{ font: "inherit", padding: "2px 4px" }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <Button ref={previewButton} size="small" disabled={!online || busy} onClick={() => void preview()}>
          {t("rejudgePreview")}
        </Button>
      </div>
      {!online && <Text role="status">{t("rejudgeOffline")}</Text>}
      {/* The server's sentence: what the preview found, or what was saved. */}
      <Text role="status" weight="semibold">
        {progress ?? (step.state === "preview" || step.state === "applied" ? step.answer.message : "")}
      </Text>
      {error && (
        <Text role="alert" weight="semibold">
          {error}
        </Text>
      )}
      {shown && (
        <Preview answer={shown} registry={registry} locale={locale} t={t} pane={pane}>
          {shown.changed.length > 0 && (
            <Button
              appearance="primary"
              size="small"
              disabled={!online || busy}
              onClick={() => void apply(shown)}
            >
              {t("rejudgeApply")}
            </Button>
          )}
          <Button size="small" disabled={busy} onClick={cancel}>
            {t("rejudgeCancel")}
          </Button>
        </Preview>
      )}
    </section>
  );
}

/** A dry run's answer: whose conclusion changes and how, and what cannot be judged again. */
function Preview({
  answer,
  registry,
  locale,
  t,
  pane,
  children,
}: {
  answer: RejudgeResponse;
  registry: Registry;
  locale: Locale;
  t: Say;
  pane: ReturnType<typeof useI18n>["t"];
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const title = (s: { kind: string; scope: string; period: string }) => {
    const def = kindById(s.kind, registry);
    const kind = (locale === "en" && def?.titleEn) || def?.title || s.kind;
    return pane("submissionTitle", {
      kind,
      branch: s.scope === OFFICE_SCOPE ? OFFICE_LABEL : s.scope,
      period: s.period,
    });
  };
  const { changed, skipped } = answer;
  const hidden = skipped.length - SKIPPED_SHOWN;
  const skippedShown = open || hidden <= 0 ? skipped : skipped.slice(0, SKIPPED_SHOWN);
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {changed.length > 0 && (
        <>
          <Text as="h4" weight="semibold">
            {t("rejudgeChanged", { count: changed.length })}
          </Text>
          <ul
            aria-label={t("rejudgeChanged", { count: changed.length })}
            style={{ margin: 0, paddingLeft: 20 }}
          >
            {changed.map((c) => (
              <li key={c.id} aria-label={title(c)}>
                <Text weight="semibold">{title(c)}</Text>
                <br />
                <Text>{changeText(c, locale, t)}</Text>
              </li>
            ))}
          </ul>
        </>
      )}
      {skipped.length > 0 && (
        <>
          <Text as="h4" weight="semibold">
            {t("rejudgeSkipped", { count: skipped.length })}
          </Text>
          <ul
            id="registry-rejudge-skipped"
            aria-label={t("rejudgeSkipped", { count: skipped.length })}
            style={{ margin: 0, paddingLeft: 20 }}
          >
            {skippedShown.map((s) => (
              <li key={s.id} aria-label={title(s)}>
                <Text weight="semibold">{title(s)}</Text>
                <br />
                <Text>{s.reason}</Text>
              </li>
            ))}
          </ul>
          <FoldToggle
            hidden={hidden}
            open={open}
            onToggle={setOpen}
            controls="registry-rejudge-skipped"
            t={t}
          />
        </>
      )}
      <div style={{ display: "flex", gap: 8 }}>{children}</div>
    </div>
  );
}

/**
 * Before → after in words: 警告 3 → 0, 错误 when it moves, then each finding code whose count
 * moves by the name the findings list gives it (未按期召开 2 → 0).
 */
export function changeText(c: Changed, locale: Locale, t: Say): string {
  const parts: string[] = [];
  if (c.before.errors !== c.after.errors) {
    parts.push(t("rejudgeErrors", { before: c.before.errors, after: c.after.errors }));
  }
  parts.push(t("rejudgeWarnings", { before: c.before.warnings, after: c.after.warnings }));
  const names = FINDING_CODE_NAMES[locale];
  // In the vocabulary's order (errors' codes first, as the findings list); unknown codes last.
  const order = Object.keys(names);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  const codes = [...new Set([...Object.keys(c.before.counts), ...Object.keys(c.after.counts)])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  for (const code of codes) {
    const before = c.before.counts[code] ?? 0;
    const after = c.after.counts[code] ?? 0;
    if (before !== after) parts.push(t("rejudgeCount", { name: names[code] ?? code, before, after }));
  }
  return parts.join(locale === "en" ? "; " : "；");
}
