/**
 * Who acts: the signed-in user as domain code sees them (docs/decisions/009-one-feature-contract.md).
 * Routes get it from the session (app/http/session.server.ts) and pass it as the first argument
 * of every domain operation; domain code never reads a cookie to find it.
 */
import type { userRole } from "../../db/schema";
import type { Actor as AuditActor } from "~/services/audit.server";
import type { CurrentMembership } from "./access";

export type Role = (typeof userRole.enumValues)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The parties the user acts for (a reporter: the checklists they fill in), sorted. */
  partyNumbers: string[];
  /** The user's memberships current today (Oslo), with the role in each body (app/models/access.ts). */
  memberships: CurrentMembership[];
  sessionId: string;
  sessionExpiresAt: string;
}

/** The audit trail's actor for a user: their id and, as written at the time, their name. */
export const actorOf = (user: Pick<SessionUser, "id" | "name">): AuditActor => ({ id: user.id, label: user.name });
