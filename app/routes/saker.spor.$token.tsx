/**
 * /saker/spor/<token>: the submitter's private page (the link in the receipt e-mail). Status in
 * plain language, a timeline of status changes (dates and statuses only), the body, published
 * decisions with a link to the minutes, a rejection's justification, and withdrawal with a
 * confirmation while the case is not yet on an agenda, and the secretariat's open question with a
 * form to answer it (an answered question answered again: 409). Unknown token: 404, with a link
 * to /saker/spor for new links. Never cached.
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
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { CaseDecisions } from "~/components/case-decisions";
import { AnswerForm, TrackingErrorBoundary, WithdrawForm } from "~/components/tracking/tracking-forms";
import { PageTitle, Section } from "~/components/page";
import { formatDate } from "~/i18n/dates";
import { z } from "zod";
import { trackingView, withdrawCase, type TokenHolder } from "~/models/submissions.server";
import { answerInfoRequest } from "~/models/case-advice.server";
import { getLang } from "~/http/lang.server";
import { log } from "~/services/log.server";
import { useRootData } from "~/root";
import { readFormWithin, statusOf } from "~/http/http.server";
import { isDomainError } from "~/services/domain-error";
import { freeText } from "~/models/text-rules.server";

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

/** The page's forms: withdrawal (its confirmation box ticked), and the answer to an open question. */
/** Built when the action runs: freeText comes from a .server module. */
const trackingSchema = () =>
  z.discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("withdraw"),
        confirm: z.literal("yes", { errorMap: () => ({ message: "tracking.withdrawConfirmRequired" }) }),
      }),
      z.object({
        intent: z.literal("answer"),
        requestId: z.number({ required_error: "errors.unreadable", invalid_type_error: "errors.unreadable" }).int("errors.unreadable").positive("errors.unreadable"),
        answer: freeText({ max: 5000, required: true, messages: { required: "tracking.answerRequired", tooLong: "tracking.answerTooLong" } }),
      }),
    ],
    { errorMap: () => ({ message: "errors.unreadable" }) },
  );

export async function action({ request, params }: ActionFunctionArgs) {
  let form: FormData;
  try {
    form = await readFormWithin(request, 64_000); // an answer of 5000 characters, percent-encoded
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return json({ result: null, error: "errors.unreadable" }, { status: statusOf(error), headers: PRIVATE_HEADERS });
  }
  const submission = parseWithZod(form, { schema: trackingSchema() });
  if (submission.status !== "success") {
    const errors = submission.error ?? {};
    const error = errors.intent?.[0] ?? errors.confirm?.[0] ?? errors.requestId?.[0] ?? errors.answer?.[0] ?? "errors.unreadable";
    return json({ result: submission.reply(), error }, { status: 400, headers: PRIVATE_HEADERS });
  }
  const value = submission.value;
  try {
    if (value.intent === "answer") await answerInfoRequest(holderOf(params), { requestId: value.requestId, answer: value.answer });
    else await withdrawCase(holderOf(params));
  } catch (error) {
    if (!isDomainError(error) || error.kind === "notFound") privateError(error);
    const result = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.code] } }) : submission.reply({ formErrors: [error.code] });
    return json({ result, error: error.code }, { status: statusOf(error), headers: PRIVATE_HEADERS });
  }
  log("info", value.intent === "answer" ? "case_info_answered" : "case_withdrawn");
  const path = new URL(request.url).pathname;
  return redirect(value.intent === "answer" ? `${path}?svar=1` : path, { status: 303, headers: PRIVATE_HEADERS });
}

export default function Tracking() {
  const { t } = useTranslation("cases-public");
  const lang = useRootData()?.lang ?? "nn";
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const answering = actionData?.result?.initialValue?.intent === "answer";
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

      {search.get("svar") && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("tracking.answered")}</p>
        </div>
      ) : null}

      {view.openQuestion ? (
        <AnswerForm question={view.openQuestion} askedOn={formatDate(view.openQuestion.askedAt, lang)} result={answering ? actionData?.result : undefined} />
      ) : answering && actionData?.error ? (
        <div className="ds-alert" data-color="danger" role="alert">
          <p className="ds-paragraph">{translateCode(t, "cases-public", actionData.error)}</p>
        </div>
      ) : null}

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
        <WithdrawForm error={answering ? null : actionData?.error} />
      ) : actionData?.error && !answering ? (
        <div className="ds-alert" data-color="danger" role="alert">
          <p className="ds-paragraph">{translateCode(t, "cases-public", actionData.error)}</p>
        </div>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <TrackingErrorBoundary />;
}
