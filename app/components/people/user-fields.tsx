/** The fields of a user (name, e-mail, role, affiliations): the admin's create and edit forms. */
import type { Role } from "~/models/actor";
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/people";
import { SelectField, TextField } from "~/components/form";

/** The form's shape for conform (the zod schema lives in a .server module). */
export type UserFormShape = { name: string; email: string; role: string; parties: string[] };
type Fields = { name: FieldMetadata<string>; email: FieldMetadata<string>; role: FieldMetadata<string>; parties: FieldMetadata<string[]> };
export type UserFieldErrors = { name?: string; email?: string; role?: string; parties?: string };

export function UserFields({
  prefix,
  fields,
  errors,
  roles,
  parties,
  initial,
}: {
  prefix: string;
  fields: Fields;
  errors: UserFieldErrors;
  roles: readonly Role[];
  parties: { number: string; name: string }[];
  initial?: { name: string; email: string; role: string; parties: string[] };
}) {
  const { t } = useTranslation("people");
  const { t: tc } = useTranslation();
  const text = (f: FieldMetadata<string>, fallback?: string) => (typeof f.initialValue === "string" ? f.initialValue : fallback);
  const chosen = Array.isArray(fields.parties.initialValue) ? fields.parties.initialValue.filter((v): v is string => typeof v === "string") : initial?.parties;
  return (
    <>
      <TextField
        id={`${prefix}-name`}
        name={fields.name.name}
        label={t("form.name")}
        defaultValue={text(fields.name, initial?.name)}
        error={errors.name}
        maxLength={200}
        required
        autoComplete="off"
      />
      <TextField
        id={`${prefix}-email`}
        name={fields.email.name}
        type="email"
        label={t("form.email")}
        defaultValue={text(fields.email, initial?.email)}
        error={errors.email}
        maxLength={254}
        required
        autoComplete="off"
      />
      <SelectField
        id={`${prefix}-role`}
        name={fields.role.name}
        label={t("form.role")}
        defaultValue={text(fields.role, initial?.role ?? "reporter")}
        error={errors.role}
        options={roles.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
      />
      <SelectField
        id={`${prefix}-parties`}
        name={fields.parties.name}
        label={t("form.parties")}
        description={t("form.partiesHelp")}
        multiple
        size={8}
        defaultValue={chosen ?? []}
        error={errors.parties}
        options={parties.map((p) => ({ value: p.number, label: p.name }))}
      />
    </>
  );
}

/** The error summary's lines for these fields, in field order. */
export function fieldSummary(prefix: string, errors: UserFieldErrors) {
  return (["name", "email", "role", "parties"] as const).flatMap((k) => (errors[k] ? [{ id: `${prefix}-${k}`, message: errors[k] }] : []));
}
