/**
 * Production server: Express + compression serving the Remix build. Runs migrations and the seed
 * before it listens, sets security headers and a request id, and shuts down gracefully on SIGTERM.
 * `npm run build` compiles this file to build/server.js next to the Remix build (build/index.js);
 * `npm start` builds and runs it. Everything it needs from the app (environment, logger, request
 * gate, body limits) comes from the server build's entry (app/entry.server.tsx), so that it is
 * typed, unit-tested and shared with the app's own modules.
 *
 * WEB_CONCURRENCY=N (N > 1, PostgreSQL only) runs N processes on one port (node:cluster): the
 * first starts alone (migrations, seed), the others after it listens; a process that dies is
 * replaced; SIGTERM is passed on to each, and the primary exits when all have finished.
 */
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import cluster, { type Worker } from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pinoHttp } from "pino-http";
import type * as Entry from "./app/entry.server";

const here = path.dirname(fileURLToPath(import.meta.url)); // build/
const build = (await import(path.join(here, "index.js"))) as ServerBuild;
const entry = build.entry.module as unknown as typeof Entry;

let config: ReturnType<typeof entry.env>;
try {
  config = entry.env();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const { log } = entry;

if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) await supervise(config.WEB_CONCURRENCY);
else await serve();

/** The cluster's primary: forks the workers, replaces one that dies, passes SIGTERM on. */
async function supervise(concurrency: number) {
  let stopping = false;
  const listening = new WeakSet<Worker>();
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork();
      worker.once("listening", () => {
        listening.add(worker);
        resolve(worker);
      });
      worker.once("exit", (code) => {
        if (stopping) return;
        if (!listening.has(worker)) return reject(new Error(`worker exited with ${code} before listening`));
        log("warn", "worker_exit", { code });
        fork().catch(() => process.exit(1)); // replace it
      });
    });
  const workers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w != null);
  try {
    await fork(); // the first alone: it migrates and seeds
    await Promise.all(Array.from({ length: concurrency - 1 }, fork));
    log("info", "cluster_ready", { processes: concurrency });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    for (const w of workers()) w.process.kill("SIGTERM");
    process.exit(1);
  }
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log("info", "shutdown", { signal, processes: workers().length });
    for (const w of workers()) w.process.kill("SIGTERM");
    const check = setInterval(() => {
      if (workers().length === 0) process.exit(0);
    }, 50);
    setTimeout(() => process.exit(1), 12_000).unref();
    check.unref();
  };
  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
}

/** Calls `before` just before the response head goes out (a route's own headers are set by then). */
function beforeHead(res: ExpressResponse, before: () => void) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ExpressResponse, ...args: Parameters<typeof writeHead>) {
    before();
    return writeHead.apply(this, args);
  } as typeof res.writeHead;
}

async function serve() {
  try {
    await entry.startup();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  const app = express();
  app.disable("x-powered-by");
  // No proxy is trusted unless TRUST_PROXY names it (X-Forwarded-* would let a client pick its address).
  app.set("trust proxy", entry.trustProxySetting(config.TRUST_PROXY));
  app.use(compression());

  const baseHeaders: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": entry.PERMISSIONS_POLICY,
  };

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.locals.requestId =
      req
        .get("x-request-id")
        ?.slice(0, 64)
        .replace(/[^\w.-]/g, "") || randomUUID();
    res.set("X-Request-Id", res.locals.requestId);
    // Defaults, set just before the head goes out so that a route's own value (e.g. the tracking
    // page's Referrer-Policy) wins instead of being sent twice.
    beforeHead(res, () => {
      for (const [k, v] of Object.entries(baseHeaders)) if (!res.hasHeader(k)) res.setHeader(k, v);
    });
    // HSTS only on a response that goes out over https (directly, or from a trusted proxy's X-Forwarded-Proto).
    if (req.secure) res.set("Strict-Transport-Security", entry.HSTS);
    next();
  });

  // The access log: one line per request with its id, method, masked path (paths may carry the
  // private tracking token, app/http/request-log.server.ts), status and time. Never the query
  // string (search words, tokens), headers or body.
  app.use(
    pinoHttp({
      logger: entry.logger(),
      autoLogging: config.LOG_REQUESTS === "1",
      genReqId: (_req, res) => (res as ExpressResponse).locals.requestId as string,
      customAttributeKeys: { reqId: "requestId" },
      quietReqLogger: true,
      quietResLogger: true,
      customSuccessMessage: () => undefined as unknown as string,
      customErrorMessage: () => undefined as unknown as string,
      customSuccessObject: (req, res, { responseTime }: { responseTime: number }) => entry.accessLogFields(req as ExpressRequest, res, responseTime),
      customErrorObject: (req, res, _error, { responseTime }: { responseTime: number }) => entry.accessLogFields(req as ExpressRequest, res, responseTime),
    }),
  );

  // CSRF (security helper, issue 6): every state-changing request from another site is refused
  // before any route runs (403), and so is one whose body is not a form (415). The logic is app/http/csrf.server.ts.
  const appOrigin = entry.originOf(config.APP_URL);
  app.use((req, res, next) => {
    const ownOrigin = `${req.protocol}://${req.get("host") ?? ""}`;
    const request = { method: req.method, url: req.originalUrl, headers: { get: (name: string) => req.get(name) ?? null } };
    const refused = entry.requestGate(request, [appOrigin, ownOrigin]);
    if (!refused) return next();
    res.status(refused.status).type("text/plain; charset=utf-8").send(refused.message);
  });

  app.use("/build", express.static(path.join(here, "../public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(here, "../public"), { maxAge: "1h" }));

  // The Remix handler (a small adapter instead of @remix-run/express, docs/decisions/007): the body
  // of a state-changing request is read here within the route's limit (413 past it, counted while
  // streaming; nothing past the limit is kept or parsed), and every response to a signed-in user
  // is private, no-store. It runs inside the request id's log context (app/services/log.server.ts).
  const LINGER_MS = 10_000;
  const handleRemix = createRequestHandler(build, config.NODE_ENV);
  app.all("*", async (req, res, next) => {
    try {
      let body: Uint8Array<ArrayBuffer> | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const limit = entry.bodyLimitFor(req.path);
        const read = Number(req.get("content-length")) > limit ? null : await entry.readBody(req, limit);
        if (read == null) return refuseTooLarge(req, res, limit);
        body = read as Buffer<ArrayBuffer>; // Buffer.concat's own ArrayBuffer, never a shared one
      }
      if (entry.carriesSession(req.get("cookie"))) beforeHead(res, () => res.setHeader("Cache-Control", "private, no-store"));
      const controller = new AbortController();
      // Abort loaders and actions when the client is gone before the response has finished.
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const request = new Request(remixUrl(req), { method: req.method, headers: remixHeaders(req.headers), body, signal: controller.signal });
      const context = { cspNonce: res.locals.cspNonce as string, requestId: res.locals.requestId as string, clientIp: req.ip ?? "unknown" };
      const response = await entry.withRequestId(context.requestId, () => handleRemix(request, context));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  });

  /**
   * 413 without reading the body any further. The rest of it is drained unread (no buffering, no
   * parsing) so that the client sees the 413 instead of a connection reset, like nginx's lingering
   * close; a client still sending after LINGER_MS is cut off.
   */
  function refuseTooLarge(req: ExpressRequest, res: ExpressResponse, limit: number) {
    res.status(413).type("text/plain; charset=utf-8").send(`Payload Too Large: at most ${limit} bytes here`);
    const cutOff = setTimeout(() => req.socket.destroy(), LINGER_MS);
    cutOff.unref();
    req.once("end", () => clearTimeout(cutOff));
    req.resume();
  }

  /** The request's URL as the client saw it (host and protocol from a trusted proxy, as @remix-run/express does). */
  function remixUrl(req: ExpressRequest) {
    const forwardedPort = Number.parseInt(req.get("X-Forwarded-Host")?.split(":")[1] ?? "", 10);
    const hostPort = Number.parseInt(req.get("host")?.split(":")[1] ?? "", 10);
    const trusted = (req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0);
    const port = trusted && Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
    return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
  }

  function remixHeaders(nodeHeaders: IncomingHttpHeaders) {
    const headers = new Headers();
    for (const [key, values] of Object.entries(nodeHeaders)) {
      if (values == null) continue;
      for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
    }
    return headers;
  }

  const server = app.listen(config.PORT, config.HOST, async () => {
    // `npm run dev` (remix dev) restarts this server after each rebuild and waits for this signal.
    if (config.NODE_ENV === "development") (await import("@remix-run/node")).broadcastDevReady(build);
    log("info", "listening", { url: `http://localhost:${config.PORT}` });
  });
  server.keepAliveTimeout = 65_000;

  let stopping = false;
  function stop(signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    log("info", "shutdown", { signal });
    // Stop taking connections, let requests in flight finish, then close the pool.
    server.close(async () => {
      await entry.shutdown().catch(() => {});
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
