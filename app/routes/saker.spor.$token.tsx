/**
 * /saker/spor/<token>: the submitter's private page (the link in the receipt e-mail). Status in
 * plain language, a timeline of status changes (dates and statuses only), the body, published
 * decisions with a link to the minutes, a rejection's justification, and withdrawal with a
 * confirmation while the case is not yet on an agenda. Unknown token: 404. Never cached.
 *
 * Referrer policy: "strict-origin", not "no-referrer". The token is in the path, and strict-origin
 * never sends a path in the Referer header (only "https://host/", and nothing on a downgrade), so
 * the token cannot leak through it either. "no-referrer" would also make the browser send
 * `Origin: null` with this page's POST forms (withdrawal, language switch, sign-out), which the
 * central CSRF check (app/http/csrf.server.ts) rightly refuses with 403.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { CaseDecisions } from "~/components/case-decisions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { formatDate } from "~/i18n/dates";
import { z } from "zod";
import { trackingView, withdrawCase, type TokenHolder } from "~/models/submissions.server";
import { getLang } from "~/http/lang.server";
import { log } from "~/services/log.server";
import { useRootData } from "~/root";
import { readFormWithin, statusOf } from "~/http/http.server";
import { isDomainError } from "~/services/domain-error";

export const meta: MetaFunction = () => [
  { title: "Følg saka – Helsefellesskap Møre og Romsdal" },
  { name: "referrer", content: "strict-origin" },
  { name: "robots", content: "noindex" },
];

const PRIVATE_HEADERS = { "Referrer-Policy": "strict-origin", "Cache-Control": "no-store" };
export const headers: HeadersFunction = () => PRIVATE_HEADERS;

/** A refusal with the private headers: an unknown token is a plain 404, whatever it looks like. */
function privateError(error: unknown): never {
  if (isDomainError(error)) throw new Response(error.kind === "notFound" ? "Not found" : error.code, { status: statusOf(error), headers: PRIVATE_HEADERS });
  throw error;
}

const holderOf = (params: Params): TokenHolder => ({ kind: "tracking", token: params.token ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await trackingView(holderOf(params), { lang: await getLang(request) }).catch(privateError);
  return json({ view }, { headers: PRIVATE_HEADERS });
}

/** The one form on the page: withdrawal, with its confirmation box ticked. */
const withdrawSchema = z.object({
  intent: z.literal("withdraw", { errorMap: () => ({ message: "errors.unreadable" }) }),
  confirm: z.literal("yes", { errorMap: () => ({ message: "tracking.withdrawConfirmRequired" }) }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  let form: FormData;
  try {
    form = await readFormWithin(request, 10_000);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return json({ result: null, error: "errors.unreadable" }, { status: statusOf(error), headers: PRIVATE_HEADERS });
  }
  const submission = parseWithZod(form, { schema: withdrawSchema });
  if (submission.status !== "success") {
    const error = submission.error?.intent?.[0] ?? submission.error?.confirm?.[0] ?? "errors.unreadable";
    return json({ result: submission.reply(), error }, { status: 400, headers: PRIVATE_HEADERS });
  }
  try {
    await withdrawCase(holderOf(params));
  } catch (error) {
    if (!isDomainError(error) || error.kind === "notFound") privateError(error);
    return json({ result: submission.reply({ formErrors: [error.code] }), error: error.code }, { status: statusOf(error), headers: PRIVATE_HEADERS });
  }
  log("info", "case_withdrawn");
  return redirect(new URL(request.url).pathname, { status: 303, headers: PRIVATE_HEADERS });
}

export default function Tracking() {
  const { t } = useTranslation("cases-public");
  const lang = useRootData()?.lang ?? "nn";
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageTitle>{t("tracking.title", { reference: view.reference })}</PageTitle>
      <p className="ds-paragraph" data-size="lg">
        {view.title}
      </p>
      <p className="ds-paragraph" data-size="sm">
        {t("tracking.privateNote")}
      </p>
      <dl className="facts" style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.25rem 1rem" }}>
        <dt>{t("tracking.status")}</dt>
        <dd>
          <span className="ds-tag" data-color={view.status === "rejected" ? "danger" : view.status === "withdrawn" ? "neutral" : "info"} data-testid="case-status">
            {t(`status.${view.status}`)}
          </span>{" "}
          {t(`statusHelp.${view.status}`)}
        </dd>
        <dt>{t("tracking.submittedAt")}</dt>
        <dd>{formatDate(view.submittedAt, lang)}</dd>
        {view.body ? (
          <>
            <dt>{t("tracking.body")}</dt>
            <dd>{view.body.name}</dd>
          </>
        ) : null}
      </dl>

      {view.rejectionReason ? (
        <Section title={t("tracking.rejection")}>
          <p className="ds-paragraph preserve-lines">{view.rejectionReason}</p>
        </Section>
      ) : null}

      <Section title={t("tracking.decisions")}>
        <CaseDecisions decisions={view.decisions} empty={t("tracking.noDecision")} lang={lang} />
      </Section>

      <Section title={t("tracking.timeline")}>
        <table className="ds-table" data-size="sm">
          <caption>{t("tracking.timelineCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tracking.date")}</th>
              <th scope="col">{t("tracking.status")}</th>
            </tr>
          </thead>
          <tbody>
            {view.timeline.map((e, i) => (
              <tr key={i}>
                <td>{formatDate(e.at, lang)}</td>
                <td>{translateCode(t, "cases-public", `status.${e.status}`, { defaultValue: e.status })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {view.canWithdraw ? (
        <Section title={t("tracking.withdrawTitle")}>
          <p className="ds-paragraph">{t("tracking.withdrawText")}</p>
          {actionData?.error ? (
            <div className="ds-alert" data-color="danger" role="alert">
              <p className="ds-paragraph">{translateCode(t, "cases-public", actionData.error)}</p>
            </div>
          ) : null}
          <Form method="post" className="stack" replace>
            <input type="hidden" name="intent" value="withdraw" />
            <div className="ds-field">
              <input
                className="ds-input"
                type="checkbox"
                id="withdraw-confirm"
                name="confirm"
                value="yes"
                aria-invalid={actionData?.error === "tracking.withdrawConfirmRequired" || undefined}
              />
              <label className="ds-label" htmlFor="withdraw-confirm" data-weight="regular">
                {t("tracking.withdrawConfirm")}
              </label>
            </div>
            <div>
              <button type="submit" className="ds-button" data-variant="secondary" data-color="danger">
                {t("tracking.withdrawSubmit")}
              </button>
            </div>
          </Form>
        </Section>
      ) : actionData?.error ? (
        <div className="ds-alert" data-color="danger" role="alert">
          <p className="ds-paragraph">{translateCode(t, "cases-public", actionData.error)}</p>
        </div>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
