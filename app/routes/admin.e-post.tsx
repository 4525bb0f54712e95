import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { Pager, useFormatters } from "~/components/secretariat";
import { listOutbox, pageParam } from "~/models/admin.server";
import { rethrowAsResponse } from "~/http/http.server";
import { requireRole } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "E-postutboks – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const page = pageParam(new URL(request.url).searchParams.get("side"));
  return listOutbox(user, page).catch(rethrowAsResponse);
}

const COLORS = { sent: "success", pending: "warning", failed: "danger" } as const;

export default function Outbox() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const f = useFormatters();
  return (
    <>
      <PageTitle>{t("adminMail.title")}</PageTitle>
      <p className="ds-paragraph">{t("adminMail.intro")}</p>
      {data.rows.length === 0 ? (
        <p className="ds-paragraph">{t("adminMail.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="ds-table">
            <caption>{t("adminMail.caption", { total: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("adminMail.created")}</th>
                <th scope="col">{t("adminMail.to")}</th>
                <th scope="col">{t("adminMail.subject")}</th>
                <th scope="col">{t("adminMail.kind")}</th>
                <th scope="col">{t("adminMail.status")}</th>
                <th scope="col">{t("adminMail.attempts")}</th>
                <th scope="col">{t("adminMail.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((m) => (
                <tr key={m.id}>
                  <td>{f.dateTime(m.createdAt)}</td>
                  <td>{m.toAddress}</td>
                  <td>
                    {m.textBody === null ? (
                      m.subject
                    ) : (
                      <details>
                        <summary>{m.subject}</summary>
                        <pre className="mail-body" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>
                          {m.textBody}
                        </pre>
                      </details>
                    )}
                  </td>
                  <td>{m.kind}</td>
                  <td>
                    <span className="ds-tag" data-color={COLORS[m.status]}>
                      {t(`adminMail.${m.status}`)}
                    </span>
                    {m.sentAt ? ` ${f.dateTime(m.sentAt)}` : ""}
                  </td>
                  <td>{m.attempts}</td>
                  <td>{m.lastError ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={data.page} pages={data.pageCount} href={(p) => (p > 1 ? `/admin/e-post?side=${p}` : "/admin/e-post")} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
