/**
 * Messages and the translate function (docs/decisions/003-i18n.md, 006-own-translate.md).
 * One file per namespace with nn, nb and en side by side; nynorsk is the default and the fallback.
 * `t(key, values)` looks a key up in a flattened table ("ns:a.b" or "a.b" in the default
 * namespace), picks `_one`/`_other` by `count` (Intl.PluralRules), and fills `{{name}}` with the
 * value as text (React escapes; mail and PDF code escape where they need to).
 */
import type { KeyFor } from "./keys";

export type { KeyFor, KeyIn, KeysUnder, MessageKey } from "./keys";
export const LANGUAGES = ["nn", "nb", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = "nn";

/** Namespaces: one messages file each (app/i18n/<ns>.ts); add a new one here and in ./all.ts (the key types follow, ./keys.ts). */
export const NAMESPACES = ["common", "plans", "knowledge", "cases-public", "cases-secretariat", "security", "bodies", "people", "notices", "my-page"] as const;
export type Namespace = (typeof NAMESPACES)[number];
type Messages = Record<Lang, unknown>;

/**
 * Messages by namespace. Each messages file registers itself when imported, so the browser loads
 * only the namespaces of the pages it shows (the server imports them all: ./all.ts).
 */
const registry = new Map<Namespace, Messages>();
export function registerMessages(ns: Namespace, messages: Messages) {
  registry.set(ns, messages);
}

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export type TOptions = Record<string, unknown> & { count?: number; defaultValue?: string };
/** A translate function for namespace N: takes only keys that exist in the nynorsk messages (./keys.ts). */
export type TFunction<N extends Namespace = "common"> = (key: KeyFor<N>, options?: TOptions) => string;
type UntypedT = (key: string, options?: TOptions) => string;

export interface Translator {
  language: Lang;
  /** Default namespace "common"; other namespaces as "ns:key". */
  t: TFunction;
  getFixedT: <N extends Namespace = "common">(lang: Lang, ns?: N) => TFunction<N>;
}

function isNamespace(value: string): value is Namespace {
  return (NAMESPACES as readonly string[]).includes(value);
}

type Table = Map<string, string>;
const tables = new Map<string, Table>();

function flatten(value: unknown, prefix: string, into: Table) {
  if (typeof value === "string") into.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
}

function tableOf(lang: Lang, ns: Namespace): Table {
  const id = `${lang}:${ns}`;
  let table = tables.get(id);
  if (!table) {
    table = new Map();
    const messages = registry.get(ns);
    flatten(messages?.[lang], "", table);
    // Kept only once the namespace is there (a lookup before registration must not stick).
    if (messages) tables.set(id, table);
  }
  return table;
}

function lookup(lang: Lang, ns: Namespace, key: string): string | undefined {
  return tableOf(lang, ns).get(key) ?? (lang === DEFAULT_LANG ? undefined : tableOf(DEFAULT_LANG, ns).get(key));
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
function pluralCategory(lang: Lang, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang === "en" ? "en" : "nb");
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;
function interpolate(template: string, values: TOptions): string {
  if (!template.includes("{{")) return template;
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    return value == null ? "" : String(value);
  });
}

function translate(lang: Lang, defaultNs: Namespace, key: string, options?: TOptions): string {
  let ns = defaultNs;
  let k = key;
  const colon = key.indexOf(":");
  if (colon > 0) {
    const prefix = key.slice(0, colon);
    if (isNamespace(prefix)) {
      ns = prefix;
      k = key.slice(colon + 1);
    }
  }
  let template: string | undefined;
  if (options && typeof options.count === "number") {
    template = lookup(lang, ns, `${k}_${pluralCategory(lang, options.count)}`) ?? lookup(lang, ns, k) ?? lookup(lang, ns, `${k}_other`);
  } else {
    template = lookup(lang, ns, k);
  }
  if (template === undefined) template = typeof options?.defaultValue === "string" ? options.defaultValue : k;
  return options ? interpolate(template, options) : template;
}

const fixed = new Map<string, UntypedT>();
/** A translate function bound to a language and a default namespace (cached: same function each time). */
export function fixedT<N extends Namespace = "common">(lang: Lang, ns?: N): TFunction<N> {
  const namespace: Namespace = ns ?? "common";
  const id = `${lang}:${namespace}`;
  let fn = fixed.get(id);
  if (!fn) {
    fn = (key, options) => translate(lang, namespace, key, options);
    fixed.set(id, fn);
  }
  return fn;
}

/**
 * Whether `key` is a message key for a `t` of namespace `ns` — for the few keys that come from
 * outside the type system (an error code decoded from a form reply the browser sent back).
 */
export function isMessageKey<N extends Namespace>(key: string, ns: N): key is KeyFor<N> {
  let namespace: Namespace = ns;
  let k = key;
  const colon = key.indexOf(":");
  if (colon > 0) {
    const prefix = key.slice(0, colon);
    if (!isNamespace(prefix)) return false;
    namespace = prefix;
    k = key.slice(colon + 1);
  }
  const table = tableOf(DEFAULT_LANG, namespace);
  return table.has(k) || table.has(`${k}_other`);
}

/**
 * Translates a key that only exists at run time (an error code decoded from a form reply, a value
 * stored in the database) after checking it with isMessageKey; an unknown key gives `defaultValue`
 * or the key itself, as `t` would.
 */
export function translateCode<N extends Namespace>(t: TFunction<N>, ns: N, code: string, options?: TOptions): string {
  if (isMessageKey(code, ns)) return t(code, options);
  return typeof options?.defaultValue === "string" ? options.defaultValue : code;
}

const translators = new Map<Lang, Translator>();
/** The translator for a language (for server code that formats texts, e.g. mail, Excel, titles). */
export function i18nFor(lang: Lang): Translator {
  let translator = translators.get(lang);
  if (!translator) {
    translator = { language: lang, t: fixedT(lang), getFixedT: (l, ns) => fixedT(l, ns) };
    translators.set(lang, translator);
  }
  return translator;
}

/** Picks a text in the current language from a localized database value. */
export function localized(value: { nn: string; nb: string; en: string } | null | undefined, lang: Lang): string {
  if (!value) return "";
  return value[lang] || value.nn;
}
