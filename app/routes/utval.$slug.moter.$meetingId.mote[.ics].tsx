/** A meeting as an iCalendar file (RFC 5545). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serializeCalendar } from "~/models/ics";
import { getMeeting, meetingTitle } from "~/models/meetings.server";
import { env } from "~/services/env.server";
import { getSessionUser } from "~/http/session.server";
import { requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { osloDate } from "~/services/oslo-time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const data = await getMeeting(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
  const { meeting, body } = data;
  const base = env().APP_URL.replace(/\/$/, "");
  const url = `${base}/utval/${body.slug}/moter/${meeting.id}`;
  const agenda = data.items
    .filter((i) => i.outcome !== "deferred")
    .map((i) => `${i.number ? `${i.number} ` : ""}${i.title ?? "Skjerma sak"}`)
    .join("\n");
  const ics = serializeCalendar(
    [
      {
        uid: `meeting-${meeting.id}@${new URL(base).hostname}`,
        start: meeting.startsAt,
        end: meeting.endsAt ?? new Date(meeting.startsAt.getTime() + 2 * 3600_000),
        stamp: meeting.createdAt,
        summary: `${meetingTitle(body, meeting)} (${body.shortName})`,
        location: [meeting.location, meeting.videoLink].filter(Boolean).join(" / "),
        description: [agenda ? `Saksliste:\n${agenda}` : "", url].filter(Boolean).join("\n\n"),
        url,
        status: meeting.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
        sequence: meeting.version,
      },
    ],
    { name: body.shortName },
  );
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="mote-${body.slug}-${osloDate(meeting.startsAt)}.ics"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
