/**
 * POST /okt/forleng: the session warning's "Continue" (app/components/session-warning.tsx). Marks
 * the session as seen now and answers the new deadlines. GET changes nothing: 405.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { extendSession } from "~/models/account.server";
import { getSessionUser } from "~/http/session.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
  const user = await getSessionUser(request);
  if (!user) return Response.json({ error: "no_session" }, { status: 401 });
  const deadlines = await extendSession(user);
  if (!deadlines) return Response.json({ error: "no_session" }, { status: 401 });
  return Response.json(deadlines, { headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
}
