/**
 * Structured JSON logs with pino, one line per event: {"level":"info","time":"…","event":"…",…}.
 * Never pass free text, e-mail addresses, phone numbers or cookies here: log ids, counts, routes
 * and status codes only (docs/security.md). As a second line of defence the paths in REDACT are
 * replaced by "[redacted]" whatever is logged under them (a failed query's bound parameters, a
 * cookie header, …).
 *
 * Every line written while a request is handled carries that request's id (the X-Request-Id the
 * server sends back): server.ts runs the Remix handler inside `withRequestId`, and an
 * AsyncLocalStorage hands the id to each line written in that call's async chain. info and debug
 * go to stdout, warn and error to stderr.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type Logger } from "pino";
import { env } from "./env.server";

type Level = "debug" | "info" | "warn" | "error";

/** Paths pino censors in every line (keys at the top level or one level down). */
export const REDACT = [
  "params",
  "*.params",
  "email",
  "*.email",
  "password",
  "*.password",
  "cookie",
  "*.cookie",
  "headers.cookie",
  "headers.authorization",
  "headers['set-cookie']",
];

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` so that every line logged in its async chain carries `requestId`. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

function createLogger(): Logger {
  let level: string;
  try {
    level = env().LOG_LEVEL;
  } catch {
    level = "info"; // an invalid environment is reported by start-up; its log lines still go out
  }
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: "[redacted]" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    pino.multistream(
      [
        { level: "trace", stream: process.stdout },
        { level: "warn", stream: process.stderr },
      ],
      { dedupe: true },
    ),
  );
}

const store = globalThis as typeof globalThis & { __hfLogger?: Logger };

/** The app's pino logger (server.ts hands it to pino-http for the access log). */
export function logger(): Logger {
  store.__hfLogger ??= createLogger();
  return store.__hfLogger;
}

export function log(level: Level, event: string, fields: Record<string, unknown> = {}) {
  logger()[level]({ ...fields, event });
}

/**
 * An error's class and message, never its data. A failed query (drizzle's DrizzleQueryError) is
 * logged as its SQL text with its bound values under `params`, which REDACT censors, and the
 * database's error code; its message (which repeats the values) and the driver's message (which
 * may quote a value) are left out.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error && "query" in error && "params" in error && typeof error.query === "string") {
    const cause = error.cause as { code?: unknown } | undefined;
    return {
      error: error.name === "Error" ? "DrizzleQueryError" : error.name,
      query: error.query.slice(0, 300),
      params: error.params,
      code: typeof cause?.code === "string" ? cause.code : undefined,
    };
  }
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  return error instanceof Error ? { error: error.name, message } : { error: message };
}
