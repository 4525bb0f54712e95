import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import { BarChart, ChartBlock, LineChart } from "~/components/charts/chart";
import dashboardCss from "~/components/charts/dashboard.css";
import { CHART_COLORS, StatusCell, StatusLegend } from "~/components/charts/status";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import { countyTables, getCountyDashboard, viewerOf } from "~/models/dashboard.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";
import { parseId } from "~/services/ids";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Dashbord – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [user, lang] = await Promise.all([getSessionUser(request), getLang(request)]);
  const data = await getCountyDashboard({
    planSlug: url.searchParams.get("plan"),
    roundId: parseId(url.searchParams.get("runde")),
    viewer: viewerOf(user),
  });
  if (!data) throw new Response("Not found", { status: 404 });
  // What the page shows, in the reader's language (the full matrix table is a download only).
  const tables = countyTables(data, lang, ["fullforing", "tiltak", "trend", "nokkeltal"]);
  return {
    ...data,
    plans: data.plans.map((p) => ({ ...p, title: localized(p.title, lang) })),
    measures: data.measures.map((m) => ({ ...m, title: localized(m.title, lang) })),
    perMeasure: data.perMeasure.map(({ title: _title, ...m }) => m),
    tables,
    signedIn: Boolean(user),
  };
}

export default function CountyDashboard() {
  const { t } = useTranslation("plans");
  const d = useLoaderData<typeof loader>();
  const plan = d.plans.find((p) => p.id === d.plan.id);
  const query = `?plan=${encodeURIComponent(d.plan.slug)}${d.round ? `&runde=${d.round.id}` : ""}`;
  const dl = (name: string) => ({ path: `/dashbord/tabell/${name}`, query });
  const tableOf = (name: keyof typeof d.tables) => ({ columns: d.tables[name].columns, rows: d.tables[name].rows });
  const comments = d.matrix.flatMap((p) =>
    d.measures.map((m) => ({ party: p, measure: m, comment: p.answers[m.id]?.comment })).filter((c) => c.comment),
  );
  const submittedParties = d.matrix.filter((p) => p.submitted);
  const measureLabels = d.measures.map((m) => t("plans.measureShort", { number: m.number }));
  return (
    <>
      <PageTitle>{t("dashboard.title")}</PageTitle>
      <p className="ds-paragraph">{t("dashboard.intro")}</p>
      {!d.signedIn ? <p className="ds-paragraph muted">{t("dashboard.publicNote")}</p> : null}
      <Form method="get" className="dashboard-filter" aria-label={t("dashboard.filterLabel")}>
        <div className="ds-field">
          <label className="ds-label" htmlFor="plan">
            {t("plans.plan")}
          </label>
          <select id="plan" name="plan" className="ds-input" defaultValue={d.plan.slug}>
            {d.plans.map((p) => (
              <option key={p.id} value={p.slug}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <div className="ds-field">
          <label className="ds-label" htmlFor="runde">
            {t("rounds.round")}
          </label>
          <select id="runde" name="runde" className="ds-input" defaultValue={d.round?.id ?? ""}>
            {(plan?.rounds ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} ({t(`roundStatus.${r.status}`)})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="ds-button" data-variant="secondary">
          {t("dashboard.show")}
        </button>
      </Form>

      {!d.round ? (
        <p className="ds-paragraph">{t("dashboard.noRounds")}</p>
      ) : (
        <>
          <Section title={t("dashboard.roundHeading", { round: d.round.title })}>
            {d.round.description ? <p className="ds-paragraph muted">{d.round.description}</p> : null}
            <p className="ds-paragraph">
              {t("dashboard.submittedOf", { submitted: d.submittedCount, total: d.matrix.length })} · {t(`roundStatus.${d.round.status}`)} · {t("rounds.deadline")} {d.round.deadline}
            </p>
            {d.round.status === "closed" ? (
              <p className="ds-paragraph">
                <a href={`/sjekkliste/runde/${d.round.id}/eksport.xlsx`} className="ds-link" download>
                  {t("dashboard.exportRound")}
                </a>
              </p>
            ) : null}
          </Section>

          <Section title={t("dashboard.matrixHeading")}>
            <StatusLegend />
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t("dashboard.matrixTitle", { round: d.round.title })}>
              <table className="ds-table matrix-table" data-size="sm">
                <caption>{t("dashboard.matrixTitle", { round: d.round.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("excel.partyName")}</th>
                    {d.measures.map((m) => (
                      <th scope="col" key={m.id} title={m.title}>
                        <abbr title={m.title}>{m.number}</abbr>
                      </th>
                    ))}
                    <th scope="col">{t("dashboard.completion")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.matrix.map((p) => (
                    <tr key={p.number}>
                      <th scope="row">
                        <Link to={`/dashbord/${p.number}`} className="ds-link">
                          {p.name}
                        </Link>{" "}
                        <span className="muted">{`(${p.number})`}</span>
                      </th>
                      {p.submitted ? (
                        d.measures.map((m, i) => (
                          <td key={m.id}>
                            <StatusCell t={t} status={p.answers[m.id]?.status ?? null} label={measureLabels[i]} />
                          </td>
                        ))
                      ) : (
                        <td colSpan={d.measures.length} className="muted">
                          {t("dashboard.notSubmitted")}
                        </td>
                      )}
                      <td>{p.completion == null ? "–" : `${p.completion} %`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="ds-paragraph chart-downloads" data-size="sm">
              <a className="ds-link" href={`/dashbord/tabell/matrise.csv${query}`} download>
                {t("charts.downloadCsv", { title: t("dashboard.matrixHeading") })}
              </a>{" "}
              ·{" "}
              <a className="ds-link" href={`/dashbord/tabell/matrise.xlsx${query}`} download>
                {t("charts.downloadXlsx", { title: t("dashboard.matrixHeading") })}
              </a>
            </p>
            {d.commentsVisible && comments.length ? (
              <details>
                <summary>{t("dashboard.comments", { count: comments.length })}</summary>
                <ul className="ds-list">
                  {comments.map((c) => (
                    <li key={`${c.party.number}-${c.measure.id}`}>
                      <strong>
                        {c.party.name}, {c.measure.number}:
                      </strong>{" "}
                      {c.comment}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </Section>

          <Section title={t("dashboard.chartsHeading")}>
            <ChartBlock
              id="fullforing"
              title={d.tables.fullforing.title}
              chart={
                <BarChart
                  data={submittedParties.map((p) => ({ name: p.name, share: p.completion }))}
                  xKey="name"
                  layout="vertical"
                  unit=" %"
                  max={100}
                  height={Math.max(160, submittedParties.length * 22 + 60)}
                  series={[{ key: "share", label: t("dashboard.sharePct"), color: CHART_COLORS.done }]}
                />
              }
              table={tableOf("fullforing")}
              downloadBase={dl("fullforing")}
            />
            <ChartBlock
              id="tiltak"
              title={d.tables.tiltak.title}
              chart={
                <BarChart
                  data={d.perMeasure.map((m) => ({ number: m.number, share: m.doneShare }))}
                  xKey="number"
                  unit=" %"
                  max={100}
                  height={280}
                  series={[{ key: "share", label: t("dashboard.doneSharePct"), color: CHART_COLORS.party }]}
                />
              }
              table={tableOf("tiltak")}
              downloadBase={dl("tiltak")}
            />
            <ChartBlock
              id="trend"
              title={d.tables.trend.title}
              chart={
                <LineChart
                  data={d.trend.map((r) => ({ title: r.title, share: r.doneShare }))}
                  xKey="title"
                  unit=" %"
                  max={100}
                  height={280}
                  series={[{ key: "share", label: t("dashboard.doneSharePctAnswers"), color: CHART_COLORS.county }]}
                />
              }
              table={tableOf("trend")}
              downloadBase={dl("trend")}
            />
          </Section>

          <Section title={d.tables.nokkeltal.title}>
            <div className="table-wrap">
              <table className="ds-table">
                <caption>{t("dashboard.keyFiguresCaption", { count: d.submittedCount })}</caption>
                <thead>
                  <tr>
                    {d.tables.nokkeltal.columns.map((c) => (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.tables.nokkeltal.rows.map((r) => (
                    <tr key={String(r[0])}>
                      <th scope="row">{r[0]}</th>
                      <td>{r[1] ?? "–"}</td>
                      <td>{r[2] ?? "–"}</td>
                      <td>{r[3]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="ds-paragraph">{t("dashboard.keOnWebsite", { count: d.keOnWebsite, total: d.submittedCount })}</p>
            <p className="ds-paragraph chart-downloads" data-size="sm">
              <a className="ds-link" href={`/dashbord/tabell/nokkeltal.csv${query}`} download>
                {t("charts.downloadCsv", { title: d.tables.nokkeltal.title })}
              </a>{" "}
              ·{" "}
              <a className="ds-link" href={`/dashbord/tabell/nokkeltal.xlsx${query}`} download>
                {t("charts.downloadXlsx", { title: d.tables.nokkeltal.title })}
              </a>
            </p>
          </Section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
