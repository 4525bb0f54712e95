/**
 * The forms of /admin/utval and /admin/utval/<slug> as zod schemas (conform's parseWithZod in the
 * routes; a discriminated union on `intent` per page). Messages are keys of the `bodies` namespace;
 * the free-text rule guards every text. The operations in bodies.server.ts take what these give.
 */
import { z } from "zod";
import type { KeysUnder, MessageKey } from "~/i18n";
import "~/i18n/bodies";
import { PARTY_NUMBER } from "~/services/ids";
import { isIsoDate } from "~/services/oslo-time";
import { CREATABLE_BODY_KINDS, MEMBERSHIP_ROLES } from "./access";
import { idField } from "./meeting-forms.server";
import { freeText } from "./text-rules.server";

/** A key of the bodies namespace's `errors` block. */
export type BodyErrorCode = KeysUnder<"bodies", "errors.">;
/** A code of the bodies namespace's `errors` block. */
export const bodyError = (key: BodyErrorCode): MessageKey => `bodies:errors.${key}`;
const E = bodyError;

const date = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().refine(isIsoDate, message);
const optionalDate = (message: string) =>
  z
    .string({ invalid_type_error: message })
    .trim()
    .refine((v) => v === "" || isIsoDate(v), message)
    .optional()
    .transform((v) => v || null);
const version = z.coerce
  .number({ invalid_type_error: E("stale") })
  .int(E("stale"))
  .positive(E("stale"));
const confirm = z.literal("yes", { errorMap: () => ({ message: E("confirmRequired") }) });

const shortName = freeText({ max: 80, singleLine: true, required: true, messages: { required: E("shortNameRequired"), tooLong: E("tooLong") } });
const nameField = freeText({ max: 200, singleLine: true, required: true, messages: { required: E("nameRequired"), tooLong: E("tooLong") } });
const descriptionField = freeText({ max: 2000, messages: { tooLong: E("tooLong") } });

/** The texts of a body: short name, name and description in nn/nb/en (nb and en fall back to nn when left empty). */
const bodyTexts = {
  shortName,
  name_nn: nameField,
  name_nb: freeText({ max: 200, singleLine: true, messages: { tooLong: E("tooLong") } }),
  name_en: freeText({ max: 200, singleLine: true, messages: { tooLong: E("tooLong") } }),
  description_nn: descriptionField,
  description_nb: descriptionField,
  description_en: descriptionField,
};

export const bodiesPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      kind: z.enum(CREATABLE_BODY_KINDS, { errorMap: () => ({ message: E("kindRequired") }) }),
      establishedOn: date(E("date")),
      ...bodyTexts,
    }),
  ],
  { errorMap: () => ({ message: E("unknownAction") }) },
);

const represents = {
  representsParty: z
    .string()
    .trim()
    .max(10, E("unknownParty"))
    .refine((v) => v === "" || PARTY_NUMBER.test(v), E("unknownParty"))
    .optional()
    .transform((v) => v || null),
  representsOrganisation: freeText({ max: 200, singleLine: true, messages: { tooLong: E("tooLong") } }),
};
const membershipRole = z.enum(MEMBERSHIP_ROLES, { errorMap: () => ({ message: E("roleRequired") }) });

export const bodyPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("update"), ...bodyTexts }),
    z.object({ intent: z.literal("close"), closedOn: date(E("date")), confirm }),
    z.object({
      intent: z.literal("add"),
      email: z
        .string({ required_error: E("emailRequired") })
        .trim()
        .toLowerCase()
        .min(1, E("emailRequired"))
        .max(254, E("unknownUser"))
        .email(E("unknownUser")),
      role: membershipRole,
      startsOn: date(E("date")),
      endsOn: optionalDate(E("date")),
      ...represents,
    }),
    z.object({
      intent: z.literal("edit"),
      membershipId: idField(E("notFound")),
      version,
      role: membershipRole,
      startsOn: date(E("date")),
      endsOn: optionalDate(E("date")),
      ...represents,
    }),
    z.object({ intent: z.literal("end"), membershipId: idField(E("notFound")), version, endsOn: date(E("date")), confirm }),
  ],
  { errorMap: () => ({ message: E("unknownAction") }) },
);

export type BodyPageInput = z.infer<typeof bodyPageSchema>;
