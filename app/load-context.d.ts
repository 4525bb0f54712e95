/**
 * What server.ts passes to every loader and action (Remix's load context). Optional because tests
 * call loaders and actions with an empty context.
 */
import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The nonce of this response's Content-Security-Policy (entry.server.tsx). */
    cspNonce?: string;
    /** The X-Request-Id sent back with the response (and on every log line of the request). */
    requestId?: string;
    /** Express's `req.ip` (TRUST_PROXY aware): the rate limits' client. */
    clientIp?: string;
  }
}
