import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { Pager } from "~/components/secretariat";
import { listUsers, pageParam } from "~/models/admin.server";
import { rethrowAsResponse } from "~/http/http.server";
import { requireRole } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Administrasjon – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const page = pageParam(new URL(request.url).searchParams.get("side"));
  return listUsers(user, page).catch(rethrowAsResponse);
}

export default function Admin() {
  const { t } = useTranslation("cases-secretariat");
  const { t: tc } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("adminUsers.title")}</PageTitle>
      <p>
        <Link className="ds-link" to="/admin/e-post">
          {t("adminUsers.mailLink")}
        </Link>
      </p>
      <Section title={t("adminUsers.users")}>
        <div className="table-wrap">
          <table className="ds-table">
            <caption>{t("adminUsers.caption", { total: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("adminUsers.email")}</th>
                <th scope="col">{t("adminUsers.name")}</th>
                <th scope="col">{t("adminUsers.role")}</th>
                <th scope="col">{t("adminUsers.party")}</th>
                <th scope="col">{t("adminUsers.active")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link className="ds-link" to={`/admin/brukarar/${u.id}`}>
                      {u.email}
                    </Link>
                  </td>
                  <td>{u.name}</td>
                  <td>{tc(`roles.${u.role}`)}</td>
                  <td>{u.partyName ?? u.partyNumber ?? "–"}</td>
                  <td>{u.active ? t("common.yes") : t("common.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager page={data.page} pages={data.pageCount} href={(p) => (p > 1 ? `/admin?side=${p}` : "/admin")} />
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
