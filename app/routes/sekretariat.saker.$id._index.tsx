/**
 * /sekretariat/saker/:id — the case page of the secretariat (and of the SSU leadership and the
 * handling body, who read and comment). One action with one schema: a discriminated union on
 * `intent`; every intent's permission is checked by the workflow model.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { CaseActions } from "~/components/secretariat/case-actions";
import { CaseAlert } from "~/components/secretariat/case-alert";
import { CaseDetails, CaseSummary } from "~/components/secretariat/case-details";
import { CaseNotes } from "~/components/secretariat/case-notes";
import { CaseTimeline } from "~/components/secretariat/case-timeline";
import { WithheldSection } from "~/components/secretariat/case-withheld";
import { CaseAdvice, CaseQuestions } from "~/components/secretariat/case-advice";
import { askSubmitter, recordAdvice } from "~/models/case-advice.server";
import { replyIntent } from "~/components/secretariat/messages";
import { addCaseNote, assignCase, ERRORS, getCaseForUser, transitionCase, withholdFields, type WorkflowUser } from "~/models/case-workflow.server";
import { WITHHOLDABLE_FIELDS, type WithholdableField } from "~/models/public-cases.server";
import { freeTextProblem } from "~/models/text-rules";
import { freeText } from "~/models/text-rules.server";
import { DomainError } from "~/services/domain-error";
import { requireUser } from "~/http/session.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Sak ${data.case.reference}` : "Sak"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getCaseForUser(user, params.id ?? "").catch(rethrowAsResponse);
}

const BASIS_MAX = 200;

/**
 * The case page's forms: one intent each. Built when the action runs: the message prefix and the
 * withholdable fields come from .server modules, which the browser bundle does not have.
 */
const casePageSchema = () => {
  const versionRequired = `${ERRORS}versionRequired`;
  const version = z.number({ required_error: versionRequired, invalid_type_error: versionRequired }).int(versionRequired).positive(versionRequired);
  const bodyRequired = `${ERRORS}bodyRequired`;
  const bodyId = z.number({ required_error: bodyRequired, invalid_type_error: bodyRequired }).int(bodyRequired).positive(bodyRequired);
  // Guideline point 3: why the secretariat routes or rejects without a tilråding (checked by the model).
  const waiverReason = freeText({ max: 2000, messages: { tooLong: `${ERRORS}waiverTooLong` } }).optional();
  const withheldText = z.string().max(1000, `${ERRORS}withheldBasis`).optional();
  // withhold_<field>=yes and basis_<field> for each field of WITHHOLDABLE_FIELDS — named, not a
  // catch-all: an error on a key such as "constructor" would crash conform's error map.
  const withheldFieldsShape = Object.fromEntries(
    WITHHOLDABLE_FIELDS.flatMap((field) => [
      [`withhold_${field}`, withheldText],
      [`basis_${field}`, withheldText],
    ]),
  ) as Record<`withhold_${WithholdableField}` | `basis_${WithholdableField}`, typeof withheldText>;
  return z
    .discriminatedUnion(
      "intent",
      [
        z.object({ intent: z.enum(["receive", "assess", "close"]), version }),
        z.object({ intent: z.literal("forward"), version, bodyId }),
        z.object({ intent: z.literal("route"), version, bodyId, waiverReason }),
        z.object({
          intent: z.literal("reject"),
          version,
          waiverReason,
          reason: freeText({ max: 10_000, required: true, messages: { required: `${ERRORS}reasonRequired`, tooLong: `${ERRORS}reasonTooLong` } }),
          confirm: z.literal("yes", { errorMap: () => ({ message: `${ERRORS}confirmRequired` }) }),
        }),
        z.object({ intent: z.literal("assign"), version, assigneeId: z.string().max(100, `${ERRORS}unknownAssignee`).optional() }),
        z.object({ intent: z.literal("note"), note: freeText({ max: 10_000, required: true, messages: { required: `${ERRORS}noteRequired`, tooLong: `${ERRORS}noteTooLong` } }) }),
        z.object({ intent: z.literal("withheld"), version, ...withheldFieldsShape }),
        z.object({
          intent: z.literal("advice"),
          recommendation: z.enum(["route", "reject", "ask_info"], { errorMap: () => ({ message: `${ERRORS}recommendationRequired` }) }),
          bodyId: z.number({ invalid_type_error: bodyRequired }).int(bodyRequired).positive(bodyRequired).optional(),
          justification: freeText({ max: 2000, required: true, messages: { required: `${ERRORS}justificationRequired`, tooLong: `${ERRORS}justificationTooLong` } }),
        }),
        z.object({
          intent: z.literal("ask"),
          question: freeText({ max: 2000, required: true, messages: { required: `${ERRORS}questionRequired`, tooLong: `${ERRORS}questionTooLong` } }),
        }),
      ],
      { errorMap: () => ({ message: `${ERRORS}unknownAction` }) },
    )
    .superRefine((value, ctx) => {
      if (value.intent !== "withheld") return;
      for (const field of WITHHOLDABLE_FIELDS) {
        if (value[`withhold_${field}`] !== "yes") continue;
        const basis = (value[`basis_${field}`] ?? "").trim();
        const path = [`basis_${field}`];
        if (!basis || basis.length > BASIS_MAX) ctx.addIssue({ code: "custom", path, message: `${ERRORS}withheldBasis` });
        else {
          const problem = freeTextProblem(basis, { singleLine: true });
          if (problem) ctx.addIssue({ code: "custom", path, message: problem });
        }
      }
    });
};

type CasePageInput = z.infer<ReturnType<typeof casePageSchema>>;

/** The fields to withhold with their bases, from the withholding form. */
function withheldOf(value: Record<string, string | number | undefined>) {
  const withheld: Partial<Record<WithholdableField, string>> = {};
  for (const field of WITHHOLDABLE_FIELDS) if (value[`withhold_${field}`] === "yes") withheld[field] = String(value[`basis_${field}`] ?? "").trim();
  return withheld;
}

function perform(user: WorkflowUser, caseId: string, input: CasePageInput) {
  switch (input.intent) {
    case "note":
      return addCaseNote(user, { caseId, body: input.note });
    case "assign":
      return assignCase(user, { caseId, expectedVersion: input.version, assigneeId: input.assigneeId || null });
    case "withheld":
      return withholdFields(user, { caseId, expectedVersion: input.version, withheld: withheldOf(input) });
    case "reject":
      return transitionCase(user, { caseId, expectedVersion: input.version, action: "reject", reason: input.reason, waiverReason: input.waiverReason });
    case "route":
      return transitionCase(user, { caseId, expectedVersion: input.version, action: "route", bodyId: input.bodyId, waiverReason: input.waiverReason });
    case "forward":
      return transitionCase(user, { caseId, expectedVersion: input.version, action: "forward", bodyId: input.bodyId });
    case "advice":
      return recordAdvice(user, { caseId, recommendation: input.recommendation, bodyId: input.bodyId ?? null, justification: input.justification });
    case "ask":
      return askSubmitter(user, { caseId, question: input.question });
    default:
      return transitionCase(user, { caseId, expectedVersion: input.version, action: input.intent });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const caseId = params.id ?? "";
  const submission = parseWithZod(await readForm(request), { schema: casePageSchema() });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  try {
    await perform(user, caseId, submission.value);
  } catch (error) {
    // A refused read or permission is the error page's business, as for the loader.
    if (error instanceof DomainError && (error.kind === "forbidden" || error.kind === "notFound")) rethrowAsResponse(error);
    return replyWithError(submission, error);
  }
  return redirect(`/sekretariat/saker/${caseId}?lagra=${encodeURIComponent(submission.value.intent)}`);
}

export default function CasePage() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const c = data.case;
  const result = actionData?.result;
  const intent = replyIntent(result);
  const resultFor = (i: string) => (intent === i ? result : undefined);
  const saved = params.get("lagra");

  return (
    <>
      <p>
        <Link to="/sekretariat" className="ds-link">
          {t("common.back")}
        </Link>
      </p>
      <PageTitle>
        {c.reference}: {c.title}
      </PageTitle>
      {saved && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("casePage.saved")}</p>
        </div>
      ) : null}
      <CaseAlert result={result} />
      <CaseSummary data={data} />
      <CaseAdvice data={data} result={resultFor("advice")} />
      {data.permissions.secretariat ? <CaseActions data={data} resultFor={resultFor} /> : null}
      {data.permissions.secretariat || data.infoRequests.length > 0 ? <CaseQuestions data={data} result={resultFor("ask")} /> : null}
      <CaseDetails data={data} />
      <CaseNotes data={data} result={resultFor("note")} />
      {data.permissions.secretariat ? <WithheldSection withheld={c.withheld ?? {}} version={c.version} result={resultFor("withheld")} /> : null}
      <CaseTimeline timeline={data.timeline} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
