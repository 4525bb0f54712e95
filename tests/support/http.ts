/** Helpers to call route loaders and actions the way Remix does, with real Request objects. */
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { users } from "../../db/schema";
import { createSession } from "../../app/http/session.server";

export const BASE = "http://localhost:3000";

export function formRequest(path: string, fields: Record<string, string | string[]>, init: { cookie?: string; headers?: Record<string, string> } = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(BASE + path, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers },
  });
}

export function getRequest(path: string, init: { cookie?: string; headers?: Record<string, string> } = {}) {
  return new Request(BASE + path, { headers: { ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
}

/** A session cookie for a seeded user ("name=value", ready for a Cookie header). */
export async function cookieFor(email: string): Promise<string> {
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`No user ${email}`);
  const setCookie = await createSession(user.id);
  return setCookie.split(";")[0] ?? "";
}

/** Runs a loader or action and returns the Response, whether it was returned or thrown. */
export async function run(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    return Response.json(result ?? null);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: {} };
}
