/** Loads one year's server figures (报送情况, 汇总全镇): the year field, loading state and error text. */
import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { ApiResult } from "../api";
import { failureText } from "./failure";
import { useI18n } from "./i18n";

export function useYearly<T>(fetchYear: (year: string) => Promise<ApiResult<T>>, defaultYear: string) {
  const { t } = useI18n();
  const [year, setYear] = useState(defaultYear);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  /** The last load asked for: an earlier answer arriving after it is dropped. */
  const latest = useRef(0);

  const load = async (y: string) => {
    const asked = ++latest.current;
    setLoading(true);
    setError(null);
    const answer = await fetchYear(y);
    if (asked !== latest.current) return;
    setLoading(false);
    if (answer.ok) setData(answer.value);
    else setError(failureText(t, answer.failure));
  };
  // Load once for the default year; later loads follow the clerk's button.
  const loadFirst = useEffectEvent(() => void load(defaultYear));
  useEffect(() => loadFirst(), []);

  return { year, setYear, data, error, setError, loading, setLoading, load };
}
