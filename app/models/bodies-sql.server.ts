/**
 * The SQL side of app/models/access.ts: which bodies are open on a day, which memberships are
 * current on a day (the same half-open terms, [from, to), null = open).
 */
import { and, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import { bodies, bodyMemberships } from "../../db/schema";

/** Bodies open on `day` (YYYY-MM-DD): established on or before it, not closed on or before it. */
export const openBodyOn = (day: string): SQL => and(or(isNull(bodies.establishedOn), lte(bodies.establishedOn, day)), or(isNull(bodies.closedOn), gt(bodies.closedOn, day))) as SQL;

/** Memberships current on `day`. */
export const currentMembershipOn = (day: string): SQL =>
  and(or(isNull(bodyMemberships.startsOn), lte(bodyMemberships.startsOn, day)), or(isNull(bodyMemberships.endsOn), gt(bodyMemberships.endsOn, day))) as SQL;
