import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";

export const meta: MetaFunction = () => [{ title: "Om tenesta – Helsefellesskap Møre og Romsdal" }];

/**
 * About the service: static, no loader and no database. The benchmark uses it as the
 * framework's ceiling (the cheapest document route of the same build).
 */
export default function About() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t("about.title")}</PageTitle>
      <p className="ds-paragraph">{t("about.intro")}</p>
      <p className="ds-paragraph">{t("about.owner")}</p>
      <p className="ds-paragraph">
        <Link to="/kunnskap" className="ds-link">
          {t("about.more")}
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
