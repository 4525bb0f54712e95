/**
 * /saker/ny: "Skjema for innmelding av saker" (seed 002), open to everyone. A plain multipart POST
 * that works without JavaScript; with JavaScript, conform validates with the same zod schema as
 * the server as you go.
 */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { ATTACHMENT_ACCEPT, caseFormSchema, LIMITS, QUESTION_FIELDS, splitMessage, URGENCIES } from "~/models/case-form";
import {
  currentParties,
  isCurrentParty,
  maskDeep,
  newIdempotencyKey,
  osloToday,
  prepareAttachments,
  readSubmission,
  receiptCookie,
  submitCase,
} from "~/models/submissions.server";
import { getLang } from "~/services/lang.server";
import { log } from "~/services/log.server";
// security (issue 6): rate limit per client, honeypot and minimum fill time
import { BotFields } from "~/components/bot-fields";
import { checkBotFields, formStartedToken, forwardRetryAfter, publicFormRateLimit } from "~/services/rate-limit.server";
import { FORM_STARTED_FIELD_NAME } from "~/components/bot-field-names";
export const headers = forwardRetryAfter;

export const meta: MetaFunction = () => [{ title: "Meld inn sak – Helsefellesskap Møre og Romsdal" }];

export async function loader(_: LoaderFunctionArgs) {
  return { idempotencyKey: newIdempotencyKey(), today: osloToday(), parties: await currentParties(), formStarted: formStartedToken() };
}

function errorReply(result: SubmissionResult<string[]>, status: number) {
  // Never send a national identity number back, not even inside the text the user typed.
  return Response.json({ result: { ...result, initialValue: maskDeep(result.initialValue ?? null) } }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  // security (issue 6): 429 with Retry-After when this client has posted too often.
  const limited = await publicFormRateLimit(context);
  if (limited) throw limited;
  const read = await readSubmission(request);
  if (!read.ok) {
    log("info", "case_submit_refused", { reason: read.error, status: read.status });
    return Response.json({ result: { status: "error", initialValue: null, error: { "": [read.error] } } satisfies SubmissionResult<string[]> }, { status: read.status });
  }
  const submission = parseWithZod(read.formData, { schema: caseFormSchema });
  const fileErrors = read.fileErrors.length ? { attachments: read.fileErrors } : undefined;
  if (submission.status !== "success") {
    log("info", "case_submit_invalid", { fields: Object.keys(submission.error ?? {}).length });
    return errorReply(submission.reply(fileErrors ? { fieldErrors: fileErrors } : undefined), 400);
  }
  const { attachments: files, idempotencyKey, partyNumber, ...values } = submission.value;
  const prepared = await prepareAttachments(files);
  const extra: Record<string, string[]> = {};
  if (read.fileErrors.length || prepared.errors.length) extra.attachments = [...read.fileErrors, ...prepared.errors];
  if (partyNumber && !(await isCurrentParty(partyNumber))) extra.partyNumber = ["errors.party"];
  if (Object.keys(extra).length) {
    log("info", "case_submit_invalid", { fields: Object.keys(extra).length });
    return errorReply(submission.reply({ fieldErrors: extra }), 400);
  }
  // security (issue 6): a filled honeypot or a post too soon after rendering is refused; nothing is stored.
  const bot = checkBotFields(read.formData);
  if (!bot.ok) {
    log("info", "case_submit_refused", { reason: bot.reason, status: 400 });
    return errorReply(submission.reply({ formErrors: ["errors.unreadable"] }), 400);
  }
  const lang = await getLang(request);
  const result = await submitCase({ values: { ...values, partyNumber: partyNumber || null }, idempotencyKey, attachments: prepared.attachments, lang });
  log("info", result.created ? "case_submitted" : "case_resubmitted", { caseId: result.caseId, attachments: prepared.attachments.length });
  const cookie = receiptCookie();
  return redirect("/saker/ny/kvittering", {
    status: 303,
    headers: { "Set-Cookie": await cookie.serialize({ reference: result.reference, token: result.token }) },
  });
}

function useErrorText() {
  const { t } = useTranslation("cases-public");
  return (errors: string[] | undefined | null) => {
    if (!errors?.length) return undefined;
    const [key, params] = splitMessage(errors[0]);
    return t(key, params);
  };
}

function Required() {
  const { t } = useTranslation("cases-public");
  return <span aria-hidden="true">{t("form.requiredMark")}</span>;
}

function Fieldset({ legend, children, description }: { legend: ReactNode; children: ReactNode; description?: ReactNode }) {
  return (
    <fieldset className="ds-fieldset case-form__group">
      <legend className="ds-heading" data-size="xs">
        {legend}
      </legend>
      {description}
      <div className="stack">{children}</div>
    </fieldset>
  );
}

/** Field order for the error summary: the order of the form. */
const SUMMARY_ORDER = [
  "",
  "idempotencyKey",
  "title",
  "submitterName",
  "submitterOrg",
  "submitterEmail",
  "submitterPhone",
  "partyNumber",
  "submitterDate",
  "submitterRef",
  "background",
  "urgency",
  ...QUESTION_FIELDS,
  "referencesText",
  "agreementPoints",
  "attachments",
] as const;

export default function NewCase() {
  const { t } = useTranslation("cases-public");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ result: SubmissionResult<string[]> }>();
  const navigation = useNavigation();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "case-form",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { urgency: "normal", submitterDate: data.today },
    onValidate({ formData }) {
      return parseWithZod(formData, { schema: caseFormSchema });
    },
  });

  const label = (name: string) => {
    if (name === "" || name === "idempotencyKey") return "";
    if (name === "title") return t("form.caseTitle");
    if (name === "partyNumber") return t("form.party");
    return t(`form.${name}`);
  };
  const fieldErrors: Record<string, string[] | undefined> = { ...form.allErrors, "": form.errors ?? form.allErrors[""] };
  const summary =
    form.status === "error"
      ? SUMMARY_ORDER.filter((name) => fieldErrors[name]?.length).map((name) => {
          const message = errorText(fieldErrors[name])!;
          const l = label(name);
          return { id: name === "" || name === "idempotencyKey" ? "case-title" : name === "urgency" ? "case-urgency-normal" : `case-${name}`, message: l ? `${l}: ${message}` : message };
        })
      : [];
  useEffect(() => {
    if (actionData?.result?.status === "error") document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);

  const key = (fields.idempotencyKey.initialValue as string | undefined) || data.idempotencyKey;
  const text = (name: "submitterName" | "submitterOrg" | "submitterEmail" | "submitterPhone" | "submitterRef" | "title") => ({
    id: `case-${name}`,
    name,
    defaultValue: (fields[name].initialValue as string | undefined) ?? "",
    error: errorText(fields[name].errors),
  });
  const area = (name: "background" | (typeof QUESTION_FIELDS)[number] | "referencesText" | "agreementPoints") => ({
    id: `case-${name}`,
    name,
    defaultValue: (fields[name].initialValue as string | undefined) ?? "",
    error: errorText(fields[name].errors),
    maxLength: name === "agreementPoints" ? LIMITS.agreementPoints : LIMITS.long,
    rows: name === "background" ? 8 : 4,
  });
  const urgencyValue = (fields.urgency.initialValue as string | undefined) ?? "normal";
  const urgencyError = errorText(fields.urgency.errors);

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
      <Form method="post" encType="multipart/form-data" id={form.id} onSubmit={form.onSubmit} noValidate className="stack">
        <input type="hidden" name="idempotencyKey" value={key} />
        <BotFields startedToken={data.formStarted} echoed={actionData?.result?.initialValue?.[FORM_STARTED_FIELD_NAME]} />
        <TextField {...text("title")} label={<>{t("form.caseTitle")}<Required /></>} description={t("form.caseTitleHelp")} maxLength={LIMITS.short} required />

        <Fieldset legend={t("form.who")}>
          <TextField {...text("submitterName")} label={<>{t("form.submitterName")}<Required /></>} autoComplete="name" maxLength={LIMITS.short} required />
          <TextField {...text("submitterOrg")} label={t("form.submitterOrg")} description={t("form.submitterOrgHelp")} autoComplete="organization" maxLength={LIMITS.short} />
          <TextField
            {...text("submitterEmail")}
            type="email"
            label={<>{t("form.submitterEmail")}<Required /></>}
            description={t("form.submitterEmailHelp")}
            autoComplete="email"
            maxLength={LIMITS.email}
            required
          />
          <TextField {...text("submitterPhone")} type="tel" label={t("form.submitterPhone")} autoComplete="tel" maxLength={LIMITS.phone} />
          <SelectField
            id="case-partyNumber"
            name="partyNumber"
            label={t("form.party")}
            defaultValue={(fields.partyNumber.initialValue as string | undefined) ?? ""}
            error={errorText(fields.partyNumber.errors)}
            options={[{ value: "", label: t("form.partyNone") }, ...data.parties.map((p) => ({ value: p.number, label: p.name }))]}
          />
        </Fieldset>

        <Fieldset legend={t("form.dateAndRef")}>
          <TextField
            id="case-submitterDate"
            name="submitterDate"
            type="date"
            label={<>{t("form.submitterDate")}<Required /></>}
            defaultValue={(fields.submitterDate.initialValue as string | undefined) ?? data.today}
            error={errorText(fields.submitterDate.errors)}
            required
          />
          <TextField {...text("submitterRef")} label={t("form.submitterRef")} maxLength={LIMITS.ref} />
        </Fieldset>

        <Fieldset legend={t("form.backgroundGroup")}>
          <TextArea {...area("background")} label={<>{t("form.background")}<Required /></>} description={t("form.backgroundHelp")} required />
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
          <TextArea key={name} {...area(name)} label={t(`form.${name}`)} description={name === "patientGroups" ? t("form.patientGroupsHelp") : undefined} />
        ))}

        <Fieldset legend={t("form.referencesGroup")}>
          <TextArea {...area("referencesText")} label={t("form.referencesText")} description={t("form.referencesTextHelp")} />
          <TextArea {...area("agreementPoints")} label={t("form.agreementPoints")} description={t("form.agreementPointsHelp")} rows={2} />
          <TextField
            id="case-attachments"
            name="attachments"
            type="file"
            multiple
            accept={ATTACHMENT_ACCEPT}
            label={t("form.attachments")}
            description={t("form.attachmentsHelp")}
            error={errorText(fields.attachments.errors)}
          />
        </Fieldset>

        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("form.submitting") : t("form.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
