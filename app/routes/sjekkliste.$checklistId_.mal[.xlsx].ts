import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireChecklist } from "~/models/checklists.server";
import { buildTemplate, slugify, XLSX_TYPE } from "~/models/excel.server";
import { getLang } from "~/http/lang.server";

/** GET /sjekkliste/:id/mal.xlsx — the reporter's checklist as an Excel template (own party only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { checklist } = await requireChecklist(request, params.checklistId);
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
