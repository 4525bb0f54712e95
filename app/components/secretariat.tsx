/**
 * Small UI pieces shared by the secretariat, bodies/meetings and admin pages: dates in Norwegian
 * time, a pager that works without JavaScript, status tags and the message for a refused action.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { useRootData } from "~/root";
import type { CaseStatus } from "~/models/case-workflow.server";

const LOCALES = { nn: "nn-NO", nb: "nb-NO", en: "en-GB" } as const;

type Formatters = ReturnType<typeof makeFormatters>;
/** Built once per language (not per render): a list of 25 cases formats 75 dates. */
const formatters = new Map<string, Formatters>();

function makeFormatters(locale: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Oslo" });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Europe/Oslo" });
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Oslo" });
  return {
    dateTime: (d: string | Date | null | undefined) => (d ? dateTime.format(new Date(d)) : ""),
    date: (d: string | Date | null | undefined) => (d ? date.format(new Date(d)) : ""),
    time: (d: string | Date | null | undefined) => (d ? time.format(new Date(d)) : ""),
    /** "2024-09-11" (a date column) → localized date without time-zone shifts. */
    day: (iso: string | null | undefined) => (iso ? date.format(new Date(`${iso}T12:00:00Z`)) : ""),
  };
}

/** Dates and times in the reader's language and Norway's time zone. */
export function useFormatters(): Formatters {
  const lang = useRootData()?.lang ?? "nn";
  const locale = LOCALES[lang as keyof typeof LOCALES] ?? "nn-NO";
  let f = formatters.get(locale);
  if (!f) formatters.set(locale, (f = makeFormatters(locale)));
  return f;
}

/** Previous/next links with "page N of M"; plain links, so they work without JavaScript. */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const { t } = useTranslation("cases-secretariat");
  if (pages <= 1) return null;
  return (
    <nav className="pager row" aria-label={t("common.pagination")}>
      {page > 1 ? (
        <Link className="ds-link" to={href(page - 1)} rel="prev">
          {t("common.previous")}
        </Link>
      ) : null}
      <span aria-current="page">{t("common.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link className="ds-link" to={href(page + 1)} rel="next">
          {t("common.next")}
        </Link>
      ) : null}
    </nav>
  );
}

const STATUS_COLOR: Record<CaseStatus, string> = {
  submitted: "warning",
  received: "info",
  under_assessment: "info",
  routed: "accent",
  on_agenda: "accent",
  handled: "success",
  closed: "neutral",
  rejected: "danger",
  withdrawn: "neutral",
};

/** The status as text in a tag (the colour only repeats the text). */
export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation("cases-secretariat");
  return (
    <span className="ds-tag" data-color={STATUS_COLOR[status]}>
      {t(`status.${status}`)}
    </span>
  );
}
