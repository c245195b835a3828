/** Loads one year's server figures (报送情况, 汇总全镇): the year field, loading state and error text. */
import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { ApiResult } from "../api";
import { failureText } from "./failure";
import { useI18n } from "./i18n";

/**
 * `isEmpty`: when the default year has nothing in it (a new year's first weeks), the view opens on
 * the year just ended instead of a screen of dashes.
 */
export function useYearly<T>(
  fetchYear: (year: string) => Promise<ApiResult<T>>,
  defaultYear: string,
  isEmpty?: (data: T) => boolean,
) {
  const { t } = useI18n();
  const [year, setYear] = useState(defaultYear);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  /** The last load asked for: an earlier answer arriving after it is dropped. */
  const latest = useRef(0);

  const load = async (y: string, fallback = false) => {
    const asked = ++latest.current;
    setLoading(true);
    setError(null);
    let answer = await fetchYear(y);
    const previous = String(Number(y) - 1);
    if (fallback && answer.ok && isEmpty?.(answer.value) && /^\d{4}$/.test(y)) {
      const earlier = await fetchYear(previous);
      if (earlier.ok) {
        answer = earlier;
        setYear(previous);
      }
    }
    if (asked !== latest.current) return;
    setLoading(false);
    if (answer.ok) setData(answer.value);
    else setError(failureText(t, answer.failure));
  };
  // Load once for the default year (or the year just ended); later loads follow the clerk's button.
  const loadFirst = useEffectEvent(() => void load(defaultYear, true));
  useEffect(() => loadFirst(), []);

  return { year, setYear, data, error, setError, loading, setLoading, load };
}
