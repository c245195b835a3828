/** The pane's language: a context over the shared message catalogue (zh-CN default, en). */
import { createContext, useContext, type ReactNode } from "react";
import { paneText, type Locale, type PaneMessageKey } from "../../shared/messages/pane";

export type Translate = (key: PaneMessageKey, vars?: Readonly<Record<string, string | number>>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: "zh-CN", t: (key, vars) => paneText("zh-CN", key, vars) });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const t: Translate = (key, vars) => paneText(locale, key, vars);
  return <I18nContext.Provider value={{ locale, t }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
