/** The minutes (referat) as PDF: public once published, before that for the secretariat and the body's members. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMinutes } from "~/models/meetings.server";
import { renderMinutesPdf } from "~/models/minutes-pdf.server";
import { getSessionUser } from "~/http/session.server";
import { requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { osloDate } from "~/services/oslo-time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const data = await getMinutes(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
  const pdf = await renderMinutesPdf(data);
  const name = `referat-${data.body.slug}-${osloDate(data.meeting.startsAt)}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": data.published && !data.internal ? "public, max-age=60" : "private, no-store",
    },
  });
}
