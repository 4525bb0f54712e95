/**
 * The meetings' status lists from the schema's enums (db/schema/cases.ts), browser-safe: only
 * types come from the schema, so the lists are written once here and checked against the enums
 * in both directions at compile time (a renamed or added value fails the type check).
 */
import type { agendaOutcome, followUpStatus, meetingStatus, minutesStatus } from "../../db/schema";

export type MeetingStatus = (typeof meetingStatus.enumValues)[number];
export type MinutesStatus = (typeof minutesStatus.enumValues)[number];
export type AgendaOutcome = (typeof agendaOutcome.enumValues)[number];
export type FollowUpStatus = (typeof followUpStatus.enumValues)[number];

/** The list must name every value of the enum (and nothing else: `readonly Enum[]`). */
const allOf =
  <Enum extends string>() =>
  <const List extends readonly Enum[]>(list: List & ([Enum] extends [List[number]] ? unknown : { missing: Exclude<Enum, List[number]> })) =>
    list as List;

export const MEETING_STATUSES = allOf<MeetingStatus>()(["planned", "held", "cancelled"]);
export const MINUTES_STATUSES = allOf<MinutesStatus>()(["none", "draft", "approved", "published"]);
export const AGENDA_OUTCOMES = allOf<AgendaOutcome>()(["pending", "decided", "deferred"]);
export const FOLLOW_UP_STATUSES = allOf<FollowUpStatus>()(["open", "in_progress", "done"]);

/** Minutes that are approved or published lock the agenda. */
export const isMinutesLocked = (status: MinutesStatus) => status === "approved" || status === "published";
