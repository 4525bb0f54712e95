import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import { BarChart, ChartBlock, LineChart } from "~/components/charts/chart";
import dashboardCss from "~/components/charts/dashboard.css";
import { CHART_COLORS } from "~/components/charts/status";
import { CountyKeyFigures } from "~/components/dashboard/county-key-figures";
import { CountyMatrix } from "~/components/dashboard/county-matrix";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import { countyTables, getCountyDashboard } from "~/models/dashboard.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";
import { parseId } from "~/services/ids";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Dashbord – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [user, lang] = await Promise.all([getSessionUser(request), getLang(request)]);
  const data = await getCountyDashboard(user, { planSlug: url.searchParams.get("plan"), roundId: parseId(url.searchParams.get("runde")) });
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
  const submittedParties = d.matrix.filter((p) => p.submitted);
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
              {t("dashboard.submittedOf", { submitted: d.submittedCount, total: d.matrix.length })} · {t(`roundStatus.${d.round.status}`)} · {t("rounds.deadline")}{" "}
              {d.round.deadline}
            </p>
            {d.round.status === "closed" ? (
              <p className="ds-paragraph">
                <a href={`/sjekkliste/runde/${d.round.id}/eksport.xlsx`} className="ds-link" download>
                  {t("dashboard.exportRound")}
                </a>
              </p>
            ) : null}
          </Section>

          <CountyMatrix d={d} round={d.round} query={query} />

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

          <CountyKeyFigures d={d} query={query} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
