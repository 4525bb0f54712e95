/**
 * HTTP helpers for route modules: reading the form of an action and the ids in a URL, so that a
 * malformed body or an impossible id answers 400/404 instead of a 500 (issue 11, findings 9, 13).
 * The body's size is limited before any route runs (server.js, app/services/edge.server.ts).
 */
import { parseId } from "~/services/ids";

/** The action's form (urlencoded or multipart); a body that cannot be read as a form throws a 400 Response. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request: the form could not be read", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/** A numeric URL param as a database id; anything else (overflow, signs, text) throws a 404 Response. */
export function requireIdParam(raw: string | undefined): number {
  const id = parseId(raw);
  if (id == null) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return id;
}
