/** A meeting as an iCalendar file (RFC 5545); the same rules as the body's feed (moter.ics). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serializeCalendar } from "~/models/ics";
import { calendarHeaders, meetingEvent } from "~/models/meeting-calendar.server";
import { getMeeting } from "~/models/meetings.server";
import { getSessionUser } from "~/http/session.server";
import { requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { osloDate } from "~/services/oslo-time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const data = await getMeeting(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
  const { meeting, body } = data;
  const agenda = data.items.filter((i) => i.outcome !== "deferred").map((i) => `${i.number ? `${i.number} ` : ""}${i.title ?? "Skjerma sak"}`);
  const ics = serializeCalendar([meetingEvent(body, meeting, agenda)], { name: body.shortName });
  return new Response(ics, { headers: calendarHeaders(`mote-${body.slug}-${osloDate(meeting.startsAt)}.ics`) });
}
