import { createCookie } from "@remix-run/node";
import { DEFAULT_LANG, isLang, type Lang } from "~/i18n";
import { env } from "~/services/env.server";

/** The language preference: a plain, non-identifying cookie (see the privacy page). */
export const langCookie = createCookie("hf_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

/** The Set-Cookie value for a language choice: Secure when the app is served over https, like the session cookie. */
export function serializeLangCookie(lang: Lang): Promise<string> {
  const e = env();
  return langCookie.serialize(lang, { secure: e.NODE_ENV === "production" && e.APP_URL.startsWith("https:") });
}

export async function getLang(request: Request): Promise<Lang> {
  const fromCookie = await langCookie.parse(request.headers.get("Cookie"));
  if (isLang(fromCookie)) return fromCookie;
  const accept = (request.headers.get("Accept-Language") ?? "").toLowerCase();
  for (const part of accept.split(",")) {
    const tag = (part.split(";")[0] ?? "").trim();
    if (tag.startsWith("nn")) return "nn";
    if (tag.startsWith("nb") || tag === "no" || tag.startsWith("no-")) return "nb";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LANG;
}
