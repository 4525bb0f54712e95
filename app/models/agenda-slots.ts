/**
 * Time slots of an agenda (browser-safe, no database): the next free slot the add forms suggest,
 * items that share a start time (flagged on the meeting page) and the label of an item's outcome.
 */
import type { agendaItemKind, agendaOutcome } from "../../db/schema";

type Kind = (typeof agendaItemKind.enumValues)[number];
type Outcome = (typeof agendaOutcome.enumValues)[number];
type Slotted = { id: number; slotStart: string; durationMinutes: number | null; outcome: Outcome };

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const isSlot = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

/**
 * The next free time slot: the end of the item that ends last (its start plus its duration, or its
 * start when it has no duration), else the meeting's start time. Deferred markers take no time.
 * "" when it would pass midnight.
 */
export function nextFreeSlot(items: readonly Slotted[], meetingStart: string): string {
  let end: number | null = null;
  for (const i of items) {
    if (i.outcome === "deferred" || !isSlot(i.slotStart)) continue;
    const e = toMinutes(i.slotStart) + (i.durationMinutes ?? 0);
    if (end == null || e > end) end = e;
  }
  if (end == null) return isSlot(meetingStart) ? meetingStart : "";
  return end < 24 * 60 ? toClock(end) : "";
}

/** For each item, the ids of the other items that start at the same time (deferred markers left out). */
export function sameTimeAs(items: readonly Slotted[]): Map<number, number[]> {
  const byStart = new Map<string, number[]>();
  for (const i of items) {
    if (i.outcome === "deferred" || !i.slotStart) continue;
    byStart.set(i.slotStart, [...(byStart.get(i.slotStart) ?? []), i.id]);
  }
  const clashes = new Map<number, number[]>();
  for (const ids of byStart.values()) {
    if (ids.length < 2) continue;
    for (const id of ids)
      clashes.set(
        id,
        ids.filter((other) => other !== id),
      );
  }
  return clashes;
}

/** The outcome as the agenda and minutes name it: an orientation item is "noted" (Teke til orientering), not "decided". */
export type OutcomeLabel = Outcome | "noted";
export const outcomeLabel = (kind: Kind, outcome: Outcome): OutcomeLabel => (kind === "orientation" && outcome === "decided" ? "noted" : outcome);
