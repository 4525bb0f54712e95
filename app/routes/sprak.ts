import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LANGUAGES } from "~/i18n";
import { readForm } from "~/http/http.server";
import { serializeLangCookie } from "~/http/lang.server";
import { safeRedirect } from "~/services/safe-redirect";

const schema = z.object({ lang: z.enum(LANGUAGES), redirectTo: z.string().optional() });

/** Sets the language preference (POST from the switch in the header) and goes back. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  const { lang, redirectTo } = submission.value;
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await serializeLangCookie(lang) } });
}

export function loader() {
  return redirect("/");
}
