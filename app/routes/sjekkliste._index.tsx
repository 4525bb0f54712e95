import type { LoaderFunctionArgs, MetaFunction, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import { checklistIndex } from "~/models/checklists.server";
import { useRootData } from "~/root";
import { requireUser } from "~/http/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Sjekkliste – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { own, rounds } = await checklistIndex(user);
  return { own, rounds, isSecretariat: user.role === "secretariat" };
}

export default function ChecklistIndex() {
  const { t } = useTranslation("plans");
  const { own, rounds, isSecretariat } = useLoaderData<typeof loader>();
  const lang = useRootData()?.lang ?? "nn";
  const open = own?.filter((c) => c.roundStatus === "open") ?? [];
  const closed = own?.filter((c) => c.roundStatus === "closed") ?? [];
  // A reporter for several parties: each link names its party (two links never read the same).
  const several = new Set(own?.map((c) => c.partyNumber)).size > 1;
  const linkText = (c: { roundTitle: string; partyName: string }) => (several ? `${c.roundTitle} – ${c.partyName}` : c.roundTitle);
  return (
    <>
      <PageTitle>{t("checklist.indexTitle")}</PageTitle>
      <p className="ds-paragraph">{t("checklist.indexIntro")}</p>
      {own ? (
        <>
          <Section title={t("checklist.openRounds")}>
            {open.length === 0 ? <p className="ds-paragraph">{t("checklist.noOpen")}</p> : null}
            <ul className="cards">
              {open.map((c) => (
                <li key={c.id} className="ds-card" data-variant="tinted">
                  <h3 className="ds-heading" data-size="xs">
                    <Link to={`/sjekkliste/${c.id}`} className="ds-link">
                      {linkText(c)}
                    </Link>
                  </h3>
                  <p className="ds-paragraph" data-size="sm">
                    {localized(c.planTitle, lang)}
                  </p>
                  <p className="ds-paragraph" data-size="sm">
                    {t("rounds.deadline")}: {c.deadline} ·{" "}
                    <span className="ds-tag" data-color={c.status === "submitted" ? "success" : c.updatedAt ? "warning" : "neutral"}>
                      {c.status === "submitted" ? t("checklistState.submitted") : c.updatedAt ? t("checklistState.draft") : t("checklistState.nothing")}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          </Section>
          {closed.length ? (
            <Section title={t("checklist.closedRounds")}>
              <ul className="ds-list">
                {closed.map((c) => (
                  <li key={c.id}>
                    <Link to={`/sjekkliste/${c.id}`} className="ds-link">
                      {linkText(c)}
                    </Link>{" "}
                    ({c.status === "submitted" ? t("checklistState.submitted") : t("checklistState.notSubmitted")})
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      ) : (
        <Section title={t("rounds.title")}>
          {isSecretariat ? (
            <p className="ds-paragraph">
              <Link to="/sjekkliste/runde/ny" className="ds-button" data-variant="primary">
                {t("rounds.create")}
              </Link>
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="ds-table">
              <caption>{t("rounds.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("rounds.round")}</th>
                  <th scope="col">{t("plans.plan")}</th>
                  <th scope="col">{t("rounds.deadline")}</th>
                  <th scope="col">{t("rounds.status")}</th>
                  <th scope="col">{t("rounds.submittedOf")}</th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={isSecretariat ? `/sjekkliste/runde/${r.id}` : `/dashbord?plan=${r.planSlug}&runde=${r.id}`} className="ds-link">
                        {r.title}
                      </Link>
                    </th>
                    <td>{localized(r.planTitle, lang)}</td>
                    <td>{r.deadline}</td>
                    <td>{t(`roundStatus.${r.status}`)}</td>
                    <td>
                      {r.submitted} / {r.total}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
