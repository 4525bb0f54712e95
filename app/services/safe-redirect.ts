/**
 * Only same-origin paths are accepted as redirect targets: "/x" yes; "//evil", "/\evil",
 * "https:…", "javascript:…" and anything with control characters fall back to the default.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Control characters, backslashes and whitespace can be normalised by browsers into another origin.
  if (/[\u0000-\u001f\u007f\\\s]/.test(to)) return fallback;
  try {
    const base = "http://same.invalid";
    const url = new URL(to, base);
    if (url.origin !== base) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
