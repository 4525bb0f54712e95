import type { LoaderFunctionArgs } from "@remix-run/node";
import { checklistScope, getChecklist, parseId } from "~/models/checklists.server";
import { buildTemplate, slugify, XLSX_TYPE } from "~/models/excel.server";
import { getLang } from "~/services/lang.server";
import { forbidden, requireUser } from "~/services/session.server";

/** GET /sjekkliste/:id/mal.xlsx — the reporter's checklist as an Excel template (own party only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = checklistScope(user);
  if (!scope) forbidden();
  const id = parseId(params.checklistId);
  if (id == null) throw new Response("Not found", { status: 404 });
  const checklist = await getChecklist({ checklistId: id, partyNumber: scope.partyNumber });
  if (!checklist) throw new Response("Not found", { status: 404 });
  const buffer = await buildTemplate({
    checklistId: checklist.checklist.id,
    partyName: checklist.partyName,
    roundTitle: checklist.round.title,
    measures: checklist.measures,
    keyFigures: checklist.keyFigures,
    lang: await getLang(request),
  });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="sjekkliste-${slugify(checklist.round.title)}-${checklist.checklist.partyNumber}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
