/**
 * Reading a posted form (multipart or urlencoded) within a byte limit that is counted as the body
 * streams in, not taken from Content-Length (a chunked body has none).
 *
 * Multipart is parsed by the platform (undici's `Request.formData()`), not by Remix's
 * `unstable_parseMultipartFormData`: that parser splits the part header on every `;` and `=`, so a
 * file named `a;b.pdf` or `x=y.pdf` made the whole form unreadable (issue 11, finding 15). The
 * platform's parser reads file names as browsers send them (quoted, with `"` as `%22`).
 *
 * Routes read forms one way, through app/http/http.server.ts: `readForm(request)`, or
 * `readFormWithin(request, maxBytes)` (built on readBoundedForm here) for the actions that take files.
 */

export class RequestTooLargeError extends Error {
  constructor() {
    super("request_too_large");
  }
}

/** `request`'s body, erroring with RequestTooLargeError once more than `max` bytes came in. */
export function limitedBody(request: Request, max: number): ReadableStream<Uint8Array> | null {
  if (!request.body) return null;
  const reader = request.body.getReader();
  let total = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      total += value.byteLength;
      if (total > max) {
        void reader.cancel().catch(() => {});
        return controller.error(new RequestTooLargeError());
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

export const isTooLarge = (error: unknown) => error instanceof RequestTooLargeError || (error as { cause?: unknown } | null)?.cause instanceof RequestTooLargeError;

export type BoundedForm = { ok: true; formData: FormData } | { ok: false; reason: "too_large" | "unreadable" };

/**
 * The form of a multipart or urlencoded POST of at most `maxBytes`; anything else, or a body the
 * parser cannot read, is "unreadable". Never throws for what the client sent.
 */
export async function readBoundedForm(request: Request, maxBytes: number): Promise<BoundedForm> {
  if (Number(request.headers.get("Content-Length") ?? "0") > maxBytes) return { ok: false, reason: "too_large" };
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) return { ok: false, reason: "unreadable" };
  const limited = new Request(request.url, { method: "POST", headers: request.headers, body: limitedBody(request, maxBytes), duplex: "half" } as RequestInit);
  try {
    return { ok: true, formData: await limited.formData() };
  } catch (error) {
    return { ok: false, reason: isTooLarge(error) ? "too_large" : "unreadable" };
  }
}
