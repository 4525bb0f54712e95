/** /admin — admin only: the administration's home, with links to the users and the mail outbox. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { requireRole } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Administrasjon – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export default function AdminHome() {
  const { t } = useTranslation("people");
  return (
    <>
      <PageTitle>{t("adminHome.title")}</PageTitle>
      <ul className="cards">
        <li className="ds-card" data-variant="tinted">
          <h2 className="ds-heading" data-size="xs">
            <Link className="ds-link" to="/admin/brukarar">
              {t("adminHome.users")}
            </Link>
          </h2>
          <p className="ds-paragraph" data-size="sm">
            {t("adminHome.usersText")}
          </p>
        </li>
        <li className="ds-card" data-variant="tinted">
          <h2 className="ds-heading" data-size="xs">
            <Link className="ds-link" to="/admin/e-post">
              {t("adminHome.mail")}
            </Link>
          </h2>
          <p className="ds-paragraph" data-size="sm">
            {t("adminHome.mailText")}
          </p>
        </li>
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
