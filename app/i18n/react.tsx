/**
 * React side of the translate function: the root layout provides the language, components ask
 * for `useTranslation(ns)` and get a cached `t` (no per-render allocation, same on server and browser).
 */
import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_LANG, fixedT, type Lang, type Namespace, type TFunction } from "./index";

const LangContext = createContext<Lang>(DEFAULT_LANG);

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useTranslation<N extends Namespace = "common">(ns?: N): { t: TFunction<N>; i18n: { language: Lang } } {
  const lang = useContext(LangContext);
  return { t: fixedT(lang, ns), i18n: { language: lang } };
}
