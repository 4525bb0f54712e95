/**
 * /saker/ny: "Skjema for innmelding av saker" (seed 002), open to everyone. A plain multipart POST
 * that works without JavaScript; the server validates with the zod schema (conform's
 * parseWithZod) and answers errors next to the fields. With JavaScript, the browser hints as you
 * go with the field's own constraints and the same messages (checkField in case-form.ts), without
 * shipping zod or conform: this page is the public's first contact and should load fast.
 */
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FocusEvent, type FormEvent } from "react";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { ATTACHMENT_ACCEPT, checkField, LIMITS, QUESTION_FIELDS, URGENCIES } from "~/models/case-form";
import { Fieldset, isField, Required, SUMMARY_ORDER, useErrorText, type Field } from "~/components/cases-public/case-form-parts";
import { caseFormSchema } from "~/models/case-form.server";
import { caseFormData, PUBLIC_SUBMITTER, submitCase } from "~/models/submissions.server";
import { caseFormMessage, caseFormReply, readCaseForm, redirectToReceipt } from "~/http/submission.server";
import { getLang } from "~/http/lang.server";
import { isDomainError } from "~/services/domain-error";
import { statusOf } from "~/http/http.server";
import { log } from "~/services/log.server";
// security (issue 6): rate limit per client, honeypot and minimum fill time (docs/decisions/010-honeypot.md)
import { forwardRetryAfter, publicFormRateLimit } from "~/http/rate-limit.server";
import { checkBotFields, claimFormToken, formStartedToken } from "~/services/rate-limit.server";
import { BotFields } from "~/components/bot-fields";
import { FORM_STARTED_FIELD_NAME, HONEYPOT_FIELD_NAME } from "~/components/bot-field-names";
export const headers = forwardRetryAfter;

export const meta: MetaFunction = () => [{ title: "Meld inn sak – Helsefellesskap Møre og Romsdal" }];

export const loader = async (_: LoaderFunctionArgs) => ({ ...(await caseFormData()), formStarted: formStartedToken() });

/**
 * The rate limit (a thrown 429), reading and validating the post (400 or 413 with the errors and
 * the masked answers), the bot guard, then the case and a 303 to the receipt.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const limited = await publicFormRateLimit(context);
  if (limited) throw limited;
  let read: Awaited<ReturnType<typeof readCaseForm>>;
  try {
    read = await readCaseForm(request);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.kind !== "tooLarge") log("warn", "case_submit_unreadable", {});
    log("info", "case_submit_refused", { reason: error.code, status: statusOf(error) });
    return caseFormReply({ status: "error", initialValue: null, error: { "": [error.code] } }, statusOf(error));
  }
  const submission = await parseWithZod(read.formData, { schema: caseFormSchema, async: true });
  const attachmentErrors = [...read.fileErrors, ...((submission.status !== "success" && submission.error?.attachments) || [])];
  const fileErrors = attachmentErrors.length ? { fieldErrors: { attachments: attachmentErrors } } : undefined;
  if (submission.status !== "success" || fileErrors) {
    log("info", "case_submit_invalid", { fields: Object.keys({ ...(submission.status !== "success" && submission.error), ...fileErrors?.fieldErrors }).length });
    return caseFormReply(submission.reply(fileErrors), 400);
  }
  // A filled honeypot or a post too soon after rendering is refused; nothing is stored. The form-start
  // token expires and is good for one submission (issue 11, finding 16): refused, the typed answers
  // come back with a fresh token in its place, to send again.
  const { idempotencyKey, attachments, partyNumber, ...values } = submission.value;
  const bot = checkBotFields(read.formData);
  const stale = !bot.ok ? bot.reason === "expired" : bot.token !== null && !(await claimFormToken(bot.token, idempotencyKey));
  if (stale) {
    log("info", "case_submit_refused", { reason: bot.ok ? "token_used" : bot.reason, status: 400 });
    const reply = submission.reply({ formErrors: ["errors.formStale"] });
    return caseFormReply({ ...reply, initialValue: { ...(reply.initialValue ?? {}), [FORM_STARTED_FIELD_NAME]: formStartedToken() } }, 400);
  }
  if (!bot.ok) {
    log("info", "case_submit_refused", { reason: bot.reason, status: 400 });
    return caseFormReply(submission.reply({ formErrors: ["errors.unreadable"] }), 400);
  }
  try {
    const input = { values: { ...values, partyNumber: partyNumber || null }, idempotencyKey, attachments, lang: await getLang(request) };
    const result = await submitCase(PUBLIC_SUBMITTER, input);
    log("info", result.created ? "case_submitted" : "case_resubmitted", { caseId: result.caseId, attachments: attachments.length });
    return redirectToReceipt(result);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    log("info", "case_submit_invalid", { fields: 1 });
    const message = caseFormMessage(error);
    return caseFormReply(submission.reply(error.field ? { fieldErrors: { [error.field]: [message] } } : { formErrors: [message] }), statusOf(error));
  }
}

export default function NewCase() {
  const { t } = useTranslation("cases-public");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errorText = useErrorText();
  const result = actionData?.result;
  const initial = (result?.initialValue ?? {}) as Record<string, unknown>;
  const serverErrors = (result?.error ?? {}) as Record<string, string[] | null | undefined>;
  // The browser's own findings for this answer of the server: a key per field (null: checked, fine).
  type Hints = { for: unknown; errors: Record<string, string | null>; submitted: number };
  const [hints, setHints] = useState<Hints>({ for: result, errors: {}, submitted: 0 });
  const own: Hints = hints.for === result ? hints : { for: result, errors: {}, submitted: 0 };
  const errorOf = (name: string): string | null | undefined => (name in own.errors ? own.errors[name] : serverErrors[name]?.[0]);

  const check = (fields: Field[], submitted = own.submitted) => {
    const errors = { ...own.errors };
    for (const field of fields) if (field.name) errors[field.name] = checkField(field);
    setHints({ for: result, errors, submitted });
    return fields.every((f) => !f.name || !errors[f.name]);
  };
  // Checked when a field is left, then again as it is corrected; everything on submit.
  const onBlur = (e: FocusEvent<HTMLFormElement>) => {
    if (isField(e.target) && e.target.type !== "radio" && e.target.type !== "hidden") check([e.target]);
  };
  const onInput = (e: FormEvent<HTMLFormElement>) => {
    if (isField(e.target) && (e.target.type === "file" || errorOf(e.target.name))) check([e.target]);
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const fields = [...e.currentTarget.elements].filter(isField).filter((f) => f.type !== "hidden" && f.type !== "radio" && f.name !== HONEYPOT_FIELD_NAME);
    if (!check(fields, own.submitted + 1)) e.preventDefault();
  };

  /** The message key of a field's label: "form.<name>", except for two. */
  const labelKey = (name: string) => `form.${name === "title" ? "caseTitle" : name === "partyNumber" ? "party" : name}`;
  const label = (name: string, suffix = "") => translateCode(t, "cases-public", `${labelKey(name)}${suffix}`);
  const showSummary = result?.status === "error" || own.submitted > 0;
  const summary = showSummary
    ? SUMMARY_ORDER.filter((name) => errorOf(name)).map((name) => {
        const message = errorText(errorOf(name))!;
        const form = name === "" || name === "idempotencyKey";
        return { id: form ? "case-title" : name === "urgency" ? "case-urgency-normal" : `case-${name}`, message: form ? message : `${label(name)}: ${message}` };
      })
    : [];
  useEffect(() => {
    if (showSummary) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, own.submitted]);

  /** A field's id, name, value, error, label (with the required mark) and help text ("form.<label>Help"). */
  const f = (name: string, required?: boolean, help?: boolean) => ({
    id: `case-${name}`,
    name,
    defaultValue: (initial[name] as string | undefined) ?? "",
    error: errorText(errorOf(name)),
    required,
    label: required ? (
      <>
        {label(name)}
        <Required />
      </>
    ) : (
      label(name)
    ),
    description: help ? label(name, "Help") : undefined,
  });
  const area = (name: string, required?: boolean, help?: boolean) => ({
    ...f(name, required, help),
    maxLength: name === "agreementPoints" ? LIMITS.agreementPoints : LIMITS.long,
    rows: name === "background" ? 8 : name === "agreementPoints" ? 2 : 4,
  });
  const urgencyValue = (initial.urgency as string | undefined) ?? "normal";
  const urgencyError = errorText(errorOf("urgency"));
  const submitting = navigation.state === "submitting";

  return (
    <div className="case-form form-wide">
      <PageTitle>{t("form.title")}</PageTitle>
      <p className="ds-paragraph">{t("form.intro")}</p>
      <div className="ds-alert" data-color="info">
        <p className="ds-paragraph">{t("form.privacy")}</p>
      </div>
      <ErrorSummary heading={t("form.errorSummary")} errors={summary} />
      <p className="ds-paragraph" data-size="sm">
        {t("form.requiredNote")}
      </p>
      <Form method="post" encType="multipart/form-data" id="case-form" onSubmit={onSubmit} onBlur={onBlur} onInput={onInput} noValidate className="stack">
        <input type="hidden" name="idempotencyKey" value={(initial.idempotencyKey as string | undefined) || data.idempotencyKey} />
        <BotFields startedToken={data.formStarted} echoed={initial[FORM_STARTED_FIELD_NAME]} />
        <TextField {...f("title", true, true)} maxLength={LIMITS.short} />

        <Fieldset legend={t("form.who")}>
          <TextField {...f("submitterName", true)} autoComplete="name" maxLength={LIMITS.short} />
          <TextField {...f("submitterOrg", false, true)} autoComplete="organization" maxLength={LIMITS.short} />
          <TextField {...f("submitterEmail", true, true)} type="email" autoComplete="email" maxLength={LIMITS.email} />
          <TextField {...f("submitterPhone")} type="tel" autoComplete="tel" maxLength={LIMITS.phone} />
          <SelectField {...f("partyNumber")} options={[{ value: "", label: t("form.partyNone") }, ...data.parties.map((p) => ({ value: p.number, label: p.name }))]} />
        </Fieldset>

        <Fieldset legend={t("form.dateAndRef")}>
          <TextField {...f("submitterDate", true)} type="date" defaultValue={(initial.submitterDate as string | undefined) ?? data.today} />
          <TextField {...f("submitterRef")} maxLength={LIMITS.ref} />
        </Fieldset>

        <Fieldset legend={t("form.backgroundGroup")}>
          <TextArea {...area("background", true, true)} />
          <fieldset className="ds-fieldset" aria-describedby={urgencyError ? "case-urgency-error" : undefined}>
            <legend className="ds-label">{t("form.urgency")}</legend>
            <div className="row">
              {URGENCIES.map((u) => (
                <div className="ds-field radio-row__item" key={u}>
                  <input className="ds-input" type="radio" id={`case-urgency-${u}`} name="urgency" value={u} defaultChecked={urgencyValue === u} />
                  <label className="ds-label" htmlFor={`case-urgency-${u}`} data-weight="regular">
                    {t(`form.urgencyOptions.${u}`)}
                  </label>
                </div>
              ))}
            </div>
            {urgencyError ? (
              <p className="ds-validation-message" id="case-urgency-error" data-color="danger">
                {urgencyError}
              </p>
            ) : null}
          </fieldset>
        </Fieldset>

        {QUESTION_FIELDS.map((name) => (
          <TextArea key={name} {...area(name, false, name === "patientGroups")} />
        ))}

        <Fieldset legend={t("form.referencesGroup")}>
          <TextArea {...area("referencesText", false, true)} />
          <TextArea {...area("agreementPoints", false, true)} />
          <TextField {...f("attachments", false, true)} defaultValue={undefined} type="file" multiple accept={ATTACHMENT_ACCEPT} />
        </Fieldset>

        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={submitting}>
            {t(submitting ? "form.submitting" : "form.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
