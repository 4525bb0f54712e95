/**
 * /saker/spor — for submitters who lost the link to their case: takes an e-mail address and mails
 * it a new tracking link for each of its cases of the last three years (resendTrackingLinks). The
 * answer is the same whatever the address (303 to the same page and text), and the same work is
 * done; rate limited per client and per address like /glemt-passord. Never cached.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import "~/i18n/cases-public";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { useMessages } from "~/components/secretariat/messages";
import { PUBLIC_SUBMITTER, resendTrackingLinks } from "~/models/submissions.server";
import { log } from "~/services/log.server";
import { trackingLinksRateLimit } from "~/services/rate-limit.server";
import { forwardRetryAfter, retryAfterHeaders } from "~/http/rate-limit.server";
import { readForm } from "~/http/http.server";

export const headers: HeadersFunction = (args) => ({ "Cache-Control": "no-store", ...forwardRetryAfter(args) });
export const meta: MetaFunction = () => [{ title: "Få nye lenkjer til sakene dine – Helsefellesskap Møre og Romsdal" }];

const schema = z.object({
  email: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(254, "errors.email").email("errors.email"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const limit = await trackingLinksRateLimit({ context, email: submission.value.email });
  if (!limit.allowed) {
    return json({ result: submission.reply({ formErrors: ["lostLinks.rateLimited"] }) }, { status: 429, headers: retryAfterHeaders(limit.retryAfterSeconds) });
  }
  await resendTrackingLinks(PUBLIC_SUBMITTER, { email: submission.value.email });
  log("info", "tracking_links_requested");
  return redirect("/saker/spor?sendt=1", { status: 303 });
}

export default function LostLinks() {
  const { t, first } = useMessages("cases-public");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm<{ email: string }>({ id: "lost-links", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const error = first(fields.email.errors) ?? first(form.errors);
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  return (
    <div className="form-narrow">
      <PageTitle>{t("lostLinks.title")}</PageTitle>
      {params.get("sendt") && !actionData ? (
        <div className="ds-alert" data-color="info" role="status">
          <p className="ds-paragraph">{t("lostLinks.sent")}</p>
        </div>
      ) : null}
      <p className="ds-paragraph">{t("lostLinks.intro")}</p>
      <ErrorSummary heading={t("lostLinks.errorSummary")} errors={error ? [{ id: "email", message: error }] : []} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField id="email" name={fields.email.name} type="email" autoComplete="email" label={t("lostLinks.email")} error={error} maxLength={254} required />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("lostLinks.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
