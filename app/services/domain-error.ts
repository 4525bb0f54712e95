/**
 * The one error domain code throws (docs/decisions/009-one-feature-contract.md).
 *
 * Domain operations take `(actor, typedInput)`, return data or throw a DomainError. A DomainError
 * holds a code (a message key, e.g. "case.errors.notRoutable"), its params, what kind of refusal it
 * is and optionally the form field it belongs to — never user-facing text and never an HTTP status:
 * app/http/http.server.ts maps the kind to a 4xx and the code to `submission.reply()`.
 */
import type { MessageKey } from "~/i18n/keys";

export type DomainErrorKind = "invalid" | "forbidden" | "notFound" | "conflict" | "tooLarge" | "rateLimited";

export type DomainErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly field: string | undefined;
  constructor(
    /** A message key of some namespace (the page that shows the error translates it with its own). */
    readonly code: MessageKey,
    readonly params: DomainErrorParams = {},
    options: { kind?: DomainErrorKind; field?: string } = {},
  ) {
    super(code);
    this.name = "DomainError";
    this.kind = options.kind ?? "invalid";
    this.field = options.field;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** A code with its params as one string ("code|p1=v1&…") for conform's string errors; decodeMessage reverses it. */
export function encodeMessage(error: Pick<DomainError, "code" | "params">): string {
  const params = Object.entries(error.params);
  return params.length ? `${error.code}|${new URLSearchParams(params.map(([k, v]) => [k, String(v)])).toString()}` : error.code;
}

/** The code and params of a message made by encodeMessage (browser-safe: components translate it). */
export function decodeMessage(message: string): { code: string; params: Record<string, string> } {
  const bar = message.indexOf("|");
  if (bar < 0) return { code: message, params: {} };
  return { code: message.slice(0, bar), params: Object.fromEntries(new URLSearchParams(message.slice(bar + 1))) };
}
