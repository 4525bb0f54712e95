/** One agenda item of the meeting page: what it is, its outcome and tasks, and the secretariat's forms. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { LabelledText } from "~/components/page";
import { StatusTag, useFormatters } from "~/components/secretariat";
import { isMinutesLocked } from "~/models/meeting-statuses";
import { AddTaskForm, DeferForm, MoveRemoveForms, RecordForm, SlotEditForm, TaskStatusForm } from "./item-forms";
import type { AgendaItemData, MeetingPageData, Reply } from "./types";

export function AgendaItem({
  item,
  data,
  position,
  first,
  last,
  lastResult,
}: {
  item: AgendaItemData;
  data: MeetingPageData;
  position: number;
  first: boolean;
  last: boolean;
  lastResult?: Reply | null;
}) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  const version = data.meeting.version;
  const locked = isMinutesLocked(data.meeting.minutesStatus) || data.meeting.status === "cancelled";
  const title = item.title ?? t("meeting.withheldTitle");
  const label = `${item.number ? `${item.number} ` : item.kind === "orientation" ? `${t("meeting.orientation")}: ` : ""}${title}`;
  const forms = { item, version, lastResult };
  return (
    <section className="page-section agenda-item" id={`punkt-${item.id}`} aria-labelledby={`punkt-${item.id}-h`}>
      <h3 className="ds-heading" data-size="sm" id={`punkt-${item.id}-h`}>
        {item.number ? `Sak ${item.number}: ` : item.kind === "orientation" ? `${t("meeting.orientation")}: ` : ""}
        {title}
      </h3>
      <p className="ds-paragraph muted">
        {[item.slotStart, item.durationMinutes ? `${item.durationMinutes} min` : "", item.presenter].filter(Boolean).join(" · ")}
        {item.caseReference ? (
          <>
            {" · "}
            {item.caseId && data.internal ? (
              <Link className="ds-link" to={`/sekretariat/saker/${item.caseId}`}>
                {t("meeting.caseLink", { reference: item.caseReference })}
              </Link>
            ) : (
              item.caseReference
            )}
          </>
        ) : null}
        {item.caseStatus ? (
          <>
            {" "}
            <StatusTag status={item.caseStatus} />
          </>
        ) : null}
      </p>
      {item.sameTimeAs.length ? (
        <p className="ds-paragraph" data-color="warning">
          <strong>⚠ {t("meeting.sameTime", { items: item.sameTimeAs.join(", ") })}</strong>
        </p>
      ) : null}
      {item.outcome === "deferred" ? (
        <p className="ds-paragraph">
          {t("meeting.deferredTo", { date: f.dateTime(item.deferredToStartsAt) })}{" "}
          {item.deferredToMeetingId ? (
            <Link className="ds-link" to={`/utval/${data.body.slug}/moter/${item.deferredToMeetingId}`}>
              {t("meeting.agenda")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {item.handling ? <LabelledText heading={t("meeting.handling")} text={item.handling} /> : null}
      {item.decision ? <LabelledText heading={t("meeting.decision")} text={item.decision} /> : null}
      {item.tasks.length ? (
        <>
          <h4 className="ds-heading" data-size="xs">
            {t("meeting.tasks")}
          </h4>
          <ul>
            {item.tasks.map((task) => (
              <li key={task.id}>
                {task.what} – {t("meeting.taskResponsible")}: {task.responsible}
                {task.dueDate ? `, ${t("meeting.taskDue").toLowerCase()} ${f.day(task.dueDate)}` : ""} ({t(`followUpStatus.${task.status}`)})
                {data.canEdit ? <TaskStatusForm task={task} version={version} lastResult={lastResult} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {data.canEdit && item.outcome !== "deferred" ? (
        <div className="stack">
          {!locked ? <MoveRemoveForms {...forms} first={first} last={last} label={label} position={position} /> : null}
          {!locked ? <SlotEditForm {...forms} /> : null}
          {!locked ? <RecordForm {...forms} /> : null}
          {!locked && item.outcome === "pending" ? <DeferForm {...forms} laterMeetings={data.laterMeetings} /> : null}
          {item.outcome === "decided" ? <AddTaskForm {...forms} owners={data.taskOwners} /> : null}
        </div>
      ) : null}
    </section>
  );
}
