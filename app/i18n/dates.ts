/**
 * Dates as people read them, in the reader's language and Norway's time zone. One formatter per
 * (style, language), built once: a list of 25 cases formats 25 dates per render.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: "short" | "long", lang: string): Intl.DateTimeFormat {
  const id = `${style}:${lang}`;
  let f = formatters.get(id);
  if (!f) {
    f =
      style === "short"
        ? new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nb-NO", { timeZone: "Europe/Oslo", day: "2-digit", month: "2-digit", year: "numeric" })
        : new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang === "nb" ? "nb-NO" : "nn-NO", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    formatters.set(id, f);
  }
  return f;
}

/** A date (or timestamp) as 20.02.2024 in Norway's time zone; English gets 20/02/2024. */
export function formatDate(value: string, lang: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return formatter("short", lang).format(d);
}

/** A YYYY-MM-DD date written out in the language, e.g. "23. november 2026". */
export function formatLongDate(iso: string, lang: string): string {
  return formatter("long", lang).format(new Date(`${iso}T00:00:00Z`));
}
