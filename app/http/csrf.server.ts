/**
 * CSRF defence for every state-changing request (docs/security.md, ASVS V4.2.2 / V13.2.3).
 *
 * Two browser signals, checked centrally in server.ts before any route runs:
 * - `Origin`: browsers send it on every cross-origin POST (and on same-origin POSTs too). When it is
 *   present it must be one of our own origins (APP_URL's origin or the origin the request came in on);
 *   the opaque origin "null" (sandboxed frames, some redirects) is refused as well.
 * - `Sec-Fetch-Site: cross-site`: sent by current browsers on requests started from another site.
 *
 * A request with neither header (curl, server-to-server, very old browsers) passes: the session
 * cookie is SameSite=Lax, so a cross-site form POST from an old browser carries no session anyway.
 * GET, HEAD and OPTIONS never change state in this app and are never refused.
 */

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The minimum of a request we need: works for a Fetch Request and for an adapted Express request. */
export interface RequestLike {
  method: string;
  headers: { get(name: string): string | null | undefined };
  /** The request target (full URL or path + query); checked for control characters when given. */
  url?: string;
}

/**
 * True when the request target carries a C0 control character or DEL, raw or percent-encoded
 * (`/saker?q=%00`, `/saker/%00`): no route of this app takes one, and PostgreSQL refuses NUL in
 * text, so such a request is refused with 400 before any route runs (issue 11, finding 13).
 */
export function hasControlCharacters(target: string): boolean {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  return /[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/i.test(target);
}

/** The origin ("scheme://host[:port]") of a URL, or null when it is not a URL. */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * True when the request changes state and comes from another site: refuse it with 403.
 * `allowedOrigins` are full origins (e.g. "https://samhandling.example"); anything else is ignored.
 */
export function isCrossSiteRequest(request: RequestLike, allowedOrigins: readonly (string | null | undefined)[]): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite.trim().toLowerCase() === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (origin == null) return false;
  const allowed = new Set(allowedOrigins.map((o) => originOf(o ?? null)).filter((o): o is string => o != null));
  const normalised = originOf(origin.trim());
  return normalised == null || !allowed.has(normalised);
}

/** Content types a browser form (and Remix's Form / fetcher) sends. */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** True when a state-changing request carries a body type our form actions can read. */
export function hasFormBody(request: RequestLike): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const type = ((request.headers.get("content-type") ?? "").split(";")[0] ?? "").trim().toLowerCase();
  return FORM_TYPES.includes(type);
}

/**
 * The gate server.ts puts in front of every route: 400 for a request target with control
 * characters (see hasControlCharacters), 403 for a cross-site state-changing request,
 * 415 for one whose body is not a form (every action in this app reads a form; without the gate a
 * JSON or empty POST would make `request.formData()` throw and answer 500). Null: go on.
 */
export function requestGate(request: RequestLike, allowedOrigins: readonly (string | null | undefined)[]): { status: 400 | 403 | 415; message: string } | null {
  if (request.url != null && hasControlCharacters(request.url)) return { status: 400, message: "Bad Request: control characters in the address" };
  if (isCrossSiteRequest(request, allowedOrigins)) return { status: 403, message: "Forbidden: cross-site request refused" };
  if (!hasFormBody(request)) return { status: 415, message: "Unsupported Media Type: send a form (application/x-www-form-urlencoded or multipart/form-data)" };
  return null;
}
