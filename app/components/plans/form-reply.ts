/**
 * The plan pages' forms read the action's reply (conform's SubmissionResult from parseWithZod or
 * replyWithError) here: the errors and submitted values of one form (by its intent), and the text
 * of an error code (decodeMessage splits "code|params"). Browser-safe: no zod, no conform runtime.
 */
import type { SubmissionResult } from "@conform-to/react";
import { translateCode, type TFunction } from "~/i18n";
import { decodeMessage } from "~/services/domain-error";

export type ReplyData = { result: unknown } | undefined;

/** The reply to the form of `intent` (or to the page's only form): its errors and the values sent. */
export function formReply(data: ReplyData, intent?: string) {
  const result = data?.result as SubmissionResult<string[]> | undefined;
  const values = (result?.initialValue ?? {}) as Record<string, unknown>;
  const mine = result && (intent == null || values.intent === intent) ? result : undefined;
  const errors = (mine?.error ?? {}) as Record<string, string[] | null | undefined>;
  return {
    /** The first error message of a field ("" for the form as a whole). */
    error: (name: string): string | undefined => errors[name]?.[0] ?? undefined,
    /** The value sent in a field (to show it again), or undefined. */
    value: (name: string): string | undefined => (mine && typeof values[name] === "string" ? (values[name] as string) : undefined),
    /** Fields with an error, in the given order ("" first: the form's own). */
    failed: (order: readonly string[]) => order.filter((name) => errors[name]?.length),
    hasErrors: Object.values(errors).some((e) => e?.length),
  };
}
export type FormReply = ReturnType<typeof formReply>;

/** An error code (with params) as text: an i18n key of "plans" (or "ns:key"); a message of zod's own as "invalid". */
export function errorText(t: TFunction<"plans">, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const { code, params } = decodeMessage(message);
  return code.startsWith("errors.") || code.includes(":") ? translateCode(t, "plans", code, params) : t("errors.invalid");
}
