/**
 * The plan page's editor forms (handlingsplanar.$slug._index.tsx): a goal, a measure. Each posts
 * its intent; the route parses both with one discriminated union and answers errors next to the
 * fields (formReply picks the reply to this form by its intent).
 */
import type { MEASURE_RESPONSIBLE } from "~/models/plans.server";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { Section } from "~/components/page";
import { localized, type Lang } from "~/i18n";
import { errorText, type FormReply } from "./form-reply";
import "~/i18n/plans";

function Summary({ reply, fields }: { reply: FormReply; fields: readonly string[] }) {
  const { t } = useTranslation("plans");
  return <ErrorSummary heading={t("errors.summary")} errors={reply.failed(["", ...fields]).map((f) => ({ id: f || (fields[0] ?? ""), message: errorText(t, reply.error(f))! }))} />;
}

export function AddGoalForm({ reply }: { reply: FormReply }) {
  const { t } = useTranslation("plans");
  return (
    <Section title={t("plans.addGoal")}>
      <Summary reply={reply} fields={["goalTitle"]} />
      <Form method="post" className="stack form-wide" noValidate>
        <input type="hidden" name="intent" value="addGoal" />
        <TextField id="goalTitle" name="goalTitle" label={t("plans.goalTitle")} defaultValue={reply.value("goalTitle")} error={errorText(t, reply.error("goalTitle"))} required />
        <div>
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("plans.addGoal")}
          </button>
        </div>
      </Form>
    </Section>
  );
}

type Props = {
  reply: FormReply;
  lang: Lang;
  goals: { id: number; number: number; title: { nn: string; nb: string; en: string } }[];
  bodies: { id: number; shortName: string }[];
  responsibleOptions: typeof MEASURE_RESPONSIBLE;
};

export function AddMeasureForm({ reply, lang, goals, bodies, responsibleOptions }: Props) {
  const { t } = useTranslation("plans");
  const err = (f: string) => errorText(t, reply.error(f));
  return (
    <Section title={t("plans.addMeasure")}>
      <Summary reply={reply} fields={["goalId", "measureTitle", "measureDescription", "responsible", "responsibleBodyId"]} />
      <Form method="post" className="stack form-wide" noValidate>
        <input type="hidden" name="intent" value="addMeasure" />
        <SelectField
          id="goalId"
          name="goalId"
          label={t("plans.goalSelect")}
          defaultValue={reply.value("goalId")}
          error={err("goalId")}
          options={goals.map((g) => ({ value: String(g.id), label: `${g.number}. ${localized(g.title, lang)}` }))}
        />
        <TextField id="measureTitle" name="measureTitle" label={t("measure.title")} defaultValue={reply.value("measureTitle")} error={err("measureTitle")} required />
        <TextArea
          id="measureDescription"
          name="measureDescription"
          label={t("measure.description")}
          defaultValue={reply.value("measureDescription")}
          error={err("measureDescription")}
        />
        <SelectField
          id="responsible"
          name="responsible"
          label={t("measure.responsible")}
          defaultValue={reply.value("responsible") ?? "both"}
          error={err("responsible")}
          options={responsibleOptions.map((r) => ({ value: r, label: t(`responsible.${r}`) }))}
        />
        <SelectField
          id="responsibleBodyId"
          name="responsibleBodyId"
          label={t("measure.responsibleBody")}
          description={t("measure.responsibleBodyHelp")}
          defaultValue={reply.value("responsibleBodyId") ?? ""}
          error={err("responsibleBodyId")}
          options={[{ value: "", label: "–" }, ...bodies.map((b) => ({ value: String(b.id), label: b.shortName }))]}
        />
        <div>
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("plans.addMeasure")}
          </button>
        </div>
      </Form>
    </Section>
  );
}
