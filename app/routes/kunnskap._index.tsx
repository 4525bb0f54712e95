import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { i18nFor } from "~/i18n";
import { formatLongDate } from "~/i18n/dates";
import "~/i18n/knowledge";
import { listKnowledgePages } from "~/models/knowledge.server";
import { getLang } from "~/http/lang.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const pages = await listKnowledgePages(lang);
  return { lang, title: i18nFor(lang).t("knowledge:index.title"), pages };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Kunnskap"} – Helsefellesskap Møre og Romsdal` }];

export default function KnowledgeIndex() {
  const { lang, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("knowledge");
  return (
    <>
      <PageTitle>{t("index.title")}</PageTitle>
      <p className="ds-paragraph" data-size="lg">
        {t("index.intro")}
      </p>
      <ul className="cards page-section">
        {pages.map((page) => (
          <li key={page.slug} className="ds-card" data-variant="tinted" lang={page.lang !== lang ? page.lang : undefined}>
            <h2 className="ds-heading" data-size="sm">
              <Link to={`/kunnskap/${page.slug}`} className="ds-link">
                {page.title}
              </Link>
            </h2>
            <p className="ds-paragraph">{page.summary}</p>
            <p className="ds-paragraph muted" data-size="sm" lang={lang}>
              {t("index.lastReviewed", { date: formatLongDate(page.lastReviewed, lang) })}
              {page.fallback ? ` · ${t("index.onlyNynorsk")}` : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
