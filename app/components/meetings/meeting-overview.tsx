/** The meeting's facts (time, place, video, minutes), its downloads and the agenda as a table. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { useFormatters } from "~/components/secretariat";
import type { MeetingPageData } from "./types";

export function MeetingFacts({ data, base }: { data: MeetingPageData; base: string }) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  const { meeting } = data;
  const canSeeMinutes = data.internal || data.published;
  return (
    <>
      <dl className="meeting-facts">
        <dt>{t("meeting.when")}</dt>
        <dd>
          {f.dateTime(meeting.startsAt)}
          {meeting.endsAt ? `–${f.time(meeting.endsAt)}` : ""}
        </dd>
        {meeting.location ? (
          <>
            <dt>{t("meeting.where")}</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        {meeting.videoLink ? (
          <>
            <dt>{t("meeting.video")}</dt>
            <dd>
              <a className="ds-link" href={meeting.videoLink} rel="noopener noreferrer">
                {meeting.videoLink}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("body.minutes")}</dt>
        <dd>
          {canSeeMinutes ? (
            <Link className="ds-link" to={`${base}/referat`}>
              {t(`minutesStatus.${meeting.minutesStatus}`)}
            </Link>
          ) : (
            t(`minutesStatus.${meeting.minutesStatus}`)
          )}
        </dd>
      </dl>
      <nav aria-label={t("meeting.downloads")}>
        <ul className="row" style={{ listStyle: "none", padding: 0 }}>
          <li>
            <a className="ds-link" href={`${base}/saksliste.pdf`} download>
              {t("meeting.agendaPdf")}
            </a>
          </li>
          {canSeeMinutes ? (
            <li>
              <a className="ds-link" href={`${base}/referat.pdf`} download>
                {t("meeting.minutesPdf")}
              </a>
            </li>
          ) : null}
          <li>
            <a className="ds-link" href={`${base}/mote.ics`} download>
              {t("meeting.ics")}
            </a>
          </li>
        </ul>
      </nav>
    </>
  );
}

export function AgendaTable({ items }: { items: MeetingPageData["items"] }) {
  const { t } = useTranslation("cases-secretariat");
  if (items.length === 0) return <p className="ds-paragraph">{t("meeting.agendaEmpty")}</p>;
  return (
    <div className="table-wrap">
      <table className="ds-table">
        <caption>{t("meeting.agendaCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("meeting.number")}</th>
            <th scope="col">{t("meeting.item")}</th>
            <th scope="col">{t("meeting.slot")}</th>
            <th scope="col">{t("meeting.duration")}</th>
            <th scope="col">{t("meeting.presenter")}</th>
            <th scope="col">{t("meeting.outcome")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.number || (item.kind === "orientation" ? t("meeting.orientation") : "–")}</td>
              <td>
                <a className="ds-link" href={`#punkt-${item.id}`}>
                  {item.title ?? t("meeting.withheldTitle")}
                </a>
              </td>
              <td>
                {item.slotStart || "–"}
                {item.sameTimeAs.length ? <span className="ds-tag" data-color="warning">{` ⚠ ${t("meeting.sameTime", { items: item.sameTimeAs.join(", ") })}`}</span> : null}
              </td>
              <td>{item.durationMinutes ?? "–"}</td>
              <td>{item.presenter || "–"}</td>
              <td>{t(`outcome.${item.outcomeLabel}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
