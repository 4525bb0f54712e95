import { describe, expect, it } from "vitest";
import { fixedT, i18nFor, isMessageKey, LANGUAGES, translateCode, type Lang } from "../../app/i18n";
import { namespaces } from "../../app/i18n/all";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe("translate", () => {
  it("looks up nested keys in the default namespace and in another one by prefix", () => {
    expect(i18nFor("nn").t("nav.home")).toBe("Framsida");
    expect(i18nFor("en").t("nav.home")).toBe(namespaces.common.en.nav.home);
    expect(i18nFor("en").t("knowledge:search.resultCount", { count: 2 })).toBe("2 results");
    expect(fixedT("en", "knowledge")("search.resultCount", { count: 1 })).toBe("1 result");
  });

  it("picks the plural form by count and fills every placeholder", () => {
    const t = fixedT("en", "knowledge");
    expect(t("search.resultCount", { count: 0 })).toBe("0 results");
    expect(i18nFor("nb").t("signedInAs", { name: "Kari", role: "Sekretariatet" })).toBe("Innlogget som Kari (Sekretariatet)");
    // A missing value leaves nothing behind, not "{{role}}" or "undefined".
    expect(i18nFor("nn").t("signedInAs", { name: "Kari" })).toBe("Innlogga som Kari ()");
  });

  it("falls back to the default value, then to the key, for an unknown key", () => {
    const t = i18nFor("nb").t;
    // An unknown key is a type error (app/i18n/keys.ts); at run time it still falls back.
    // @ts-expect-error not a key of "common"
    expect(t("no.such.key")).toBe("no.such.key");
    // @ts-expect-error not a key of "common"
    expect(t("no.such.key", { defaultValue: "" })).toBe("");
    // @ts-expect-error not a key of "common"
    expect(t("no.such.key", { defaultValue: "Feil på {{field}}", field: "tittel" })).toBe("Feil på tittel");
    // @ts-expect-error not a namespace
    expect(t("nosuchns:key")).toBe("nosuchns:key");
  });

  it("checks keys that come from outside the types (a decoded error code) before translating them", () => {
    expect(isMessageKey("search.resultCount", "knowledge")).toBe(true); // a plural, by its base key
    expect(isMessageKey("knowledge:search.resultCount", "common")).toBe(true);
    expect(isMessageKey("nav.home", "knowledge")).toBe(false); // another namespace's key without its prefix
    expect(isMessageKey("nosuchns:nav.home", "common")).toBe(false);
    expect(isMessageKey("nav", "common")).toBe(false); // a branch, not a message
    const t = fixedT("en", "knowledge");
    expect(translateCode(t, "knowledge", "search.resultCount", { count: 3 })).toBe("3 results");
    expect(translateCode(fixedT("nn"), "common", "no.such.key")).toBe("no.such.key");
    expect(translateCode(fixedT("nn"), "common", "no.such.key", { defaultValue: "Anna" })).toBe("Anna");
  });

  it("returns the same function for the same language and namespace (no per-render allocation)", () => {
    expect(fixedT("nn", "plans")).toBe(fixedT("nn", "plans"));
    expect(i18nFor("en")).toBe(i18nFor("en"));
    expect(fixedT("nn", "plans")).not.toBe(fixedT("nb", "plans"));
  });

  it("has every nynorsk key in bokmål and English, and no key there that nynorsk lacks", () => {
    for (const [ns, messages] of Object.entries(namespaces)) {
      const nn = keysOf(messages.nn).sort();
      for (const lang of LANGUAGES.filter((l): l is Exclude<Lang, "nn"> => l !== "nn")) {
        expect(keysOf((messages as Record<Lang, unknown>)[lang]).sort(), `${ns}/${lang}`).toEqual(nn);
      }
    }
  });
});
