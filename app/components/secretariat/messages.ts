/**
 * Messages of refused forms on the secretariat's pages: conform's errors are message codes
 * ("code|params", docs/decisions/009-one-feature-contract.md) that the page translates.
 */
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "~/i18n/react";
import { translateCode, type Namespace } from "~/i18n";
import { decodeMessage } from "~/services/domain-error";

/** `t` for message codes: the first of a field's errors, translated with its params. */
export function useMessages<N extends Namespace>(ns: N) {
  const { t } = useTranslation(ns);
  const message = (encoded: string) => {
    const { code, params } = decodeMessage(encoded);
    return translateCode(t, ns, code, params);
  };
  return {
    t,
    message,
    /** The first error of a field as text, or undefined. */
    first: (errors: string[] | undefined | null) => (errors?.[0] ? message(errors[0]) : undefined),
  };
}

/** Every error of a submission's reply, in field order (form errors under the key ""). */
export function allErrors(result: SubmissionResult<string[]> | undefined | null): string[] {
  return Object.values(result?.error ?? {}).flatMap((e) => e ?? []);
}

/** The intent a reply answers (the form's hidden `intent`), to show its errors on that form only. */
export function replyIntent(result: SubmissionResult<string[]> | undefined | null): string | undefined {
  const intent = result?.initialValue?.intent;
  return typeof intent === "string" ? intent : undefined;
}
