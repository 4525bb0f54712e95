/**
 * The secretariat's edit and cancel of a meeting on its page (until the minutes are approved):
 * the facts (date, times, place, video link, title) and a confirmed "Avlys møtet".
 */
import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { TextField } from "~/components/form";
import { Section } from "~/components/page";
import { isMinutesLocked } from "~/models/meeting-statuses";
import { initialText, useMessage } from "./messages";
import { ConfirmForm } from "./minutes-forms";
import type { MeetingPageData, Reply } from "./types";
import { useIntentForm } from "./use-intent-form";

type Field = "title" | "date" | "time" | "endTime" | "location" | "videoLink";

function EditMeetingForm({ data, lastResult }: { data: MeetingPageData; lastResult?: Reply | null }) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const busy = useNavigation().state === "submitting";
  const { meeting } = data;
  const [form, fields] = useIntentForm(
    "edit-meeting",
    lastResult,
    { intent: "edit_meeting" },
    {
      title: meeting.title,
      date: data.editTimes?.date ?? "",
      time: data.editTimes?.time ?? "",
      endTime: data.editTimes?.endTime ?? "",
      location: meeting.location,
      videoLink: meeting.videoLink,
    },
  );
  const field = (k: Field) => ({ id: `edit-${k}`, name: fields[k].name, defaultValue: initialText(fields[k]), error: message(fields[k].errors) });
  return (
    <details open={form.status === "error" || undefined}>
      <summary className="ds-link">{t("meeting.edit")}</summary>
      <Form method="post" className="stack form-narrow" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit_meeting" />
        <input type="hidden" name="version" value={meeting.version} />
        <TextField {...field("title")} label={t("meeting.title")} />
        <TextField {...field("date")} type="date" label={t("meeting.date")} required />
        <div className="row">
          <TextField {...field("time")} type="time" label={t("meeting.time")} required />
          <TextField {...field("endTime")} type="time" label={t("meeting.endTime")} />
        </div>
        <TextField {...field("location")} label={t("meeting.location")} description={t("meeting.placeHelp")} />
        <TextField {...field("videoLink")} type="url" label={t("meeting.videoLink")} />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={busy}>
            {t("meeting.editSubmit")}
          </button>
        </div>
      </Form>
    </details>
  );
}

export function MeetingEditSections({ data, lastResult }: { data: MeetingPageData; lastResult?: Reply | null }) {
  const { t } = useTranslation("cases-secretariat");
  const { meeting } = data;
  if (meeting.status === "cancelled") return <p className="ds-paragraph">{t("meeting.cancelledHelp")}</p>;
  if (isMinutesLocked(meeting.minutesStatus)) return null;
  return (
    <Section title={t("meeting.editTitle")}>
      <EditMeetingForm data={data} lastResult={lastResult} />
      <details>
        <summary className="ds-link">{t("meeting.cancel")}</summary>
        <ConfirmForm
          intent="cancel_meeting"
          version={meeting.version}
          label={t("meeting.cancel")}
          confirm={t("meeting.cancelConfirm")}
          help={t("meeting.cancelHelp")}
          lastResult={lastResult}
        />
      </details>
    </Section>
  );
}
