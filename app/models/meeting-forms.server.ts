/**
 * The forms of the bodies' meetings as zod schemas (conform's parseWithZod in the routes): a new
 * meeting, the meeting page's intents (one discriminated union on `intent`) and the minutes page's.
 * Messages are i18n keys of cases-secretariat; the free-text rule (text-rules.server.ts) guards
 * every text. The domain operations in meetings.server.ts take what these schemas give.
 */
import type { KeysUnder, MessageKey } from "~/i18n";
import { z } from "zod";
// The codes name keys of this namespace; its messages come with the pages that show them.
import "~/i18n/cases-secretariat";
import { isClockTime, isIsoDate } from "~/services/oslo-time";
import { isUuid, parseId } from "~/services/ids";
import { FOLLOW_UP_STATUSES } from "./meeting-statuses";
import { freeText, freeTextRule } from "./text-rules.server";

/** A meeting error code: an i18n key in cases-secretariat's `meeting.errors` block. */
export type MeetingErrorCode = KeysUnder<"cases-secretariat", "meeting.errors.">;
export const meetingError = (key: MeetingErrorCode): MessageKey => `cases-secretariat:meeting.errors.${key}`;
const M = meetingError;

/** A required string with one message for missing, wrong type and failed check. */
const requiredString = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim();

/** A database id from a form field ("42"); anything else is the message. */
export const idField = (message: string) =>
  requiredString(message).transform((value, ctx) => {
    const id = parseId(value);
    if (id == null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });

/** An optional text checked by `check` when given ("" when left out). */
const optionalChecked = (check: (v: string) => boolean, message: string) =>
  z
    .string({ invalid_type_error: message })
    .trim()
    .refine((v) => v === "" || check(v), message)
    .optional()
    .default("");

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------------------------------------
// A new meeting (utval.$slug.moter.ny)

/** A meeting's facts: the new-meeting form and the meeting page's edit form. */
const meetingFields = {
  title: freeText({ max: 200, singleLine: true, messages: { tooLong: M("titleTooLong") } }),
  date: requiredString(M("date")).refine(isIsoDate, M("date")),
  time: requiredString(M("time")).refine(isClockTime, M("time")),
  endTime: optionalChecked(isClockTime, M("time")),
  location: freeText({ max: 300, singleLine: true, messages: { tooLong: M("tooLong") } }),
  videoLink: z
    .string({ invalid_type_error: M("videoLink") })
    .trim()
    .max(500, M("videoLink"))
    .superRefine(freeTextRule({ singleLine: true }))
    .refine((v) => v === "" || isHttpUrl(v), M("videoLink"))
    .optional()
    .default(""),
};

export const newMeetingSchema = z.object(meetingFields).superRefine((v, ctx) => {
  if (v.endTime && isClockTime(v.time ?? "") && v.endTime <= v.time) ctx.addIssue({ code: "custom", path: ["endTime"], message: M("endBeforeStart") });
  if (!v.location && !v.videoLink) ctx.addIssue({ code: "custom", path: ["location"], message: M("placeRequired") });
});
export type NewMeetingInput = z.infer<typeof newMeetingSchema>;

// ---------------------------------------------------------------------------------------------
// The meeting page (utval.$slug.moter.$meetingId._index): one schema, one branch per intent

const version = idField(M("versionRequired"));
const confirmed = z.literal("yes", { errorMap: () => ({ message: M("confirmRequired") }) });
const itemId = idField(M("notFound"));

/** Time slot and presenter of an agenda item. */
const slot = {
  presenter: freeText({ max: 200, singleLine: true, messages: { tooLong: M("presenterTooLong") } }),
  slotStart: optionalChecked(isClockTime, M("slotInvalid")),
  durationMinutes: optionalChecked((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 600, M("durationInvalid")).transform((v) => (v ? Number(v) : null)),
};
export type SlotInput = { presenter: string; slotStart: string; durationMinutes: number | null };

export const addCaseSchema = z.object({
  intent: z.literal("add_case"),
  version,
  caseId: requiredString(M("unknownCase")).uuid(M("unknownCase")),
  ...slot,
});
export const addOrientationSchema = z.object({
  intent: z.literal("add_orientation"),
  version,
  title: freeText({ max: 300, required: true, singleLine: true, messages: { required: M("titleRequired"), tooLong: M("titleTooLong") } }),
  ...slot,
});
export const updateItemSchema = z.object({
  intent: z.literal("update_item"),
  version,
  itemId,
  /** Only an orientation item's title can change; left out (or blank) it stays. */
  title: freeText({ max: 300, singleLine: true, messages: { tooLong: M("titleTooLong") } }),
  ...slot,
});
export const moveItemSchema = z.object({
  intent: z.literal("move"),
  version,
  itemId,
  direction: z.enum(["up", "down"], { errorMap: () => ({ message: M("direction") }) }),
});
/** Removing an item asks first (the page's ConfirmBox; checked here too). */
export const removeItemSchema = z.object({ intent: z.literal("remove"), version, itemId, confirm: confirmed });
export const recordOutcomeSchema = z.object({
  intent: z.literal("record"),
  version,
  itemId,
  handling: freeText({ max: 20_000, messages: { tooLong: M("textTooLong") } }),
  decision: freeText({ max: 20_000, required: true, messages: { required: M("decisionRequired"), tooLong: M("textTooLong") } }),
});
export const deferItemSchema = z.object({ intent: z.literal("defer"), version, itemId, toMeetingId: idField(M("unknownMeeting")) });
export const addTaskSchema = z.object({
  intent: z.literal("add_task"),
  version,
  itemId,
  what: freeText({ max: 2000, required: true, singleLine: true, messages: { required: M("whatRequired"), tooLong: M("whatRequired") } }),
  /** Left empty, the owner's name is used; one of the two is required (meetings.server.ts). */
  responsible: freeText({ max: 200, singleLine: true, messages: { tooLong: M("responsibleRequired") } }),
  ownerId: optionalChecked(isUuid, M("unknownOwner")),
  dueDate: optionalChecked(isIsoDate, M("dueDateInvalid")),
});
export const taskStatusSchema = z.object({
  intent: z.literal("task_status"),
  version,
  taskId: idField(M("notFound")),
  status: z.enum(FOLLOW_UP_STATUSES, { errorMap: () => ({ message: M("unknownStatus") }) }),
});

/**
 * Editing a meeting's facts (until its minutes are approved). The checks across fields (end after
 * start, a place or a link) are the operation's (updateMeeting), on their fields.
 */
export const editMeetingSchema = z.object({ intent: z.literal("edit_meeting"), version, ...meetingFields });
/** Cancelling a meeting ("Avlyst"), after a confirmation. */
export const cancelMeetingSchema = z.object({ intent: z.literal("cancel_meeting"), version, confirm: confirmed });
/** "Publiser sakslista": numbers in agenda order, after a confirmation. */
export const publishAgendaSchema = z.object({ intent: z.literal("publish_agenda"), version, confirm: confirmed });

export const meetingPageSchema = z.discriminatedUnion(
  "intent",
  [
    addCaseSchema,
    addOrientationSchema,
    updateItemSchema,
    moveItemSchema,
    removeItemSchema,
    recordOutcomeSchema,
    deferItemSchema,
    addTaskSchema,
    taskStatusSchema,
    publishAgendaSchema,
    editMeetingSchema,
    cancelMeetingSchema,
  ],
  { errorMap: () => ({ message: M("unknownAction") }) },
);
export type MeetingPageInput = z.infer<typeof meetingPageSchema>;

// ---------------------------------------------------------------------------------------------
// The minutes page (utval.$slug.moter.$meetingId.referat)

const confirm = z.literal("yes", { errorMap: () => ({ message: M("confirmRequired") }) });
export const minutesPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("save_intro"), version, intro: freeText({ max: 20_000, messages: { tooLong: M("textTooLong") } }) }),
    z.object({ intent: z.literal("approve"), version, confirm }),
    z.object({ intent: z.literal("publish"), version, confirm }),
  ],
  { errorMap: () => ({ message: M("unknownAction") }) },
);
