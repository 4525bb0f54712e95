/**
 * Who acts: the signed-in user as domain code sees them (docs/decisions/009-one-feature-contract.md).
 * Routes get it from the session (app/http/session.server.ts) and pass it as the first argument
 * of every domain operation; domain code never reads a cookie to find it.
 */
import type { membershipPosition, userRole } from "../../db/schema";
import type { Actor as AuditActor } from "~/services/audit.server";

export type Role = (typeof userRole.enumValues)[number];
export type MembershipPosition = (typeof membershipPosition.enumValues)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The parties the user acts for (a reporter: the checklists they fill in), sorted. */
  partyNumbers: string[];
  /** Bodies the user is a member of, with the position there. */
  memberships: { bodyId: number; slug: string; kind: string; position: MembershipPosition }[];
  sessionId: string;
  sessionExpiresAt: string;
}

/** The audit trail's actor for a user: their id and, as written at the time, their name. */
export const actorOf = (user: Pick<SessionUser, "id" | "name">): AuditActor => ({ id: user.id, label: user.name });
