/**
 * /admin/utval — the bodies with kind, active period and number of current members (a page at a
 * time), and a form to create one. Admins change; the secretariat may read.
 */
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/bodies";
import { BodyTextFields, Done, FormErrors, usePeriod, useReplyForm } from "~/components/bodies/fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, TextField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { Pager } from "~/components/secretariat";
import { useMessages } from "~/components/secretariat/messages";
import { CREATABLE_BODY_KINDS } from "~/models/access";
import { pageParam } from "~/models/admin.server";
import { createBody, listBodiesAdmin } from "~/models/bodies.server";
import { bodiesPageSchema } from "~/models/body-forms.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";
import { requireRole } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Utval og medlemmer – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "secretariat");
  const page = pageParam(new URL(request.url).searchParams.get("side"));
  return { ...(await listBodiesAdmin(user, { page }).catch(rethrowAsResponse)), kinds: CREATABLE_BODY_KINDS };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: bodiesPageSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    const body = await createBody(user, submission.value);
    return redirect(`/admin/utval/${body.slug}?ok=created`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

export default function AdminBodies() {
  const { t } = useTranslation("bodies");
  const data = useLoaderData<typeof loader>();
  const period = usePeriod();
  const [params] = useSearchParams();
  return (
    <>
      <PageTitle>{t("list.title")}</PageTitle>
      <p className="ds-paragraph">{t("list.intro")}</p>
      <Done message={params.get("ok") === "closed" ? t("body.closedDone") : null} />
      {data.canEdit ? null : <p className="ds-paragraph">{t("list.readOnly")}</p>}
      <div className="table-wrap page-section">
        <table className="ds-table">
          <caption>{t("list.caption", { total: data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("list.name")}</th>
              <th scope="col">{t("list.kind")}</th>
              <th scope="col">{t("list.period")}</th>
              <th scope="col">{t("list.members")}</th>
              <th scope="col">{t("list.status")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link className="ds-link" to={`/admin/utval/${b.slug}`}>
                    {b.shortName}
                  </Link>
                </td>
                <td>{t(`kind.${b.kind}`)}</td>
                <td>{period(b.establishedOn, b.closedOn)}</td>
                <td>{b.memberCount}</td>
                <td>{b.open ? t("list.open") : t("list.closed")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={data.page} pages={data.pageCount} href={(p) => (p > 1 ? `/admin/utval?side=${p}` : "/admin/utval")} />
      {data.canEdit ? <CreateBody kinds={data.kinds} /> : null}
    </>
  );
}

function CreateBody({ kinds }: { kinds: readonly (typeof CREATABLE_BODY_KINDS)[number][] }) {
  const { t, first } = useMessages("bodies");
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useReplyForm("body-create", actionData?.result, "create");
  const kindValue = typeof fields.kind?.initialValue === "string" ? fields.kind.initialValue : "";
  return (
    <Section title={t("create.title")}>
      <Form method="post" className="stack form-narrow" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <FormErrors errors={form.errors} />
        <SelectField
          id="create-kind"
          name="kind"
          label={t("create.kind")}
          required
          defaultValue={kindValue}
          error={first(fields.kind?.errors)}
          options={[{ value: "", label: t("create.kindChoose") }, ...kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
        />
        <TextField
          id="create-establishedOn"
          name="establishedOn"
          type="date"
          label={t("create.establishedOn")}
          required
          defaultValue={typeof fields.establishedOn?.initialValue === "string" ? fields.establishedOn.initialValue : ""}
          error={first(fields.establishedOn?.errors)}
        />
        <BodyTextFields prefix="create" fields={fields} />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={busy}>
            {t("create.submit")}
          </button>
        </div>
      </Form>
    </Section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
