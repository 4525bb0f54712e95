/**
 * Error messages of the meeting pages: codes (i18n keys, "code|params" as conform carries them)
 * translated in the reader's language, next to the field and announced in one alert per page.
 */
import { ReloadLink } from "~/components/reload-link";
import type { SubmissionResult } from "@conform-to/react";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { decodeMessage } from "~/services/domain-error";

/** What the forms read of a conform field: its name, the value to show and its messages. */
export type FieldLike = { name: string; initialValue?: unknown; errors?: string[] };

/** A field's value to show again (the submitted one after a refusal, else the stored one). */
export const initialText = (field: FieldLike) => (typeof field.initialValue === "string" || typeof field.initialValue === "number" ? String(field.initialValue) : "");

/** Translates the first of a field's messages (conform's `field.errors`). */
export function useMessage() {
  const { t } = useTranslation("cases-secretariat");
  return (messages: string | string[] | null | undefined) => {
    const message = Array.isArray(messages) ? messages[0] : messages;
    if (!message) return undefined;
    const { code, params } = decodeMessage(message);
    return translateCode(t, "cases-secretariat", code, params);
  };
}

/** The submitted value of a field in a reply (conform's initialValue), as text. */
export function submitted(result: Pick<SubmissionResult<string[]>, "initialValue"> | null | undefined, name: string): string | undefined {
  const value = (result?.initialValue as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}

const isStale = (message: string) => /meeting\.errors\.stale/.test(decodeMessage(message).code);

/** Every message of a refused action in one announced alert (role=alert), with a reload link when the page is stale. */
export function ActionErrors({ result }: { result: Pick<SubmissionResult<string[]>, "error"> | null | undefined }) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const messages = [...new Set(Object.values(result?.error ?? {}).flatMap((m) => m ?? []))];
  if (messages.length === 0) return null;
  return (
    <div className="ds-alert" data-color="danger" role="alert">
      {messages.map((m) => (
        <p className="ds-paragraph" key={m}>
          {message(m)}
        </p>
      ))}
      {messages.some(isStale) ? (
        <p className="ds-paragraph">
          <ReloadLink>{t("common.reload")}</ReloadLink>
        </p>
      ) : null}
    </div>
  );
}
