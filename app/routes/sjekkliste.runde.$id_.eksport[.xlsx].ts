import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportRound } from "~/models/excel.server";
import { downloadResponse } from "~/http/download.server";
import { requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";

/**
 * GET /sjekkliste/runde/:id/eksport.xlsx — the secretariat gets everything (drafts marked, with
 * comments); anyone else gets closed rounds only, submitted checklists, without comments.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const user = await getSessionUser(request);
  try {
    const file = await exportRound(user, { roundId: id, lang: await getLang(request) });
    return downloadResponse(file, { shared: user?.role !== "secretariat" });
  } catch (error) {
    rethrowAsResponse(error);
  }
}
