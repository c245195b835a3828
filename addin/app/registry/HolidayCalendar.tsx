/**
 * 节假日免检周 picked on a calendar: the twelve months of a year, one row per week (Monday first,
 * with its ISO week number); a click on a week picks it or drops it. `exemptPeriods` keeps ISO
 * weeks `YYYY-Www`; other periods an admin typed in the JSON (a month, a quarter) are kept as they are.
 */
import { useState } from "react";
import { Button, Text, tokens } from "@fluentui/react-components";
import { addDays, dayOfWeek } from "../../../shared/read/dates";
import { periodBounds, weekOf } from "../../../shared/period";
import { useI18n } from "../i18n";

/** The Mondays of the weeks that hold at least one day of the month. */
function mondaysOf(year: number, month: number): string[] {
  const first = `${year}-${String(month).padStart(2, "0")}-01`;
  const out: string[] = [];
  for (let monday = addDays(first, 1 - dayOfWeek(first)); ; monday = addDays(monday, 7)) {
    if (monday.slice(0, 7) > first.slice(0, 7)) return out;
    out.push(monday);
    if (addDays(monday, 6).slice(0, 7) > first.slice(0, 7)) return out;
  }
}

export function HolidayCalendar({
  periods,
  onChange,
  initialYear,
}: {
  periods: readonly string[];
  onChange: (periods: string[]) => void;
  initialYear: number;
}) {
  const { t } = useI18n();
  const [year, setYear] = useState(initialYear);
  const picked = new Set(periods);
  const toggle = (week: string) =>
    onChange(picked.has(week) ? periods.filter((p) => p !== week) : [...periods, week].sort());
  const weekdays = t("regWeekdays").split(",");

  return (
    <div>
      <Text block>{t("regHolidayHint")}</Text>
      <div style={{ display: "flex", alignItems: "center", gap: 8, margin: "8px 0" }}>
        <Button size="small" onClick={() => setYear(year - 1)}>
          {t("regPrevYear")}
        </Button>
        <Text weight="semibold" aria-live="polite">
          {t("regHolidayYear")} {year}
        </Text>
        <Button size="small" onClick={() => setYear(year + 1)}>
          {t("regNextYear")}
        </Button>
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))", gap: 8 }}>
        {Array.from({ length: 12 }, (_, m) => (
          <table key={m} style={{ borderCollapse: "collapse", fontSize: 12 }}>
            <caption style={{ fontWeight: 600, textAlign: "left" }}>
              {t("regMonthLabel", { month: m + 1 })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("regWeekColumn")}</th>
                {weekdays.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {mondaysOf(year, m + 1).map((monday) => {
                const week = weekOf(monday);
                const on = picked.has(week);
                const { start, end } = periodBounds(week);
                const label = t("regWeekLabel", {
                  year: week.slice(0, 4),
                  week: Number(week.slice(6)),
                  start,
                  end,
                });
                return (
                  <tr
                    key={monday}
                    onClick={() => toggle(week)}
                    style={{
                      cursor: "pointer",
                      background: on ? tokens.colorBrandBackground2 : undefined,
                    }}
                  >
                    <td>
                      <button
                        type="button"
                        aria-pressed={on}
                        aria-label={label}
                        title={label}
                        onClick={(e) => {
                          e.stopPropagation();
                          toggle(week);
                        }}
                        style={{ font: "inherit", padding: "0 4px", fontWeight: on ? 700 : 400 }}
                      >
                        {Number(week.slice(6))}
                      </button>
                    </td>
                    {Array.from({ length: 7 }, (_, d) => {
                      const day = addDays(monday, d);
                      const inMonth = Number(day.slice(5, 7)) === m + 1;
                      return (
                        <td
                          key={day}
                          style={{
                            textAlign: "right",
                            padding: "0 3px",
                            color: inMonth ? undefined : tokens.colorNeutralForegroundDisabled,
                          }}
                        >
                          {Number(day.slice(8))}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      </div>
      <Text block style={{ marginTop: 8 }}>
        {periods.length ? t("regHolidayPicked", { weeks: periods.join("、") }) : t("regHolidayNone")}
      </Text>
    </div>
  );
}
