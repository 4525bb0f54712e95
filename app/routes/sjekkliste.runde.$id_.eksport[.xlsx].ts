import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRoundStatus, parseId } from "~/models/checklists.server";
import { exportRound, XLSX_TYPE } from "~/models/excel.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";

/**
 * GET /sjekkliste/runde/:id/eksport.xlsx — the secretariat gets everything (drafts marked, with
 * comments); anyone else gets closed rounds only, submitted checklists, without comments.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  if (id == null) throw new Response("Not found", { status: 404 });
  const user = await getSessionUser(request);
  const secretariat = user?.role === "secretariat";
  if (!secretariat) {
    if ((await getRoundStatus(id)) !== "closed") throw new Response("Not found", { status: 404 });
  }
  const result = await exportRound({ roundId: id, includeComments: secretariat, includeDrafts: secretariat, lang: await getLang(request) });
  if (!result) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(result.buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": secretariat ? "private, no-store" : "public, max-age=300",
    },
  });
}
