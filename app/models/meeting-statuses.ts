/**
 * The meetings' statuses from the schema's enums (db/schema/cases.ts), browser-safe: only types
 * come from the schema; a list the UI needs (the follow-up statuses of a select) is written once
 * here and checked against its enum in both directions at compile time (a renamed or added value
 * fails the type check).
 */
import type { followUpStatus, minutesStatus } from "../../db/schema";

export type MinutesStatus = (typeof minutesStatus.enumValues)[number];
export type FollowUpStatus = (typeof followUpStatus.enumValues)[number];

/** The list must name every value of the enum (and nothing else: `readonly Enum[]`). */
const allOf =
  <Enum extends string>() =>
  <const List extends readonly Enum[]>(list: List & ([Enum] extends [List[number]] ? unknown : { missing: Exclude<Enum, List[number]> })) =>
    list as List;

export const FOLLOW_UP_STATUSES = allOf<FollowUpStatus>()(["open", "in_progress", "done"]);

/** Minutes that are approved or published lock the agenda. */
export const isMinutesLocked = (status: MinutesStatus) => status === "approved" || status === "published";
