/**
 * HTTP helpers for route modules: reading the form of an action and the ids in a URL, so that a
 * malformed body or an impossible id answers 400/404 instead of a 500 (issue 11, findings 9, 13).
 * The body's size is limited before any route runs (server.ts, app/http/edge.server.ts).
 */
import type { SubmissionResult } from "@conform-to/react";
import { json } from "@remix-run/node";
import { DomainError, encodeMessage, type DomainErrorKind } from "~/services/domain-error";
import { parseId } from "~/services/ids";
import { readBoundedForm } from "./form-body.server";

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

const STATUS: Record<DomainErrorKind, 400 | 403 | 404 | 409 | 413 | 429> = {
  invalid: 400,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  rateLimited: 429,
};

/** The HTTP status of a domain error. */
export const statusOf = (error: DomainError) => STATUS[error.kind];

/**
 * An action's answer to a DomainError: the submission's reply with the error's code on its field
 * (or as a form error), with the status of its kind. Anything that is not a DomainError is rethrown.
 * The code is a message key; `params` travel with it for interpolation.
 */
export function replyWithError<S extends { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]> }>(
  submission: S,
  error: unknown,
) {
  if (!(error instanceof DomainError)) throw error;
  const message = encodeMessage(error);
  const result = error.field ? submission.reply({ fieldErrors: { [error.field]: [message] } }) : submission.reply({ formErrors: [message] });
  return json({ result, error: { code: error.code, params: error.params } }, { status: statusOf(error) });
}

/** For loaders and resource routes: a DomainError becomes a thrown Response of its status; anything else is rethrown. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof DomainError) throw new Response(error.code, { status: statusOf(error), headers: { "Content-Type": "text/plain; charset=utf-8" } });
  throw error;
}

/**
 * `readForm` within a byte limit counted as the body streams in (app/http/form-body.server.ts), for
 * the actions that take files; the edge limits every other body before any route runs. A body over
 * the limit throws DomainError kind "tooLarge" (code "errors.requestTooLarge"); one that is not a
 * readable multipart or urlencoded form, kind "invalid" ("errors.unreadable"). The route answers
 * them next to its form.
 */
export async function readFormWithin(request: Request, maxBytes: number): Promise<FormData> {
  const read = await readBoundedForm(request, maxBytes);
  if (read.ok) return read.formData;
  if (read.reason === "too_large") throw new DomainError("errors.requestTooLarge", {}, { kind: "tooLarge" });
  throw new DomainError("errors.unreadable", {}, { kind: "invalid" });
}
