/**
 * Pieces of the public case form's page (app/routes/saker.ny.tsx): message translation for the
 * form's "code:n" errors, the required mark, a fieldset, the error summary's field order and the
 * browser-side field check's element test.
 */
import type { ReactNode } from "react";
import "~/i18n/cases-public";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import { QUESTION_FIELDS, splitMessage } from "~/models/case-form";

export function useErrorText() {
  const { t } = useTranslation("cases-public");
  return (error: string | null | undefined) => {
    if (!error) return undefined;
    const [key, params] = splitMessage(error);
    return translateCode(t, "cases-public", key, params);
  };
}

export function Required() {
  const { t } = useTranslation("cases-public");
  return <span aria-hidden="true">{t("form.requiredMark")}</span>;
}

export function Fieldset({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="ds-fieldset case-form__group">
      <legend className="ds-heading" data-size="xs">
        {legend}
      </legend>
      <div className="stack">{children}</div>
    </fieldset>
  );
}

/** Field order for the error summary: the order of the form. */
export const SUMMARY_ORDER = [
  "",
  "idempotencyKey",
  "title",
  "submitterName",
  "submitterOrg",
  "submitterEmail",
  "submitterPhone",
  "partyNumber",
  "submitterDate",
  "submitterRef",
  "background",
  "urgency",
  ...QUESTION_FIELDS,
  "referencesText",
  "agreementPoints",
  "attachments",
] as const;

export type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
export const isField = (el: EventTarget | null): el is Field => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
