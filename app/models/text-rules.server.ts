/**
 * The free-text rule (text-rules.ts) as a zod schema, for the forms that parse with zod. One
 * helper for every free-text field: trimmed, limited, and refused when freeTextProblem() finds
 * control characters or a national identity number.
 */
import { z } from "zod";
import { DomainError } from "~/services/domain-error";
import { freeTextProblem } from "./text-rules";

export interface FreeTextOptions {
  max: number;
  /** At least this many characters (1 when required and not given). */
  min?: number;
  required?: boolean;
  singleLine?: boolean;
  /** Messages: i18n keys of the namespace the form uses. */
  messages?: { required?: string; tooLong?: string };
}

/** The rule as a zod refinement, for a text schema with more checks of its own (a phone number). */
export function freeTextRule(options: { singleLine?: boolean } = {}) {
  return (v: string, ctx: z.RefinementCtx) => {
    const problem = freeTextProblem(v, options);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

/** A trimmed free text: required (min characters) or optional (default ""), max characters, the free-text rule. */
export function freeText({ max, min, required = false, singleLine = false, messages = {} }: FreeTextOptions) {
  const requiredMessage = messages.required ?? "errors.required";
  const tooLong = messages.tooLong ?? "errors.textTooLong";
  const rule = freeTextRule({ singleLine });
  if (required) {
    return z
      .string({ required_error: requiredMessage, invalid_type_error: requiredMessage })
      .trim()
      .min(min ?? 1, requiredMessage)
      .max(max, tooLong)
      .superRefine(rule);
  }
  return z.string({ invalid_type_error: "errors.invalid" }).trim().max(max, tooLong).superRefine(rule).optional().default("");
}

/**
 * The free-text rule inside domain code (defence in depth behind the route's zod schema): the first
 * field whose text breaks it throws DomainError("errors.nationalId" | "errors.controlCharacters")
 * on that field, before anything is written.
 */
export function assertFreeTextFields(fields: Record<string, string | null | undefined>, options: { singleLine?: boolean } = {}): void {
  for (const [field, value] of Object.entries(fields)) {
    const problem = value ? freeTextProblem(value, options) : null;
    if (problem) throw new DomainError(problem, {}, { kind: "invalid", field });
  }
}
