import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPartyDashboard, partyTable } from "~/models/dashboard.server";
import { tableFile } from "~/models/excel.server";
import { downloadResponse } from "~/http/download.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";

/** GET /dashbord/<number>/tabell/<name>.(csv|xlsx) — the numbers behind a party's charts. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const m = (params.file ?? "").match(/^([a-z]+)\.(csv|xlsx)$/);
  if (!m) throw new Response("Not found", { status: 404 });
  const [user, lang] = await Promise.all([getSessionUser(request), getLang(request)]);
  const data = await getPartyDashboard(user, { number: (params.number ?? "").toUpperCase().slice(0, 10) });
  const table = data ? partyTable(data, lang, m[1] ?? "") : undefined;
  if (!table) throw new Response("Not found", { status: 404 });
  return downloadResponse(await tableFile(`${data!.party.number}-${table.name}`, m[2] as "csv" | "xlsx", table), { shared: !user });
}
