/**
 * Only same-origin paths are accepted as redirect targets: "/x" yes; "//evil", "/\evil",
 * "https:…", "javascript:…" and anything with control characters fall back to the default.
 *
 * Both the input and the string we return are checked: URL parsing normalises the path (dot
 * segments, "/./" → "/"), so a harmless-looking input such as "/.//evil.example/x" would become
 * "//evil.example/x" — a protocol-relative URL to another site (issue 11, finding 5).
 */
const BASE = "http://same.invalid";

/** Where people land after signing in when no (safe) redirectTo was given: their own page (issue 14). */
export const SIGNED_IN_HOME = "/mi-side";

/** One "/" then a character that is neither "/" nor "\" (or nothing); no control characters or whitespace. */
function isLocalPath(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  return /^\/(?![/\\])/.test(s) && !/[\u0000-\u001f\u007f-\u009f\\\s]/.test(s);
}

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!isLocalPath(to)) return fallback;
  try {
    const url = new URL(to, BASE);
    if (url.origin !== BASE) return fallback;
    const result = url.pathname + url.search + url.hash;
    // Validate what we return, not only what we were given.
    if (!isLocalPath(result) || new URL(result, BASE).origin !== BASE) return fallback;
    return result;
  } catch {
    return fallback;
  }
}
