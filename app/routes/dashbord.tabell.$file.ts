import type { LoaderFunctionArgs } from "@remix-run/node";
import { countyTable, getCountyDashboard } from "~/models/dashboard.server";
import { tableFile } from "~/models/excel.server";
import { downloadResponse } from "~/http/download.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";
import { parseId } from "~/services/ids";

/** GET /dashbord/tabell/<name>.(csv|xlsx)?plan=…&runde=… — the numbers behind a county chart. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const m = (params.file ?? "").match(/^([a-z]+)\.(csv|xlsx)$/);
  if (!m) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const [user, lang] = await Promise.all([getSessionUser(request), getLang(request)]);
  const data = await getCountyDashboard(user, { planSlug: url.searchParams.get("plan"), roundId: parseId(url.searchParams.get("runde")) });
  const table = data ? countyTable(data, lang, m[1] ?? "") : undefined;
  if (!table) throw new Response("Not found", { status: 404 });
  return downloadResponse(await tableFile(table.name, m[2] as "csv" | "xlsx", table), { shared: !user });
}
