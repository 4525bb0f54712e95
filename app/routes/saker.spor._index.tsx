/**
 * /saker/spor — for submitters who lost the link to their case: takes an e-mail address and mails
 * it a new tracking link for each of its cases of the last three years (resendTrackingLinks). The
 * answer is the same whatever the address (303 to the same page and text), and the same work is
 * done; rate limited per client and per address like /glemt-passord. Never cached.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import "~/i18n/cases-public";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmailRequestPage } from "~/components/email-request";
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
  const texts = {
    title: t("lostLinks.title"),
    sent: t("lostLinks.sent"),
    intro: t("lostLinks.intro"),
    errorSummary: t("lostLinks.errorSummary"),
    email: t("lostLinks.email"),
    submit: t("lostLinks.submit"),
  };
  return <EmailRequestPage id="lost-links" texts={texts} result={actionData?.result} message={first} autoComplete="email"></EmailRequestPage>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
