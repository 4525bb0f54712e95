/**
 * Where the agenda stands: published (numbers fixed) or not yet; for the secretariat the confirmed
 * "Publiser sakslista" that gives the cases their numbers in agenda order.
 */
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { useFormatters } from "~/components/secretariat";
import { isMinutesLocked } from "~/models/meeting-statuses";
import { ConfirmForm } from "./minutes-forms";
import type { MeetingPageData, Reply } from "./types";

export function AgendaState({ data, lastResult }: { data: MeetingPageData; lastResult?: Reply | null }) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  const { meeting } = data;
  if (meeting.agendaPublishedAt) return <p className="ds-paragraph muted">{t("meeting.agendaPublished", { date: f.dateTime(meeting.agendaPublishedAt) })}</p>;
  const canPublish = data.canEdit && !isMinutesLocked(meeting.minutesStatus) && meeting.status !== "cancelled";
  return (
    <>
      <p className="ds-paragraph muted">{t("meeting.agendaNotPublished")}</p>
      {canPublish && data.items.length > 0 ? (
        <ConfirmForm
          intent="publish_agenda"
          version={meeting.version}
          label={t("meeting.publishAgenda")}
          confirm={t("meeting.publishAgendaConfirm")}
          help={t("meeting.publishAgendaHelp")}
          lastResult={lastResult}
        />
      ) : null}
    </>
  );
}
