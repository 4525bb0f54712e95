/**
 * /passord/:token — a single-use link to set a password (an invitation: 72 h; a password reset:
 * 1 h). A valid link shows the form; a used or expired one answers 410 with a page saying so and
 * the way to a new one; an unknown one 404. Setting the password revokes every session of the user.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import "~/i18n/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, NewPasswordFields } from "~/components/form";
import { PageTitle } from "~/components/page";
import { allErrors, useMessages } from "~/components/secretariat/messages";
import { linkState, PASSWORD_FIELDS, setPasswordSchema, setPasswordWithLink } from "~/models/people.server";
import { DomainError } from "~/services/domain-error";
import { log } from "~/services/log.server";
import { readForm, rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Set passord – Helsefellesskap Møre og Romsdal" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await linkState({ token: params.token ?? "" }).catch(rethrowAsResponse);
  return json(link, { status: link.state === "valid" ? 200 : 410, headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const link = await linkState({ token }).catch(rethrowAsResponse);
  if (link.state !== "valid") return json({ result: null, link }, { status: 410 });
  const submission = parseWithZod(await readForm(request), { schema: setPasswordSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: PASSWORD_FIELDS }), link }, { status: 400 });
  try {
    const { userId, purpose } = await setPasswordWithLink({ token, password: submission.value.password });
    log("info", "password_set_with_link", { userId, purpose });
    return redirect("/logg-inn?passord=sett", { status: 303 });
  } catch (error) {
    if (error instanceof DomainError && error.kind === "conflict") return json({ result: null, link: { ...link, state: "used" as const } }, { status: 410 });
    throw error;
  }
}

export default function SetPassword() {
  const { t, first, message } = useMessages("people");
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const link = actionData?.link ?? loaded;
  const [form, fields] = useForm<{ password: string; repeat: string }>({ id: "set-password", lastResult: actionData?.result ?? undefined, shouldValidate: "onSubmit" });
  const errors = { password: first(fields.password.errors), repeat: first(fields.repeat.errors) };
  const summary = (["password", "repeat"] as const).flatMap((k) => (errors[k] ? [{ id: k, message: errors[k] }] : []));
  const other = summary.length === 0 ? allErrors(actionData?.result)[0] : undefined;
  if (other) summary.push({ id: "password", message: message(other) });
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  if (link.state !== "valid") {
    return (
      <div className="form-narrow">
        <PageTitle>{link.state === "used" ? t("link.usedTitle") : t("link.expiredTitle")}</PageTitle>
        <p className="ds-paragraph">{link.state === "used" ? t("link.used") : t("link.expired")}</p>
        {link.purpose === "invite" ? (
          <p className="ds-paragraph">{t("link.inviteAsk")}</p>
        ) : (
          <p className="ds-paragraph">
            <Link className="ds-link" to="/glemt-passord">
              {t("link.resetAgain")}
            </Link>
          </p>
        )}
        <p className="ds-paragraph">
          <Link className="ds-link" to="/logg-inn">
            {t("link.signIn")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="form-narrow">
      <PageTitle>{link.purpose === "invite" ? t("link.inviteTitle") : t("link.resetTitle")}</PageTitle>
      <p className="ds-paragraph">{t("link.intro")}</p>
      <ErrorSummary heading={t("link.errorSummary")} errors={summary} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <NewPasswordFields
          password={{ id: "password", name: fields.password.name, label: t("link.password"), description: t("link.passwordHelp"), error: errors.password }}
          repeat={{ id: "repeat", name: fields.repeat.name, label: t("link.repeat"), error: errors.repeat }}
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("link.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
