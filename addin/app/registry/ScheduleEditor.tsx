/**
 * 报送与频次: the due day, the thresholds the rules read (each shown with its default), every
 * meeting type's frequency (settings.cadence), and the holiday weeks on a calendar.
 */
import {
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import {
  BRANCH_MEETING_DEFAULTS,
  DEFAULT_SETTINGS,
  OFFICE_MEETING_DEFAULTS,
  type CadenceSetting,
} from "../../../shared/settings";
import type { PaneMessageKey } from "../../../shared/messages/pane";
import { useI18n } from "../i18n";
import { withOptional, type RegistryDraft } from "./draft";
import { NumberInput, useFieldError } from "./fields";
import { HolidayCalendar } from "./HolidayCalendar";

type Settings = NonNullable<RegistryDraft["settings"]>;

export const FREQUENCY_LABEL: Readonly<Record<CadenceSetting, PaneMessageKey>> = {
  week: "regFreqWeek",
  month: "regFreqMonth",
  quarter: "regFreqQuarter",
  year: "regFreqYear",
  off: "regFreqOff",
};

const MEETING_DEFAULTS = { ...OFFICE_MEETING_DEFAULTS, ...BRANCH_MEETING_DEFAULTS };

export function ScheduleEditor({
  draft,
  onChange,
  year,
}: {
  draft: RegistryDraft;
  onChange: (draft: RegistryDraft) => void;
  /** The calendar's first year shown: the as-of year. */
  year: number;
}) {
  const { t } = useI18n();
  const err = useFieldError();
  const settings: Settings = draft.settings ?? {};
  const setSettings = (next: Settings) =>
    onChange(withOptional(draft, "settings", Object.keys(next).length ? next : undefined));
  const setSetting = <K extends keyof Settings>(key: K, value: Settings[K] | undefined) =>
    setSettings(withOptional(settings, key, value));
  const cadence = settings.cadence ?? {};
  const setCadence = (type: string, every: CadenceSetting | "") => {
    const next = withOptional({ ...cadence } as Record<string, CadenceSetting>, type, every || undefined);
    setSetting("cadence", Object.keys(next).length ? next : undefined);
  };
  const percent =
    settings.excellentShare === undefined ? undefined : Math.round(settings.excellentShare * 1000) / 10;

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
        <Field label={t("regDueDay")} hint={t("regDueDayHint")} {...err("dueDay")}>
          <NumberInput
            min={1}
            max={28}
            value={draft.dueDay}
            onChange={(n) => onChange(withOptional(draft, "dueDay", n))}
          />
        </Field>
      </div>
      <Text as="h3" weight="semibold">
        {t("regThresholds")}
      </Text>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
        <Field
          label={t("regVisitDays")}
          hint={t("regDefaultValue", { value: DEFAULT_SETTINGS.visitDaysPerWeek })}
          {...err("settings.visitDaysPerWeek")}
        >
          <NumberInput
            min={1}
            max={7}
            value={settings.visitDaysPerWeek}
            onChange={(n) => setSetting("visitDaysPerWeek", n)}
          />
        </Field>
        <Field
          label={t("regExcellentShare")}
          hint={t("regDefaultValue", { value: DEFAULT_SETTINGS.excellentShare * 100 })}
          {...err("settings.excellentShare")}
        >
          <NumberInput
            min={1}
            max={100}
            value={percent}
            onChange={(n) => setSetting("excellentShare", n === undefined ? undefined : n / 100)}
          />
        </Field>
        <Field
          label={t("regOpenDays")}
          hint={t("regDefaultValue", { value: DEFAULT_SETTINGS.openDaysLimit })}
          {...err("settings.openDaysLimit")}
        >
          <NumberInput
            min={1}
            value={settings.openDaysLimit}
            onChange={(n) => setSetting("openDaysLimit", n)}
          />
        </Field>
      </div>
      <Text as="h3" weight="semibold">
        {t("regCadenceTitle")}
      </Text>
      <Field {...err("settings.cadence")}>
        <Table size="extra-small" aria-label={t("regCadenceTitle")} style={{ maxWidth: 420 }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("regMeetingType")}</TableHeaderCell>
              <TableHeaderCell>{t("regFrequency")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {Object.entries(MEETING_DEFAULTS).map(([type, d]) => (
              <TableRow key={type}>
                <TableCell>{type}</TableCell>
                <TableCell>
                  <Select
                    aria-label={`${type} ${t("regFrequency")}`}
                    value={cadence[type] ?? ""}
                    onChange={(_, v) => setCadence(type, v.value as CadenceSetting | "")}
                  >
                    <option value="">{t("regCadenceDefault", { freq: t(FREQUENCY_LABEL[d.every]) })}</option>
                    {(Object.keys(FREQUENCY_LABEL) as CadenceSetting[]).map((f) => (
                      <option key={f} value={f}>
                        {t(FREQUENCY_LABEL[f])}
                      </option>
                    ))}
                  </Select>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Field>
      <Text as="h3" weight="semibold">
        {t("regHolidayTitle")}
      </Text>
      <Field {...err("exemptPeriods")}>
        <HolidayCalendar
          periods={draft.exemptPeriods ?? []}
          onChange={(periods) => onChange(withOptional(draft, "exemptPeriods", periods))}
          initialYear={year}
        />
      </Field>
    </div>
  );
}
