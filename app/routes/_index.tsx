import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageTitle } from "~/components/page";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "Helsefellesskap Møre og Romsdal" }];

export default function Index() {
  const { t } = useTranslation();
  const root = useRootData();
  const cards = [
    { to: "/saker/ny", title: "home.submitTitle", text: "home.submitText" },
    { to: "/saker", title: "home.casesTitle", text: "home.casesText" },
    { to: "/dashbord", title: "home.dashboardTitle", text: "home.dashboardText" },
    { to: "/kunnskap", title: "home.knowledgeTitle", text: "home.knowledgeText" },
  ] as const;
  return (
    <>
      <PageTitle>{t("home.title")}</PageTitle>
      <p className="ds-paragraph" data-size="lg">
        {t("home.intro")}
      </p>
      {root?.demoMode ? (
        <div className="ds-alert" data-color="info">
          <p className="ds-paragraph">{t("home.demoNotice")}</p>
        </div>
      ) : null}
      <ul className="cards page-section">
        {cards.map((c) => (
          <li key={c.to} className="ds-card" data-variant="tinted">
            <h2 className="ds-heading" data-size="sm">
              <Link to={c.to} className="ds-link">
                {t(c.title)}
              </Link>
            </h2>
            <p className="ds-paragraph">{t(c.text)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
