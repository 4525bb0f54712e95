/**
 * Production server: Express + compression serving the Remix build. Runs migrations and the seed
 * before it listens, sets security headers and a request id, and shuts down gracefully on SIGTERM.
 *
 * WEB_CONCURRENCY=N (N > 1, PostgreSQL only) runs N processes on one port (node:cluster): the
 * first starts alone (migrations, seed), the others after it listens; a process that dies is
 * replaced; SIGTERM is passed on to each, and the primary exits when all have finished.
 */
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import cluster from "node:cluster";
import compression from "compression";
import express from "express";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const concurrency = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1);
const logLine = (fields) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: "info", ...fields }) + "\n");

if (cluster.isPrimary && concurrency > 1) {
  if (!process.env.DATABASE_URL) {
    console.error("WEB_CONCURRENCY > 1 needs DATABASE_URL: the embedded PGlite belongs to one process.");
    process.exit(1);
  }
  let stopping = false;
  const fork = () =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      worker.once("listening", () => resolve(worker));
      worker.once("exit", (code) => {
        if (stopping) return;
        if (!worker.listening) return reject(new Error(`worker exited with ${code} before listening`));
        logLine({ level: "warn", event: "worker_exit", code });
        fork().catch(() => process.exit(1)); // replace it
      });
    }).then((worker) => {
      worker.listening = true;
      return worker;
    });
  try {
    await fork(); // the first alone: it migrates and seeds
    await Promise.all(Array.from({ length: concurrency - 1 }, fork));
    logLine({ event: "cluster_ready", processes: concurrency });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    process.exit(1);
  }
  const stopAll = (signal) => {
    if (stopping) return;
    stopping = true;
    logLine({ event: "shutdown", signal, processes: Object.keys(cluster.workers ?? {}).length });
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 50);
    setTimeout(() => process.exit(1), 12_000).unref();
    check.unref?.();
  };
  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
} else {
  await serve();
}

async function serve() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const build = await import(path.join(here, "build/index.js"));
  const entry = build.entry.module;

  try {
    await entry.startup();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  const app = express();
  app.disable("x-powered-by");
  // No proxy is trusted unless TRUST_PROXY names it (X-Forwarded-* would let a client pick its address).
  app.set("trust proxy", entry.trustProxySetting(process.env.TRUST_PROXY));
  app.use(compression());

  const baseHeaders = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": entry.PERMISSIONS_POLICY,
  };
  const production = process.env.NODE_ENV === "production";
  // Paths may carry secrets (the private tracking token): app/http/request-log.server.ts masks them.
  const maskPath = entry.maskPath;

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.locals.requestId = req.get("x-request-id")?.slice(0, 64).replace(/[^\w.-]/g, "") || randomUUID();
    res.set("X-Request-Id", res.locals.requestId);
    // Defaults, set just before the head goes out so that a route's own value (e.g. the tracking
    // page's Referrer-Policy) wins instead of being sent twice.
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      for (const [k, v] of Object.entries(baseHeaders)) if (!res.hasHeader(k)) res.setHeader(k, v);
      return writeHead.apply(this, args);
    };
    // HSTS only on a response that goes out over https (directly, or from a trusted proxy's X-Forwarded-Proto).
    if (req.secure) res.set("Strict-Transport-Security", entry.HSTS);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (process.env.LOG_LEVEL === "silent" || process.env.LOG_REQUESTS === "0") return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: query strings may carry search words or tokens.
      process.stdout.write(
        JSON.stringify({ time: new Date().toISOString(), level: "info", event: "request", requestId: res.locals.requestId, method: req.method, path: maskPath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }) + "\n",
      );
    });
    next();
  });

  // CSRF (security helper, issue 6): every state-changing request from another site is refused
  // before any route runs (403), and so is one whose body is not a form (415). The logic is app/http/csrf.server.ts (exported by the server build).
  const appOrigin = (() => {
    try {
      return new URL(process.env.APP_URL ?? "").origin;
    } catch {
      return null;
    }
  })();
  // (A build from before requestGate existed still gets the CSRF check.)
  const requestGate =
    entry.requestGate ?? ((request, origins) => (entry.isCrossSiteRequest(request, origins) ? { status: 403, message: "Forbidden: cross-site request refused" } : null));
  app.use((req, res, next) => {
    const ownOrigin = `${req.protocol}://${req.get("host") ?? ""}`;
    const request = { method: req.method, url: req.originalUrl, headers: { get: (name) => req.get(name) ?? null } };
    const refused = requestGate(request, [appOrigin, ownOrigin]);
    if (!refused) return next();
    res.status(refused.status).type("text/plain; charset=utf-8").send(refused.message);
  });

  app.use("/build", express.static(path.join(here, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));

  // The Remix handler (a small adapter instead of @remix-run/express, docs/decisions/007): the body
  // of a state-changing request is read here within the route's limit (413 past it, counted while
  // streaming; nothing past the limit is kept or parsed), and every response to a signed-in user
  // is private, no-store.
  const LINGER_MS = 10_000;
  const handleRemix = createRequestHandler(build, production ? "production" : process.env.NODE_ENV);
  app.all("*", async (req, res, next) => {
    try {
      let body;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const limit = entry.bodyLimitFor(req.path);
        body = Number(req.get("content-length")) > limit ? null : await entry.readBody(req, limit);
        if (body == null) return refuseTooLarge(req, res, limit);
      }
      if (entry.carriesSession(req.get("cookie"))) {
        const writeHead = res.writeHead;
        res.writeHead = function (...args) {
          res.setHeader("Cache-Control", "private, no-store");
          return writeHead.apply(this, args);
        };
      }
      const controller = new AbortController();
      // Abort loaders and actions when the client is gone before the response has finished.
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const request = new Request(remixUrl(req), { method: req.method, headers: remixHeaders(req.headers), body, signal: controller.signal });
      const response = await handleRemix(request, { cspNonce: res.locals.cspNonce, requestId: res.locals.requestId, clientIp: req.ip ?? "unknown" });
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
  function refuseTooLarge(req, res, limit) {
    res.status(413).type("text/plain; charset=utf-8").send(`Payload Too Large: at most ${limit} bytes here`);
    const cutOff = setTimeout(() => req.socket.destroy(), LINGER_MS);
    cutOff.unref();
    req.once("end", () => clearTimeout(cutOff));
    req.resume();
  }

  /** The request's URL as the client saw it (host and protocol from a trusted proxy, as @remix-run/express does). */
  function remixUrl(req) {
    const forwardedPort = Number.parseInt(req.get("X-Forwarded-Host")?.split(":")[1] ?? "", 10);
    const hostPort = Number.parseInt(req.get("host")?.split(":")[1] ?? "", 10);
    const port = req.app.get("trust proxy fn")(req.socket.remoteAddress, 0) && Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
    return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
  }

  function remixHeaders(nodeHeaders) {
    const headers = new Headers();
    for (const [key, values] of Object.entries(nodeHeaders)) {
      if (values == null) continue;
      for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
    }
    return headers;
  }

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, async () => {
    // `npm run dev` (remix dev) restarts this server after each rebuild and waits for this signal.
    if (process.env.NODE_ENV === "development") (await import("@remix-run/node")).broadcastDevReady(build);
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: "info", event: "listening", url: `http://localhost:${port}` }) + "\n");
  });
  server.keepAliveTimeout = 65_000;

  let stopping = false;
  async function stop(signal) {
    if (stopping) return;
    stopping = true;
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: "info", event: "shutdown", signal }) + "\n");
    // Stop taking connections, let requests in flight finish, then close the pool.
    server.close(async () => {
      await entry.shutdown().catch(() => {});
      process.exit(0);
    });
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(1), 10_000).unref();
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
