/**
 * The body's meeting calendar to subscribe to (/utval/<slug>/moter.ics): its meetings of the past
 * year and the future, by the rules of app/models/meeting-calendar.server.ts. Public: it shows
 * what the public body page shows.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serializeCalendar } from "~/models/ics";
import { calendarHeaders, meetingEvent } from "~/models/meeting-calendar.server";
import { listBodyCalendar } from "~/models/meetings.server";
import { rethrowAsResponse } from "~/http/http.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const { body, meetings } = await listBodyCalendar(params.slug ?? "").catch(rethrowAsResponse);
  const now = new Date();
  const ics = serializeCalendar(
    meetings.map((m) => meetingEvent(body, m, [], now)),
    { name: `Møte i ${body.shortName}` },
  );
  return new Response(ics, { headers: { ...calendarHeaders(`moter-${body.slug}.ics`), "Cache-Control": "public, max-age=300" } });
}
