/**
 * i18next with all messages bundled (they are small), one namespace per feature file
 * (docs/decisions/003-i18n.md). Nynorsk is the default; bokmål and English follow.
 */
import i18next, { type i18n } from "i18next";
import casesPublic from "./cases-public";
import casesSecretariat from "./cases-secretariat";
import common from "./common";
import plans from "./plans";
import knowledge from "./knowledge";
import security from "./security";

export const LANGUAGES = ["nn", "nb", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = "nn";

/** Namespaces: add a feature's messages file here. */
export const namespaces = { common, plans, knowledge, "cases-public": casesPublic, "cases-secretariat": casesSecretariat, security } as const;

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function createI18n(lang: Lang): i18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(
    LANGUAGES.map((l) => [l, Object.fromEntries(Object.entries(namespaces).map(([ns, m]) => [ns, m[l]]))]),
  );
  void instance.init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    ns: Object.keys(namespaces),
    defaultNS: "common",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  } as Parameters<i18n["init"]>[0]);
  return instance;
}

const cache = new Map<Lang, i18n>();
/** A shared, initialised instance per language (for server code that formats texts, e.g. mail). */
export function i18nFor(lang: Lang): i18n {
  let instance = cache.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    cache.set(lang, instance);
  }
  return instance;
}

/** Picks a text in the current language from a localized database value. */
export function localized(value: { nn: string; nb: string; en: string } | null | undefined, lang: Lang): string {
  if (!value) return "";
  return value[lang] || value.nn;
}
