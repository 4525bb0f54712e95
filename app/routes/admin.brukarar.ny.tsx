/**
 * /admin/brukarar/ny — admin only: create a user (name, e-mail, role, affiliations) and send an
 * invitation with a single-use link to set a password (72 h). A taken e-mail: 409 on the field.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import "~/i18n/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { PageTitle } from "~/components/page";
import { fieldSummary, UserFields, type UserFormShape } from "~/components/people/user-fields";
import { allErrors, useMessages } from "~/components/secretariat/messages";
import { ROLES } from "~/models/account.server";
import { createUser, selectableParties, userFieldsSchema } from "~/models/people.server";
import { DomainError } from "~/services/domain-error";
import { log } from "~/services/log.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";
import { requireRole } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Ny brukar – Administrasjon – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { roles: ROLES, parties: await selectableParties() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: userFieldsSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  try {
    const { id } = await createUser(admin, submission.value);
    log("info", "user_created", { userId: id, by: admin.id });
    return redirect("/admin/brukarar?oppretta=1", { status: 303 });
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "forbidden" || error.kind === "notFound")) rethrowAsResponse(error);
    return replyWithError(submission, error);
  }
}

export default function NewUser() {
  const { t, first, message } = useMessages("people");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<UserFormShape>({ id: "new-user", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const errors = { name: first(fields.name.errors), email: first(fields.email.errors), role: first(fields.role.errors), parties: first(fields.parties.errors) };
  const summary = fieldSummary("user", errors);
  const other = summary.length === 0 ? allErrors(actionData?.result)[0] : undefined;
  if (other) summary.push({ id: "user-name", message: message(other) });
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  return (
    <div className="form-narrow">
      <p>
        <Link className="ds-link" to="/admin/brukarar">
          {t("form.back")}
        </Link>
      </p>
      <PageTitle>{t("form.createTitle")}</PageTitle>
      <p className="ds-paragraph">{t("form.createIntro")}</p>
      <ErrorSummary heading={t("form.errorSummary")} errors={summary} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <UserFields prefix="user" fields={fields} errors={errors} roles={data.roles} parties={data.parties} />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("form.create")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
