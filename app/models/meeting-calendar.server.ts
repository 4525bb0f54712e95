/**
 * Meetings as iCalendar events (RFC 5545, app/models/ics.ts): the single meeting's file and the
 * body's subscribable feed follow the same rules. UIDs are stable ("meeting-<id>@<host>"),
 * DTSTAMP is the time of generation, LAST-MODIFIED is meetings.updated_at and SEQUENCE is
 * meetings.sequence, which edits and cancelling bump; a cancelled meeting is STATUS:CANCELLED
 * and its summary starts with "Avlyst".
 */
import { env } from "~/services/env.server";
import type { IcsEvent } from "./ics";
import { meetingTitle } from "./secretariat-format";

type CalendarMeeting = {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  location: string;
  videoLink: string;
  status: "planned" | "held" | "cancelled";
  sequence: number;
  updatedAt: Date;
};

export function appBase() {
  return env().APP_URL.replace(/\/$/, "");
}

/** One meeting as an event; `agenda` lines (number and title) go into its description. */
export function meetingEvent(body: { slug: string; shortName: string }, meeting: CalendarMeeting, agenda: string[] = [], now = new Date()): IcsEvent {
  const base = appBase();
  const url = `${base}/utval/${body.slug}/moter/${meeting.id}`;
  const cancelled = meeting.status === "cancelled";
  return {
    uid: `meeting-${meeting.id}@${new URL(base).hostname}`,
    start: meeting.startsAt,
    end: meeting.endsAt ?? new Date(meeting.startsAt.getTime() + 2 * 3600_000),
    stamp: now,
    lastModified: meeting.updatedAt,
    summary: `${cancelled ? "Avlyst: " : ""}${meetingTitle(body, meeting)} (${body.shortName})`,
    location: [meeting.location, meeting.videoLink].filter(Boolean).join(" / "),
    description: [agenda.length ? `Saksliste:\n${agenda.join("\n")}` : "", url].filter(Boolean).join("\n\n"),
    url,
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    sequence: meeting.sequence,
  };
}

export const calendarHeaders = (fileName: string) => ({
  "Content-Type": "text/calendar; charset=utf-8",
  "Content-Disposition": `attachment; filename="${fileName}"`,
  "X-Content-Type-Options": "nosniff",
});
