import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { useFormatters } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import { listBodiesWithNextMeeting } from "~/models/meetings.server";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "Utval – Helsefellesskap Møre og Romsdal" }];

export async function loader() {
  return { bodies: await listBodiesWithNextMeeting() };
}

export default function Bodies() {
  const { t } = useTranslation("cases-secretariat");
  const { bodies } = useLoaderData<typeof loader>();
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const f = useFormatters();
  return (
    <>
      <PageTitle>{t("bodies.title")}</PageTitle>
      <p className="ds-paragraph">{t("bodies.intro")}</p>
      <div className="table-wrap">
        <table className="ds-table">
          <caption>{t("bodies.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("bodies.name")}</th>
              <th scope="col">{t("bodies.next")}</th>
            </tr>
          </thead>
          <tbody>
            {bodies.map((b) => (
              <tr key={b.id}>
                <th scope="row">
                  <Link className="ds-link" to={`/utval/${b.slug}`}>
                    {localized(b.name, lang)}
                  </Link>{" "}
                  <span className="muted">({b.shortName})</span>
                </th>
                <td>{b.nextAt ? f.dateTime(b.nextAt) : t("bodies.noNext")}</td>
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
