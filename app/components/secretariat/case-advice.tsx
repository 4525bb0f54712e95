/**
 * Guideline point 3 on the case page: the tilrådingar of the SSU leader and deputy (who, when,
 * what; the form for them while the case is under assessment), and the secretariat's questions to
 * the submitter with their answers (the form to ask one while none is open).
 */
import { getFormProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { SelectField, TextArea } from "~/components/form";
import { Section } from "~/components/page";
import { useFormatters } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import { useRootData } from "~/root";
import { useMessages } from "./messages";
import type { CasePageData, CaseReply } from "./case-page";

type Props = { data: CasePageData; result: CaseReply };

const RECOMMENDATIONS = ["route", "reject", "ask_info"] as const;
const roleKey = (role: string) => (role === "deputy_leader" ? "deputy_leader" : "leader");

function AdviceForm({ data, result }: Props) {
  const { t, first } = useMessages("cases-secretariat");
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<{ recommendation: string; bodyId: string; justification: string }>({ id: "case-advice", lastResult: result });
  const initial = (v: unknown) => (typeof v === "string" ? v : undefined);
  return (
    <Form method="post" className="stack form-wide" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="advice" />
      <SelectField
        id="advice-recommendation"
        name={fields.recommendation.name}
        label={t("advice.recommendationLabel")}
        required
        defaultValue={initial(fields.recommendation.initialValue)}
        options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`advice.recommendations.${r}`) }))}
        error={first(fields.recommendation.errors)}
      />
      <SelectField
        id="advice-body"
        name={fields.bodyId.name}
        label={t("advice.body")}
        defaultValue={initial(fields.bodyId.initialValue)}
        options={[{ value: "", label: t("casePage.nobody") }, ...data.bodyOptions.map((b) => ({ value: String(b.id), label: localized(b.name, lang) }))]}
        error={first(fields.bodyId.errors)}
      />
      <TextArea
        id="advice-justification"
        name={fields.justification.name}
        label={t("advice.justificationLabel")}
        description={t("advice.justificationHelp")}
        required
        maxLength={2000}
        defaultValue={initial(fields.justification.initialValue)}
        error={first(fields.justification.errors)}
      />
      <div>
        <button className="ds-button" data-variant="primary" disabled={busy}>
          {t("advice.submit")}
        </button>
      </div>
    </Form>
  );
}

export function CaseAdvice({ data, result }: Props) {
  const { t } = useMessages("cases-secretariat");
  const f = useFormatters();
  return (
    <Section title={t("advice.title")}>
      <p className="ds-paragraph muted">{t("advice.intro")}</p>
      {data.advice.length === 0 ? (
        <p className="ds-paragraph" data-testid="advice-none">
          {t("advice.none")}
        </p>
      ) : (
        <table className="ds-table" data-size="sm" data-testid="advice">
          <caption>{t("advice.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("advice.who")}</th>
              <th scope="col">{t("advice.when")}</th>
              <th scope="col">{t("advice.what")}</th>
              <th scope="col">{t("advice.justification")}</th>
            </tr>
          </thead>
          <tbody>
            {data.advice.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.authorLabel} ({t(`advice.role.${roleKey(a.authorRole)}`)})
                </td>
                <td>{f.dateTime(a.createdAt)}</td>
                <td>{t(`advice.recommendation.${a.recommendation}`, { body: a.bodyShortName ?? "" })}</td>
                <td className="preserve-lines">{a.justification}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.permissions.canAdvise ? <AdviceForm data={data} result={result} /> : null}
    </Section>
  );
}

export function CaseQuestions({ data, result }: Props) {
  const { t, first } = useMessages("cases-secretariat");
  const f = useFormatters();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<{ question: string }>({ id: "case-ask", lastResult: result });
  const open = data.infoRequests.some((r) => r.answeredAt == null);
  return (
    <Section title={t("advice.questions")}>
      {data.infoRequests.length === 0 ? (
        <p className="ds-paragraph">{t("advice.questionsNone")}</p>
      ) : (
        <ul className="notes" aria-label={t("advice.questionsCaption")} data-testid="info-requests">
          {data.infoRequests.map((r) => (
            <li key={r.id}>
              <p className="ds-paragraph preserve-lines">{r.question}</p>
              <p className="ds-paragraph muted" data-size="sm">
                {t("advice.asked")}: {r.askedByLabel}, {f.dateTime(r.askedAt)}
              </p>
              <p className="ds-paragraph preserve-lines">
                <strong>{t("advice.answer")}:</strong> {r.answer ?? t("advice.notAnswered")}
              </p>
              {r.answeredAt ? (
                <p className="ds-paragraph muted" data-size="sm">
                  {f.dateTime(r.answeredAt)}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {open && data.permissions.secretariat ? <p className="ds-paragraph muted">{t("advice.askOpen")}</p> : null}
      {data.permissions.canAsk || (result && data.permissions.secretariat) ? (
        <Form method="post" className="stack form-wide" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="ask" />
          <TextArea
            id="ask-question"
            name={fields.question.name}
            label={t("advice.askLabel")}
            description={t("advice.askHelp")}
            required
            maxLength={2000}
            defaultValue={typeof fields.question.initialValue === "string" ? fields.question.initialValue : undefined}
            error={first(fields.question.errors)}
          />
          <div>
            <button className="ds-button" data-variant="secondary" disabled={busy}>
              {t("advice.askSubmit")}
            </button>
          </div>
        </Form>
      ) : null}
    </Section>
  );
}
