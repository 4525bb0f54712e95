/** Attachment download (secretariat only): always as a download, never rendered inline. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAttachmentForUser } from "~/models/case-workflow.server";
import { requireUser } from "~/http/session.server";
import { requireIdParam, rethrowAsResponse } from "~/http/http.server";

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function contentDisposition(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const a = await getAttachmentForUser(user, params.id ?? "", requireIdParam(params.attachmentId));
    return new Response(new Uint8Array(a.data), {
      headers: {
        "Content-Type": a.contentType || "application/octet-stream",
        "Content-Length": String(a.data.length),
        "Content-Disposition": contentDisposition(a.filename),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    rethrowAsResponse(error);
  }
}
