import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import "~/i18n/knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { i18nFor } from "~/i18n";
import { highlight, MAX_QUERY_LENGTH, queryWords, searchContent, type KnowledgeHit, type SnippetPart } from "~/models/knowledge.server";
import { listPublicCases, parseListParams } from "~/models/public-cases.server";
import { getLang } from "~/http/lang.server";

const MAX_CASES = 10;

/** Public search over the knowledge pages and the public cases (the same search as /saker). GET only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim();
  const tooLong = q.length > MAX_QUERY_LENGTH;
  const search = q && !tooLong;
  const [knowledge, found]: [KnowledgeHit[], Awaited<ReturnType<typeof listPublicCases>> | null] = search
    ? await Promise.all([searchContent({ q, lang }), listPublicCases(parseListParams(new URLSearchParams({ q })), lang)])
    : [[], null];
  const words = queryWords(q);
  const cases = found
    ? {
        total: found.total,
        rows: found.rows.slice(0, MAX_CASES).map((r) => ({
          reference: r.reference,
          title: r.title,
          titleWithheld: r.titleWithheld,
          status: r.status,
          body: r.body,
          summary: r.summary ? highlight(r.summary, words) : null,
        })),
      }
    : null;
  return { lang, q: q.slice(0, MAX_QUERY_LENGTH * 2), tooLong, title: i18nFor(lang).t("knowledge:search.title"), knowledge, cases };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const base = `${data?.title ?? "Søk"} – Helsefellesskap Møre og Romsdal`;
  return [{ title: data?.q ? `${data.q} – ${base}` : base }];
};

function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className="ds-paragraph" data-size="sm">
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}

export default function Search() {
  const { lang, q, tooLong, knowledge, cases } = useLoaderData<typeof loader>();
  const { t } = useTranslation("knowledge");
  const { t: tc } = useTranslation("cases-public");
  return (
    <>
      <PageTitle>{t("search.title")}</PageTitle>
      <p className="ds-paragraph">{t("search.intro")}</p>
      <Form method="get" action="/sok" role="search" className="form-narrow stack">
        <TextField
          id="q"
          name="q"
          type="search"
          label={t("search.label")}
          description={t("search.description")}
          defaultValue={q}
          error={tooLong ? t("search.tooLong") : null}
          autoComplete="off"
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary">
            {t("search.submit")}
          </button>
        </div>
      </Form>
      {!q ? (
        <p className="ds-paragraph page-section">{t("search.empty")}</p>
      ) : tooLong ? null : (
        <section className="page-section" aria-labelledby="knowledge-results">
          <h2 id="knowledge-results" className="ds-heading" data-size="md">
            {t("search.knowledgeHeading")}{" "}
            <span className="muted" data-size="sm">
              ({t("search.resultCount", { count: knowledge.length })})
            </span>
          </h2>
          {knowledge.length ? (
            <ul className="ds-list search-results">
              {knowledge.map((hit) => (
                <li key={hit.slug} lang={hit.lang !== lang ? hit.lang : undefined}>
                  <h3 className="ds-heading" data-size="xs">
                    <Link to={`/kunnskap/${hit.slug}`} className="ds-link">
                      {hit.title}
                    </Link>
                  </h3>
                  <Snippet parts={hit.snippet} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="ds-paragraph">{t("search.noKnowledge")}</p>
          )}
        </section>
      )}
      {cases ? (
        <section className="page-section" aria-labelledby="case-results">
          <h2 id="case-results" className="ds-heading" data-size="md">
            {t("search.casesHeading")}{" "}
            <span className="muted" data-size="sm">
              ({t("search.resultCount", { count: cases.total })})
            </span>
          </h2>
          {cases.rows.length ? (
            <ul className="ds-list search-results">
              {cases.rows.map((c) => (
                <li key={c.reference}>
                  <h3 className="ds-heading" data-size="xs">
                    <Link to={`/saker/${c.reference}`} className="ds-link">
                      {c.title ?? tc("case.withheld", { basis: c.titleWithheld })}
                    </Link>
                  </h3>
                  <p className="ds-paragraph muted" data-size="sm">
                    {c.reference} · {tc(`status.${c.status}`)}
                    {c.body ? ` · ${c.body}` : null}
                  </p>
                  {c.summary ? <Snippet parts={c.summary} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="ds-paragraph">{t("search.noCases")}</p>
          )}
          {cases.total > cases.rows.length ? (
            <p className="ds-paragraph">
              <Link to={`/saker?q=${encodeURIComponent(q)}`} className="ds-link">
                {t("search.allCases", { count: cases.total })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
