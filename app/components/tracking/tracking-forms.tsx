/**
 * The submitter's forms on the tracking page (/saker/spor/<token>): the answer to the
 * secretariat's open question, and the withdrawal with its confirmation. Both work without
 * JavaScript; errors stand next to their field and are announced.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { TextArea } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";

type Reply = SubmissionResult<string[]> | null | undefined;

/** The open question and the form to answer it. */
export function AnswerForm({ question, askedOn, result }: { question: { id: number; question: string }; askedOn: string; result: Reply }) {
  const { t } = useTranslation("cases-public");
  const [form, fields] = useForm<{ answer: string; requestId: string }>({ id: "tracking-answer", lastResult: result ?? undefined });
  const code = fields.answer.errors?.[0] ?? form.errors?.[0];
  const error = code ? translateCode(t, "cases-public", code) : undefined;
  return (
    <Section title={t("tracking.questionTitle")}>
      <p className="ds-paragraph preserve-lines" data-testid="open-question">
        {question.question}
      </p>
      <p className="ds-paragraph muted" data-size="sm">
        {t("tracking.questionAsked", { date: askedOn })}
      </p>
      <Form method="post" className="stack form-wide" replace {...getFormProps(form)}>
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="requestId" value={question.id} />
        <TextArea
          id="tracking-answer-text"
          name={fields.answer.name}
          label={t("tracking.answerLabel")}
          description={t("tracking.answerHelp")}
          required
          rows={6}
          maxLength={5000}
          defaultValue={typeof fields.answer.initialValue === "string" ? fields.answer.initialValue : undefined}
          error={error}
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary">
            {t("tracking.answerSubmit")}
          </button>
        </div>
      </Form>
    </Section>
  );
}

/** Withdrawal, with its confirmation box. */
export function WithdrawForm({ error }: { error: string | null | undefined }) {
  const { t } = useTranslation("cases-public");
  return (
    <Section title={t("tracking.withdrawTitle")}>
      <p className="ds-paragraph">{t("tracking.withdrawText")}</p>
      {error ? (
        <div className="ds-alert" data-color="danger" role="alert">
          <p className="ds-paragraph">{translateCode(t, "cases-public", error)}</p>
        </div>
      ) : null}
      <Form method="post" className="stack" replace>
        <input type="hidden" name="intent" value="withdraw" />
        <div className="ds-field">
          <input className="ds-input" type="checkbox" id="withdraw-confirm" name="confirm" value="yes" aria-invalid={error === "tracking.withdrawConfirmRequired" || undefined} />
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
  );
}

/** An unknown tracking link: a 404 that points to /saker/spor, where new links are sent. */
export function TrackingErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("cases-public");
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <div className="error-page" data-status={404}>
      <PageTitle>{t("lostLinks.notFoundTitle")}</PageTitle>
      <p className="ds-paragraph">{t("lostLinks.notFoundText")}</p>
      <p className="ds-paragraph">
        <Link to="/saker/spor" className="ds-link">
          {t("tracking.lostLink")}
        </Link>
      </p>
    </div>
  );
}
