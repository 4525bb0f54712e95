/**
 * /glemt-passord — the forgotten password: takes an e-mail address and always answers the same
 * way (303 to the same page and text; the same work whether or not the address is known: see
 * requestPasswordReset). A known, active user gets a single-use link (1 h). Rate limited like
 * sign-in.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import "~/i18n/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmailRequestPage } from "~/components/email-request";
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
  const texts = {
    title: t("forgot.title"),
    sent: t("forgot.sent"),
    intro: t("forgot.intro"),
    errorSummary: t("forgot.errorSummary"),
    email: t("forgot.email"),
    submit: t("forgot.submit"),
  };
  return (
    <EmailRequestPage id="forgot" texts={texts} result={actionData?.result} message={first} autoComplete="username">
      <p className="ds-paragraph">
        <Link className="ds-link" to="/logg-inn">
          {t("link.signIn")}
        </Link>
      </p>
    </EmailRequestPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
