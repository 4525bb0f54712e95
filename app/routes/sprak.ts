import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLang } from "~/i18n";
import { readForm } from "~/http/http.server";
import { serializeLangCookie } from "~/http/lang.server";
import { safeRedirect } from "~/services/safe-redirect";

/** Sets the language preference (POST from the switch in the header) and goes back. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  if (!isLang(lang)) return Response.json({ error: "unknown language" }, { status: 400 });
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await serializeLangCookie(lang) } });
}

export function loader() {
  return redirect("/");
}
