/**
 * Structured JSON logs, one line per event. Never pass free text, e-mail addresses, phone numbers
 * or cookies here: log ids, counts, routes and status codes only (docs/security.md).
 */
import { env } from "./env.server";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function threshold() {
  return order[env().LOG_LEVEL];
}

export function log(level: Level, event: string, fields: Record<string, string | number | boolean | null | undefined> = {}) {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

/**
 * An error's class and message, never its data: the driver's "Failed query: … params: …" message
 * carries the bound values (user input), so everything from "params:" on is cut.
 */
export function errorFields(error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  const message = text.split(/\nparams:/)[0].slice(0, 300);
  return error instanceof Error ? { error: error.name, message } : { error: message };
}
