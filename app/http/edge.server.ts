/**
 * What server.ts does at the HTTP edge before Remix sees a request (docs/decisions/007): the body
 * limit per route, the proxy setting, and the headers every response gets. Kept here, in the
 * server build, so that it is typed and unit-tested; server.ts only wires it into Express.
 */
import { MAX_UPLOAD_BYTES } from "~/models/excel.server";
import { MAX_REQUEST_BYTES } from "~/models/case-form";

const KB = 1024;

/** Ordinary forms: the longest text fields (10,000 characters) fit even when every character takes 12 bytes encoded. */
export const DEFAULT_BODY_LIMIT = 128 * KB;

/** Limits per path (without a `.data` suffix), first match wins; anything else gets DEFAULT_BODY_LIMIT. */
const BODY_LIMITS: [RegExp, number][] = [
  // The public form with its attachments (readFormWithin in app/http/http.server.ts checks the parts within this).
  [/^\/saker\/ny\/?$/, MAX_REQUEST_BYTES],
  // The checklist's Excel upload, plus room for the multipart framing and the other fields.
  [/^\/sjekkliste\/[^/]+\/last-opp\/?$/, MAX_UPLOAD_BYTES + 64 * KB],
  // Forms with many long texts: a checklist (a comment per measure), a meeting's agenda and minutes.
  [/^\/sjekkliste\/[^/]+\/?$/, 1024 * KB],
  [/^\/utval\/[^/]+\/moter\/[^/]+(\/referat)?\/?$/, 1024 * KB],
  // Small forms: sign-in, sign-out, language, session, password, withdrawing a case.
  [/^\/(logg-inn|logg-ut|sprak|okt\/forleng|profil\/passord|saker\/spor\/[^/]+)\/?$/, 16 * KB],
];

/** The most bytes a request body to `pathname` may have. */
export function bodyLimitFor(pathname: string): number {
  const path = pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  for (const [pattern, limit] of BODY_LIMITS) if (pattern.test(path)) return limit;
  return DEFAULT_BODY_LIMIT;
}

/** The part of a Node readable stream (an http.IncomingMessage) readBody uses. */
export interface BodyStream {
  on(event: "data", listener: (chunk: Buffer) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
}

/**
 * Reads the whole body if it is at most `limit` bytes, counting while it streams (chunked bodies
 * and a false Content-Length alike). Over the limit it stops at once (the stream is paused, the
 * chunks kept so far dropped) and resolves null: answer 413, then drain the rest unread.
 */
export function readBody(stream: BodyStream, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        done();
        stream.pause();
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
  });
}

/**
 * Express's `trust proxy` from TRUST_PROXY. Unset trusts no proxy: X-Forwarded-For and
 * -Proto are ignored, so a client cannot choose its own address for the rate limits (issue 11,
 * finding 17). Set it to the load balancer's address(es) or a hop count behind a proxy.
 */
export function trustProxySetting(raw: string | undefined): boolean | number | string {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Browser features this app never uses, turned off for every page (and anything it might embed). */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
].join(", ");

export const HSTS = "max-age=63072000; includeSubDomains";

/** True when the request carries a session cookie: the response may hold a signed-in user's data. */
export function carriesSession(cookieHeader: string | undefined | null): boolean {
  return /(?:^|;\s*)hf_session=[^;\s]/.test(cookieHeader ?? "");
}
