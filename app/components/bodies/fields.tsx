/**
 * Form pieces of /admin/utval: the texts of a body (short name, name and description in nn/nb/en),
 * a confirmation checkbox, a status message after a change, and the reply-to-form matching.
 */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { TextArea, TextField } from "~/components/form";
import { useMessages } from "~/components/secretariat/messages";
import { useFormatters } from "~/components/secretariat";
import "~/i18n/bodies";

export type Reply = SubmissionResult<string[]> | null | undefined;
type Fields = Record<string, { name: string; initialValue?: unknown; errors?: string[] }>;

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The value a reply carries for a field (what the user typed), as text. */
export const submitted = (result: Reply, name: string) => text((result?.initialValue as Record<string, unknown> | null | undefined)?.[name]);

/** conform's useForm for one of the page's forms: the reply goes to the form whose intent (and membership) it answers. */
export function useReplyForm(id: string, result: Reply, intent: string, membershipId?: number) {
  const mine = result != null && submitted(result, "intent") === intent && (membershipId == null || submitted(result, "membershipId") === String(membershipId));
  return useForm({ id, lastResult: mine ? result : null });
}

export interface BodyTextValues {
  shortName: string;
  name: { nn: string; nb: string; en: string };
  description: { nn: string; nb: string; en: string };
}

/** Short name, name ×3 and description ×3; `prefix` keeps ids unique on the page. */
export function BodyTextFields({ prefix, fields, values }: { prefix: string; fields: Fields; values?: BodyTextValues }) {
  const { t, first } = useMessages("bodies");
  const value = (name: string, stored?: string) => text(fields[name]?.initialValue) ?? stored ?? "";
  const f = (name: string) => ({ id: `${prefix}-${name}`, name, error: first(fields[name]?.errors) });
  return (
    <>
      <TextField
        {...f("shortName")}
        label={t("create.shortName")}
        description={t("create.shortNameHelp")}
        defaultValue={value("shortName", values?.shortName)}
        required
        maxLength={80}
      />
      <TextField {...f("name_nn")} label={t("texts.name_nn")} defaultValue={value("name_nn", values?.name.nn)} required maxLength={200} />
      <TextField {...f("name_nb")} label={t("texts.name_nb")} description={t("texts.fallback")} defaultValue={value("name_nb", values?.name.nb)} maxLength={200} />
      <TextField {...f("name_en")} label={t("texts.name_en")} description={t("texts.fallback")} defaultValue={value("name_en", values?.name.en)} maxLength={200} />
      <TextArea {...f("description_nn")} label={t("texts.description_nn")} defaultValue={value("description_nn", values?.description.nn)} maxLength={2000} />
      <TextArea
        {...f("description_nb")}
        label={t("texts.description_nb")}
        description={t("texts.fallback")}
        defaultValue={value("description_nb", values?.description.nb)}
        maxLength={2000}
      />
      <TextArea
        {...f("description_en")}
        label={t("texts.description_en")}
        description={t("texts.fallback")}
        defaultValue={value("description_en", values?.description.en)}
        maxLength={2000}
      />
    </>
  );
}

/** The form-level errors of a reply (not tied to a field), announced. */
export function FormErrors({ errors }: { errors?: string[] }) {
  const { message } = useMessages("bodies");
  if (!errors?.length) return null;
  return (
    <div className="ds-alert" data-color="danger" role="alert">
      {errors.map((e) => (
        <p className="ds-paragraph" key={e}>
          {message(e)}
        </p>
      ))}
    </div>
  );
}

/** A confirmation after a change (?ok=<key>), announced politely. */
export function Done({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="ds-alert" data-color="success" role="status">
      <p className="ds-paragraph">{message}</p>
    </div>
  );
}

/** A period or term as "1 Jan 2024 – " or "1 Jan 2024 – 1 Mar 2026" (the end day is the first day outside). */
export function usePeriod() {
  const f = useFormatters();
  return (from: string | null, to: string | null) => `${from ? f.day(from) : "…"} – ${to ? f.day(to) : ""}`.trim();
}
