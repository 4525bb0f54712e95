/** The secretariat's forms under the agenda: put a routed case on it, or add an orientation item. */
import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { SelectField, TextField } from "~/components/form";
import { Section } from "~/components/page";
import { initialText, useMessage } from "./messages";
import { SlotFields } from "./slot-fields";
import type { MeetingPageData, Reply } from "./types";
import { useIntentForm } from "./use-intent-form";

type Props = { data: MeetingPageData; lastResult?: Reply | null };

function AddCaseForm({ data, lastResult }: Props) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useIntentForm("add-case-form", lastResult, { intent: "add_case" }, { slotStart: data.suggestedSlot });
  if (data.candidates.length === 0) return <p className="ds-paragraph">{t("meeting.noCandidates")}</p>;
  return (
    <Form method="post" className="stack form-wide" {...getFormProps(form)}>
      <input type="hidden" name="version" value={data.meeting.version} />
      <input type="hidden" name="intent" value="add_case" />
      <SelectField
        id="add-case"
        name={fields.caseId.name}
        label={t("meeting.addCaseSelect")}
        defaultValue={initialText(fields.caseId) || undefined}
        error={message(fields.caseId.errors)}
        options={data.candidates.map((c) => ({ value: c.id, label: `${c.reference}: ${c.title}` }))}
      />
      <SlotFields prefix="add-case" fields={fields} slotHelp={data.suggestedSlot ? t("meeting.slotSuggested") : undefined} />
      <div>
        <button className="ds-button" data-variant="primary" disabled={busy}>
          {t("meeting.addCaseSubmit")}
        </button>
      </div>
    </Form>
  );
}

function AddOrientationForm({ data, lastResult }: Props) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useIntentForm("add-orientation-form", lastResult, { intent: "add_orientation" }, { slotStart: data.suggestedSlot });
  return (
    <Form method="post" className="stack form-wide" {...getFormProps(form)}>
      <input type="hidden" name="version" value={data.meeting.version} />
      <input type="hidden" name="intent" value="add_orientation" />
      <TextField
        id="orientation-title"
        name={fields.title.name}
        label={t("meeting.orientationTitle")}
        required
        defaultValue={initialText(fields.title)}
        error={message(fields.title.errors)}
      />
      <SlotFields prefix="orientation" fields={fields} slotHelp={data.suggestedSlot ? t("meeting.slotSuggested") : undefined} />
      <div>
        <button className="ds-button" data-variant="secondary" disabled={busy}>
          {t("meeting.addOrientationSubmit")}
        </button>
      </div>
    </Form>
  );
}

/**
 * The add forms start afresh after every change of the meeting (keyed by its version): a new item
 * never inherits the time, duration and presenter typed for the one before, and the time slot
 * suggested is the end of the last item. A refused submission keeps the version, so the form
 * keeps what was typed.
 */
export function AddItemSections(props: Props) {
  const { t } = useTranslation("cases-secretariat");
  const key = `v${props.data.meeting.version}`;
  return (
    <>
      <Section title={t("meeting.addCase")}>
        <AddCaseForm key={key} {...props} />
      </Section>
      <Section title={t("meeting.addOrientation")}>
        <AddOrientationForm key={key} {...props} />
      </Section>
    </>
  );
}
