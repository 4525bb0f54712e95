/** The agenda (saksliste) as PDF. Public: texts of handling and decisions are left out until the minutes are published. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMeeting } from "~/models/meetings.server";
import { renderAgendaPdf } from "~/models/minutes-pdf.server";
import { getSessionUser } from "~/http/session.server";
import { requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { osloDate } from "~/services/oslo-time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const data = await getMeeting(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
  const pdf = await renderAgendaPdf(data);
  const name = `saksliste-${data.body.slug}-${osloDate(data.meeting.startsAt)}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": data.internal ? "private, no-store" : "public, max-age=60",
    },
  });
}
