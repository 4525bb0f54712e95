/**
 * The HTTP side of the rate limits (docs/decisions/012-rate-limits.md): the 429 response with
 * Retry-After, and the `headers` export that forwards Retry-After on a document request. The
 * counting itself is app/services/rate-limit.server.ts (no Request/Response there).
 */
import { clientIp, publicFormLimit } from "~/services/rate-limit.server";

export function retryAfterHeaders(seconds: number): HeadersInit {
  return { "Retry-After": String(Math.max(1, Math.ceil(seconds))) };
}

/** 429 Too Many Requests with Retry-After (seconds, at least 1). */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return new Response("Too many requests", { status: 429, statusText: "Too Many Requests", headers: retryAfterHeaders(retryAfterSeconds) });
}

/** One submission of the public form from this client; `null` when allowed, else a 429 to throw. */
export async function publicFormRateLimit(context: unknown, now = new Date()): Promise<Response | null> {
  const hit = await publicFormLimit(clientIp(context), now);
  return hit.allowed ? null : tooManyRequests(hit.retryAfterSeconds);
}

/**
 * For a route's `headers` export: Remix sends an action's or a thrown response's headers on a
 * document request only through it, so Retry-After reaches the client.
 */
export function forwardRetryAfter({ actionHeaders, errorHeaders }: { actionHeaders: Headers; errorHeaders?: Headers }): HeadersInit {
  const value = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  return value ? { "Retry-After": value } : {};
}
