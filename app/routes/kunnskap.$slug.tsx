import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { formatLongDate } from "~/i18n/dates";
import "~/i18n/knowledge";
import { getKnowledgePage } from "~/models/knowledge.server";
import type { Heading } from "~/services/mdx.server";
import { getLang } from "~/http/lang.server";

interface TocEntry {
  id: string;
  text: string;
  children: { id: string; text: string }[];
}

/** h2 headings with their h3 headings nested (an h3 before the first h2 stands on its own). */
function tableOfContents(headings: Heading[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const h of headings) {
    const last = toc.at(-1);
    if (h.level === 2 || !last) toc.push({ id: h.id, text: h.text, children: [] });
    else if (h.level === 3) last.children.push({ id: h.id, text: h.text });
  }
  return toc;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const page = await getKnowledgePage({ lang, slug: params.slug ?? "" });
  if (!page) throw new Response(null, { status: 404 });
  return {
    lang,
    page: {
      slug: page.slug,
      title: page.title,
      summary: page.summary,
      lastReviewed: page.lastReviewed,
      lang: page.lang,
      fallback: page.fallback,
      sources: page.sources,
      toc: tableOfContents(page.headings),
      html: page.html,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data?.page
    ? [{ title: `${data.page.title} – Helsefellesskap Møre og Romsdal` }, { name: "description", content: data.page.summary }]
    : [{ title: "Helsefellesskap Møre og Romsdal" }];

export default function KnowledgePageRoute() {
  const { lang, page } = useLoaderData<typeof loader>();
  const { t } = useTranslation("knowledge");
  const pageLang = page.lang !== lang ? page.lang : undefined;
  return (
    <article className="knowledge-page">
      <PageTitle>
        <span lang={pageLang}>{page.title}</span>
      </PageTitle>
      {page.fallback ? (
        <div className="ds-alert" data-color="info">
          <p className="ds-paragraph">{t("page.fallback")}</p>
        </div>
      ) : null}
      <p className="ds-paragraph muted" data-size="sm">
        {t("page.lastReviewed")} <time dateTime={page.lastReviewed}>{formatLongDate(page.lastReviewed, lang)}</time>
      </p>
      {page.toc.length > 1 ? (
        <nav aria-labelledby="toc-heading" className="knowledge-toc page-section">
          <h2 id="toc-heading" className="ds-heading" data-size="xs">
            {t("page.toc")}
          </h2>
          <ul className="ds-list" lang={pageLang}>
            {page.toc.map((h) => (
              <li key={h.id}>
                <a href={`#${h.id}`} className="ds-link">
                  {h.text}
                </a>
                {h.children.length ? (
                  <ul className="ds-list">
                    {h.children.map((c) => (
                      <li key={c.id}>
                        <a href={`#${c.id}`} className="ds-link">
                          {c.text}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {/* Trusted HTML: rendered on the server from our own content/ files (never user input). */}
      <div className="knowledge-content" lang={pageLang} dangerouslySetInnerHTML={{ __html: page.html }} />
      {page.sources.length ? (
        <section className="page-section" aria-labelledby="sources-heading">
          <h2 id="sources-heading" className="ds-heading" data-size="sm">
            {t("page.sources")}
          </h2>
          <ul className="ds-list">
            {page.sources.map((id) => (
              <li key={id}>{t(`sources.${id}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="ds-paragraph page-section">
        <Link to="/kunnskap" className="ds-link">
          {t("page.backToList")}
        </Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
