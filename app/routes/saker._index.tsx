/**
 * /saker: the public list of cases and decisions. A GET form (works without JavaScript) with
 * full-text search in Norwegian, filters by status, body and year, sorting and paging. Never any
 * contact data of the submitter; withheld fields are neither shown nor searchable.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { formatDate } from "~/i18n/dates";
import { listFilterOptions, listPublicCases, parseListParams } from "~/models/public-cases.server";
import { PUBLIC_STATUSES } from "~/models/public-statuses";
import { getLang } from "~/http/lang.server";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "Saker og vedtak – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const params = parseListParams(new URL(request.url).searchParams);
  const [list, options] = await Promise.all([listPublicCases(params, lang), listFilterOptions(lang)]);
  return { params, ...list, options };
}

function pageHref(params: ReturnType<typeof parseListParams>, page: number) {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.status) search.set("status", params.status);
  if (params.body) search.set("body", params.body);
  if (params.year) search.set("year", String(params.year));
  if (params.sort !== (params.q ? "relevance" : "newest")) search.set("sort", params.sort);
  if (page > 1) search.set("page", String(page));
  const s = search.toString();
  return s ? `/saker?${s}` : "/saker";
}

/** Page numbers to link: first, last, and two either side of the current page. */
function pageNumbers(page: number, pages: number): (number | "gap")[] {
  const out: (number | "gap")[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out.at(-1) !== "gap") out.push("gap");
  }
  return out;
}

export default function PublicCases() {
  const { t } = useTranslation("cases-public");
  const lang = useRootData()?.lang ?? "nn";
  const data = useLoaderData<typeof loader>();
  const { params } = data;
  return (
    <>
      <PageTitle>{t("list.title")}</PageTitle>
      <p className="ds-paragraph">{t("list.intro")}</p>
      <Form method="get" className="stack form-wide" role="search" aria-label={t("list.search")}>
        <TextField id="cases-q" name="q" type="search" label={t("list.search")} description={t("list.searchHelp")} defaultValue={params.q ?? ""} maxLength={200} />
        <div className="row">
          <SelectField
            id="cases-status"
            name="status"
            label={t("list.status")}
            defaultValue={params.status ?? ""}
            options={[{ value: "", label: t("list.all") }, ...PUBLIC_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <SelectField
            id="cases-body"
            name="body"
            label={t("list.body")}
            defaultValue={params.body ?? ""}
            options={[{ value: "", label: t("list.all") }, ...data.options.bodies.map((b) => ({ value: b.slug, label: b.name }))]}
          />
          <SelectField
            id="cases-year"
            name="year"
            label={t("list.year")}
            defaultValue={params.year ? String(params.year) : ""}
            options={[{ value: "", label: t("list.all") }, ...data.options.years.map((y) => ({ value: String(y), label: String(y) }))]}
          />
          <SelectField
            id="cases-sort"
            name="sort"
            label={t("list.sort")}
            defaultValue={params.sort}
            options={[
              ...(params.q ? [{ value: "relevance", label: t("list.sortRelevance") }] : []),
              { value: "newest", label: t("list.sortNewest") },
              { value: "oldest", label: t("list.sortOldest") },
            ]}
          />
        </div>
        <div className="row">
          <button type="submit" className="ds-button" data-variant="primary">
            {t("list.filter")}
          </button>
          <Link to="/saker" className="ds-button" data-variant="tertiary">
            {t("list.reset")}
          </Link>
        </div>
      </Form>

      <p className="ds-paragraph" role="status" data-testid="result-count">
        {params.q ? t("list.countFor", { count: data.total, q: params.q }) : t("list.count", { count: data.total })}
      </p>

      {data.rows.length === 0 ? (
        <p className="ds-paragraph">{t("list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="ds-table" data-testid="cases-table">
            <caption>{t("list.caption", { page: data.page, pages: data.pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.reference")}</th>
                <th scope="col">{t("list.caseTitle")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.body")}</th>
                <th scope="col">{t("list.date")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.reference}>
                  <th scope="row">
                    <Link className="ds-link" to={`/saker/${r.reference}`}>
                      {r.reference}
                    </Link>
                  </th>
                  <td>
                    {r.title ?? <em>{t("case.withheld", { basis: r.titleWithheld })}</em>}
                    {r.summary ? (
                      <p className="ds-paragraph case-summary" data-size="sm">
                        {r.summary}
                        {r.summary.length >= 240 ? "…" : ""}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <span className="ds-tag" data-color={r.status === "rejected" ? "danger" : "info"}>
                      {t(`status.${r.status}`)}
                    </span>
                  </td>
                  <td>{r.body ?? "–"}</td>
                  <td>{formatDate(r.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {data.pages > 1 ? (
        <nav aria-label={t("list.paging")} className="pagination">
          <ul className="row" style={{ listStyle: "none", padding: 0 }}>
            {data.page > 1 ? (
              <li>
                <Link className="ds-link" to={pageHref(params, data.page - 1)} rel="prev">
                  {t("list.previous")}
                </Link>
              </li>
            ) : null}
            {pageNumbers(data.page, data.pages).map((p, i) =>
              p === "gap" ? (
                <li key={`gap-${i}`} aria-hidden="true">
                  …
                </li>
              ) : (
                <li key={p}>
                  {p === data.page ? (
                    <a className="ds-link" aria-current="page" href={pageHref(params, p)} aria-label={t("list.currentPage", { page: p })}>
                      {p}
                    </a>
                  ) : (
                    <Link className="ds-link" to={pageHref(params, p)} aria-label={t("list.page", { page: p })}>
                      {p}
                    </Link>
                  )}
                </li>
              ),
            )}
            {data.page < data.pages ? (
              <li>
                <Link className="ds-link" to={pageHref(params, data.page + 1)} rel="next">
                  {t("list.next")}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
