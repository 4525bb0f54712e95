/**
 * conform's useForm for one of a page's several forms (one per intent, some per agenda item):
 * the action's reply goes to the form that was submitted, found by its intent and item.
 */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { submitted } from "./messages";

/** Every field the meeting pages' forms have (each form uses a few). */
type MeetingFormFields = Partial<
  Record<
    | "intent"
    | "version"
    | "itemId"
    | "taskId"
    | "caseId"
    | "title"
    | "presenter"
    | "slotStart"
    | "durationMinutes"
    | "handling"
    | "decision"
    | "toMeetingId"
    | "what"
    | "responsible"
    | "ownerId"
    | "dueDate"
    | "status"
    | "direction"
    | "intro"
    | "confirm"
    | "date"
    | "time"
    | "endTime"
    | "location"
    | "videoLink",
    string | number | null
  >
>;

export function useIntentForm(
  id: string,
  lastResult: SubmissionResult<string[]> | null | undefined,
  match: { intent: string; itemId?: number; taskId?: number },
  defaultValue?: MeetingFormFields,
) {
  const mine =
    lastResult != null &&
    submitted(lastResult, "intent") === match.intent &&
    (match.itemId == null || submitted(lastResult, "itemId") === String(match.itemId)) &&
    (match.taskId == null || submitted(lastResult, "taskId") === String(match.taskId));
  return useForm<MeetingFormFields>({ id, lastResult: mine ? lastResult : null, defaultValue });
}
