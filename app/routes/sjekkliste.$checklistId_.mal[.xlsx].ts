import type { LoaderFunctionArgs } from "@remix-run/node";
import { checklistTemplate } from "~/models/excel.server";
import { downloadResponse } from "~/http/download.server";
import { requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { getLang } from "~/http/lang.server";
import { requireUser } from "~/http/session.server";

/** GET /sjekkliste/:id/mal.xlsx — the reporter's checklist as an Excel template (own party only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return downloadResponse(await checklistTemplate(user, { checklistId: requireIdParam(params.checklistId), lang: await getLang(request) }));
  } catch (error) {
    rethrowAsResponse(error);
  }
}
