/**
 * The path as the request log writes it (server.ts, accessLogFields). Paths may carry secrets — the private
 * tracking token in `/saker/spor/<token>` — so every long opaque run of URL-safe characters is
 * masked wherever it stands (`<token>.data`, `<token>)`, `<token>;x`, percent-encoded pieces), not
 * only whole path segments (issue 11, finding 7). Masking runs before truncation so that a cut
 * never leaves the tail of a token.
 */
const OPAQUE_RUN = /[A-Za-z0-9_-]{20,}/g;

/** Decodes percent-escapes of unreserved characters (so "%2D" cannot split a token into short runs); leaves the rest as it was. */
function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9_.~-]/.test(c) ? c : escape;
  });
}

export function maskPath(path: string): string {
  return decodeUnreserved(path).replace(OPAQUE_RUN, "***").slice(0, 200);
}

/**
 * The fields of an access-log line (pino-http in server.ts; the request id comes from its
 * binding): method, masked path — never the query string, which may carry search words or tokens —
 * status and milliseconds.
 */
export function accessLogFields(req: { method?: string; path: string }, res: { statusCode: number }, responseTimeMs: number) {
  return { event: "request", method: req.method, path: maskPath(req.path), status: res.statusCode, ms: responseTimeMs };
}
