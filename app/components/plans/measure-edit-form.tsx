/** The measure's edit form (intent "update", optimistic concurrency by version). */
import type { MEASURE_RESPONSIBLE, MEASURE_STATUSES } from "~/models/plans.server";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { Section } from "~/components/page";
import { errorText, type FormReply } from "./form-reply";
import "~/i18n/plans";

const FIELDS = ["title", "description", "responsible", "responsibleBodyId", "status", "progress"] as const;

type Props = {
  reply: FormReply;
  measure: { title: { nn: string }; description: { nn: string }; responsible: string; status: string; progress: number };
  edit: { version: number; responsibleBodyId: number | null; bodies: { id: number; shortName: string }[] };
  responsibleOptions: typeof MEASURE_RESPONSIBLE;
  statusOptions: typeof MEASURE_STATUSES;
};

export function MeasureEditForm({ reply, measure, edit, responsibleOptions, statusOptions }: Props) {
  const { t } = useTranslation("plans");
  const err = (f: string) => errorText(t, reply.error(f));
  return (
    <Section title={t("measure.edit")}>
      <ErrorSummary heading={t("errors.summary")} errors={reply.failed(["", ...FIELDS]).map((f) => ({ id: f || "title", message: err(f)! }))} />
      <Form method="post" className="stack form-wide" noValidate>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="version" value={edit.version} />
        <TextField id="title" name="title" label={t("measure.title")} defaultValue={reply.value("title") ?? measure.title.nn} error={err("title")} required />
        <TextArea
          id="description"
          name="description"
          label={t("measure.description")}
          defaultValue={reply.value("description") ?? measure.description.nn}
          error={err("description")}
        />
        <SelectField
          id="responsible"
          name="responsible"
          label={t("measure.responsible")}
          defaultValue={reply.value("responsible") ?? measure.responsible}
          error={err("responsible")}
          options={responsibleOptions.map((r) => ({ value: r, label: t(`responsible.${r}`) }))}
        />
        <SelectField
          id="responsibleBodyId"
          name="responsibleBodyId"
          label={t("measure.responsibleBody")}
          description={t("measure.responsibleBodyHelp")}
          defaultValue={reply.value("responsibleBodyId") ?? String(edit.responsibleBodyId ?? "")}
          error={err("responsibleBodyId")}
          options={[{ value: "", label: "–" }, ...edit.bodies.map((b) => ({ value: String(b.id), label: b.shortName }))]}
        />
        <SelectField
          id="status"
          name="status"
          label={t("measure.status")}
          defaultValue={reply.value("status") ?? measure.status}
          error={err("status")}
          options={statusOptions.map((s) => ({ value: s, label: t(`measureStatus.${s}`) }))}
        />
        <TextField
          id="progress"
          name="progress"
          inputMode="numeric"
          label={t("measure.progressInput")}
          defaultValue={reply.value("progress") ?? String(measure.progress)}
          error={err("progress")}
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary">
            {t("measure.save")}
          </button>
        </div>
      </Form>
    </Section>
  );
}
