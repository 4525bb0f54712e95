/**
 * /glemt-passord — the forgotten password: takes an e-mail address and always answers the same
 * way (303 to the same page and text; the same work whether or not the address is known: see
 * requestPasswordReset). A known, active user gets a single-use link (1 h). Rate limited like
 * sign-in.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import "~/i18n/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { useMessages } from "~/components/secretariat/messages";
import { requestPasswordReset } from "~/models/people.server";
import { log } from "~/services/log.server";
import { passwordResetRateLimit } from "~/services/rate-limit.server";
import { forwardRetryAfter, retryAfterHeaders } from "~/http/rate-limit.server";
import { readForm } from "~/http/http.server";

export const headers = forwardRetryAfter;
export const meta: MetaFunction = () => [{ title: "Gløymt passord – Helsefellesskap Møre og Romsdal" }];

const schema = z.object({
  email: z.string({ required_error: "errors.emailRequired" }).trim().min(1, "errors.emailRequired").max(254, "errors.emailInvalid").email("errors.emailInvalid"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const limit = await passwordResetRateLimit({ context, email: submission.value.email });
  if (!limit.allowed) {
    log("info", "password_reset_rate_limited", { retryAfter: limit.retryAfterSeconds });
    return json({ result: submission.reply({ formErrors: ["forgot.rateLimited"] }) }, { status: 429, headers: retryAfterHeaders(limit.retryAfterSeconds) });
  }
  await requestPasswordReset({ email: submission.value.email });
  log("info", "password_reset_requested");
  return redirect("/glemt-passord?sendt=1", { status: 303 });
}

export default function ForgotPassword() {
  const { t, first } = useMessages("people");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm<{ email: string }>({ id: "forgot", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const error = first(fields.email.errors) ?? first(form.errors);
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  return (
    <div className="form-narrow">
      <PageTitle>{t("forgot.title")}</PageTitle>
      {params.get("sendt") && !actionData ? (
        <div className="ds-alert" data-color="info" role="status">
          <p className="ds-paragraph">{t("forgot.sent")}</p>
        </div>
      ) : null}
      <p className="ds-paragraph">{t("forgot.intro")}</p>
      <ErrorSummary heading={t("forgot.errorSummary")} errors={error ? [{ id: "email", message: error }] : []} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField id="email" name={fields.email.name} type="email" autoComplete="username" label={t("forgot.email")} error={error} maxLength={254} required />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("forgot.submit")}
          </button>
        </div>
      </Form>
      <p className="ds-paragraph">
        <Link className="ds-link" to="/logg-inn">
          {t("link.signIn")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
