/**
 * /admin/brukarar — admin only: the users with search (name, e-mail), role and status filters, a
 * sort and paging (a GET form: works without JavaScript, and the URL can be shared).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, TextField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { Pager } from "~/components/secretariat";
import { listUsers, USER_SORTS, userListSchema } from "~/models/people.server";
import { ROLES } from "~/models/account.server";
import { osloDateTime } from "~/services/oslo-time";
import { rethrowAsResponse } from "~/http/http.server";
import { requireRole } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Brukarar – Administrasjon – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const p = new URL(request.url).searchParams;
  const input = userListSchema.parse({
    q: p.get("q") ?? "",
    role: p.get("rolle") || null,
    status: p.get("status") || null,
    sort: p.get("sorter") ?? "name",
    page: p.get("side") ?? 1,
  });
  const data = await listUsers(admin, input).catch(rethrowAsResponse);
  return {
    ...data,
    rows: data.rows.map((r) => ({ ...r, lastSignInAt: r.lastSignInAt ? osloDateTime(r.lastSignInAt) : null })),
    filter: input,
    roles: ROLES,
    sorts: USER_SORTS,
    created: p.get("oppretta") === "1",
  };
}

const SORT_LABEL = { name: "list.sortName", email: "list.sortEmail", role: "list.sortRole", lastSignIn: "list.sortLastSignIn" } as const;

export default function AdminUsers() {
  const { t } = useTranslation("people");
  const { t: tc } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.delete("oppretta");
    if (page > 1) next.set("side", String(page));
    else next.delete("side");
    const qs = next.toString();
    return qs ? `/admin/brukarar?${qs}` : "/admin/brukarar";
  };
  return (
    <>
      <p>
        <Link className="ds-link" to="/admin">
          {t("adminHome.title")}
        </Link>
      </p>
      <PageTitle>{t("list.title")}</PageTitle>
      {data.created ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("list.created")}</p>
        </div>
      ) : null}
      <p>
        <Link className="ds-button" data-variant="primary" to="/admin/brukarar/ny">
          {t("list.create")}
        </Link>
      </p>
      <Section title={t("list.filterTitle")}>
        <Form method="get" className="stack" role="search">
          <TextField id="q" name="q" type="search" label={t("list.search")} defaultValue={data.filter.q} maxLength={200} />
          <SelectField
            id="rolle"
            name="rolle"
            label={t("list.role")}
            defaultValue={data.filter.role ?? ""}
            options={[{ value: "", label: t("list.anyRole") }, ...data.roles.map((r) => ({ value: r, label: tc(`roles.${r}`) }))]}
          />
          <SelectField
            id="status"
            name="status"
            label={t("list.status")}
            defaultValue={data.filter.status ?? ""}
            options={[
              { value: "", label: t("list.anyStatus") },
              { value: "active", label: t("status.active") },
              { value: "deactivated", label: t("status.deactivated") },
            ]}
          />
          <SelectField id="sorter" name="sorter" label={t("list.sort")} defaultValue={data.filter.sort} options={data.sorts.map((s) => ({ value: s, label: t(SORT_LABEL[s]) }))} />
          <div>
            <button type="submit" className="ds-button" data-variant="secondary">
              {t("list.apply")}
            </button>
          </div>
        </Form>
      </Section>
      <Section title={t("list.title")}>
        {data.rows.length === 0 ? (
          <p className="ds-paragraph">{t("list.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="ds-table">
              <caption>{t("list.caption", { total: data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.name")}</th>
                  <th scope="col">{t("list.email")}</th>
                  <th scope="col">{t("list.role")}</th>
                  <th scope="col">{t("list.parties")}</th>
                  <th scope="col">{t("list.lastSignIn")}</th>
                  <th scope="col">{t("list.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link className="ds-link" to={`/admin/brukarar/${u.id}`}>
                        {u.name}
                      </Link>
                    </td>
                    <td>{u.email}</td>
                    <td>{tc(`roles.${u.role}`)}</td>
                    <td>{u.parties.length ? u.parties.map((p) => p.name).join(", ") : t("list.none")}</td>
                    <td>{u.lastSignInAt ?? t("list.never")}</td>
                    <td>{u.active ? t("status.active") : t("status.deactivated")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={data.page} pages={data.pageCount} href={pageHref} />
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
