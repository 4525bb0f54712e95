import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import "~/i18n/cases-public";
import { ChartBlock, LineChart } from "~/components/charts/chart";
import dashboardCss from "~/components/charts/dashboard.css";
import { CHART_COLORS } from "~/components/charts/status";
import { PartyStatus } from "~/components/dashboard/party-status";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import { getPartyDashboard, partyTables } from "~/models/dashboard.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.party.name} (${data.party.number})` : "Dashbord"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, lang] = await Promise.all([getSessionUser(request), getLang(request)]);
  const number = (params.number ?? "").toUpperCase().slice(0, 10);
  const data = await getPartyDashboard(user, { number });
  if (!data) throw new Response("Not found", { status: 404 });
  const tables = partyTables(data, lang, ["trend", "nokkeltal"]);
  // What the page shows, in the reader's language: no texts in three languages per cell, no
  // status table in full (it is a download), so the hydration data stays a fraction of the page.
  const { history, county, ...rest } = data;
  const measureTitles: Record<number, string> = {};
  for (const h of history) for (const a of h.answers) measureTitles[a.measureId] ??= localized(a.title, lang);
  return {
    ...rest,
    measureTitles,
    county: county.map((c) => ({ roundId: c.roundId, median: c.median })),
    history: history.map(({ planTitle, answers, ...h }) => ({
      ...h,
      planTitle: localized(planTitle, lang),
      answers: answers.map((a) => ({ measureId: a.measureId, number: a.number, status: a.status, comment: a.comment })),
    })),
    tables,
  };
}

export default function PartyDashboard() {
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("cases-public");
  const d = useLoaderData<typeof loader>();
  const year = (date: string | null) => (date ? date.slice(0, 4) : "");
  const predecessorLabel = (n: string) => {
    const p = d.predecessors.find((x) => x.number === n);
    return p ? t("party.predecessorLabel", { name: p.name, number: p.number, year: year(p.validTo) }) : n;
  };
  const dl = (name: string) => ({ path: `/dashbord/${d.party.number}/tabell/${name}`, query: "" });
  const kfRows = d.keyFigures;
  const medianByRound = new Map(d.county.map((c) => [c.roundId, c.median]));
  return (
    <>
      <p className="ds-paragraph" data-size="sm">
        <Link to="/dashbord" className="ds-link">
          {t("party.back")}
        </Link>
      </p>
      <PageTitle>
        {d.party.name} ({d.party.number})
      </PageTitle>
      {d.party.validTo ? (
        <div className="ds-alert" data-color="info">
          <p className="ds-paragraph">
            {t("party.existedUntil", { name: d.party.name, from: d.party.validFrom, to: d.party.validTo })}{" "}
            {d.successors.map((s, i) => (
              <span key={s.number}>
                {i > 0 ? ", " : ""}
                {s.inCounty ? (
                  <Link to={`/dashbord/${s.number}`} className="ds-link">
                    {t("party.successorLabel", { name: s.name, number: s.number })}
                  </Link>
                ) : (
                  t("party.successorOutside", { number: s.number })
                )}
              </span>
            ))}
          </p>
        </div>
      ) : null}
      {d.predecessors.length ? (
        <Section title={t("party.predecessorsHeading")}>
          <p className="ds-paragraph">{t("party.predecessorsIntro", { name: d.party.name })}</p>
          <ul className="ds-list">
            {d.predecessors.map((p) => (
              <li key={p.number}>
                <Link to={`/dashbord/${p.number}`} className="ds-link">
                  {predecessorLabel(p.number)}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <PartyStatus d={d} predecessorLabel={predecessorLabel} />

      {d.trend.length ? (
        <Section title={t("party.chartsHeading")}>
          <ChartBlock
            id="trend"
            title={d.tables.trend.title}
            description={d.trend.some((r) => r.viaPredecessors) ? t("party.trendPredecessorNote") : undefined}
            chart={
              <LineChart
                data={d.trend.map((r) => ({ title: r.title, party: r.partyShare, county: r.countyShare }))}
                xKey="title"
                unit=" %"
                max={100}
                height={280}
                series={[
                  { key: "party", label: d.party.name, color: CHART_COLORS.party },
                  { key: "county", label: t("party.county"), color: CHART_COLORS.county, dashed: true },
                ]}
              />
            }
            table={{ columns: d.tables.trend.columns, rows: d.tables.trend.rows }}
            downloadBase={dl("trend")}
          />
          {kfRows.length ? (
            <ChartBlock
              id="nokkeltal"
              title={d.tables.nokkeltal.title}
              description={t("party.keyFiguresNote")}
              chart={
                <LineChart
                  data={[...new Map(kfRows.map((k) => [k.roundId, k])).values()].map((k) => {
                    const rows = kfRows.filter((x) => x.roundId === k.roundId);
                    const sum = (f: "individualPlans" | "coordinators") => rows.reduce((acc, r) => acc + (r.values[f] ?? 0), 0);
                    return {
                      title: k.title,
                      individualPlans: sum("individualPlans"),
                      coordinators: sum("coordinators"),
                      medianIndividualPlans: medianByRound.get(k.roundId)?.individualPlans ?? null,
                      medianCoordinators: medianByRound.get(k.roundId)?.coordinators ?? null,
                    };
                  })}
                  xKey="title"
                  height={300}
                  series={[
                    { key: "individualPlans", label: t("keyFigures.individualPlans"), color: CHART_COLORS.party },
                    { key: "medianIndividualPlans", label: t("party.countyMedianOf", { field: t("keyFigures.individualPlans") }), color: CHART_COLORS.party, dashed: true },
                    { key: "coordinators", label: t("keyFigures.coordinators"), color: CHART_COLORS.median },
                    { key: "medianCoordinators", label: t("party.countyMedianOf", { field: t("keyFigures.coordinators") }), color: CHART_COLORS.median, dashed: true },
                  ]}
                />
              }
              table={{ columns: d.tables.nokkeltal.columns, rows: d.tables.nokkeltal.rows }}
              downloadBase={dl("nokkeltal")}
              tableOpen
            />
          ) : null}
        </Section>
      ) : null}

      <Section title={t("party.casesHeading")}>
        {d.cases.length === 0 ? (
          <p className="ds-paragraph">{t("party.noCases")}</p>
        ) : (
          <div className="table-wrap">
            <table className="ds-table">
              <caption>{t("party.casesCaption", { name: d.party.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("party.caseReference")}</th>
                  <th scope="col">{t("party.caseTitle")}</th>
                  <th scope="col">{t("party.caseStatus")}</th>
                  <th scope="col">{t("party.caseDate")}</th>
                </tr>
              </thead>
              <tbody>
                {d.cases.map((c) => (
                  <tr key={c.reference}>
                    <th scope="row">
                      <Link to={`/saker/${c.reference}`} className="ds-link">
                        {c.reference}
                      </Link>
                    </th>
                    <td>
                      {c.title ?? <em>{tc("case.withheld", { basis: c.titleWithheld })}</em>}
                      {c.partyNumber !== d.party.number ? <span className="muted"> ({predecessorLabel(c.partyNumber)})</span> : null}
                    </td>
                    <td>{t(`caseStatus.${c.status}`, { defaultValue: c.status })}</td>
                    <td>{c.createdAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
