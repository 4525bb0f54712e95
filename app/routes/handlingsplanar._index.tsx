import type { LoaderFunctionArgs, MetaFunction, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { localized } from "~/i18n";
import { listPlans } from "~/models/plans.server";
import { useRootData } from "~/root";
import { getSessionUser } from "~/http/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Handlingsplanar – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { plans: await listPlans(), canCreate: user?.role === "secretariat" };
}

export default function PlansIndex() {
  const { t } = useTranslation("plans");
  const { plans, canCreate } = useLoaderData<typeof loader>();
  const lang = useRootData()?.lang ?? "nn";
  return (
    <>
      <PageTitle>{t("plans.title")}</PageTitle>
      <p className="ds-paragraph">{t("plans.intro")}</p>
      {canCreate ? (
        <p className="ds-paragraph">
          <Link to="/handlingsplanar/ny" className="ds-button" data-variant="primary">
            {t("plans.create")}
          </Link>{" "}
          <Link to="/sjekkliste/runde/ny" className="ds-button" data-variant="secondary">
            {t("rounds.create")}
          </Link>
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="ds-table" data-border>
          <caption>{t("plans.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("plans.plan")}</th>
              <th scope="col">{t("plans.period")}</th>
              <th scope="col">{t("plans.owner")}</th>
              <th scope="col">{t("plans.status")}</th>
              <th scope="col">{t("plans.measures")}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/handlingsplanar/${p.slug}`} className="ds-link">
                    {localized(p.title, lang)}
                  </Link>
                  {p.reconstructed ? <span className="muted"> ({t("plans.reconstructedShort")})</span> : null}
                </th>
                <td>
                  {p.periodStart.slice(0, 4)}–{p.periodEnd.slice(0, 4)}
                </td>
                <td>{p.ownerName ? localized(p.ownerName, lang) : "–"}</td>
                <td>
                  <span className="ds-tag" data-color={p.status === "active" ? "success" : "neutral"}>
                    {t(`planStatus.${p.status}`)}
                  </span>
                </td>
                <td>{p.measureCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
