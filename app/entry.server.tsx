/**
 * Server entry: streams the document with a fresh CSP nonce per response and sets the security
 * headers. It also exports what server.ts needs from the app (start-up, environment, logger,
 * request gate, body limits), so that server.ts shares the app's modules instead of copying them.
 */
import type { AppLoadContext, EntryContext, HandleDocumentRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { randomBytes } from "node:crypto";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
// The server renders and mails in every namespace: all messages, registered at start.
import "~/i18n/all";
import { coalescingStream } from "~/services/coalesce.server";
import { errorFields, log } from "~/services/log.server";
import { contentSecurityPolicy } from "~/services/security-headers.server";

export { startup, shutdown } from "~/services/startup.server";
export { env } from "~/services/env.server";
export { log, logger, withRequestId } from "~/services/log.server";
// Used by server.ts as Express middleware before the Remix handler (docs/security.md).
export { originOf, requestGate } from "~/http/csrf.server";
export { accessLogFields } from "~/http/request-log.server";
export { bodyLimitFor, carriesSession, HSTS, PERMISSIONS_POLICY, readBody, trustProxySetting } from "~/http/edge.server";

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

const handleRequest: HandleDocumentRequestFunction = (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
  const nonce = loadContext.cspNonce ?? randomBytes(16).toString("base64");
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = coalescingStream();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // The other security headers are set by server.ts on every response.
          responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log("error", "render_error", errorFields(error));
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
};

export default handleRequest;

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  log("error", "request_error", { path: new URL(request.url).pathname, ...errorFields(error) });
}
