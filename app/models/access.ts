/**
 * Access derives from membership (docs/decisions/014-access-from-membership.md): small pure
 * functions over the signed-in user's current memberships, shared by the domain modules and the
 * pages (browser-safe: only types come from the schema).
 *
 * - The secretariat (users.role) reaches every case.
 * - The SSU leader and deputy leader (current memberships with role leader / deputy_leader in the
 *   SSU body) reach the cases under assessment and give their advice (guideline point 3).
 * - Members of a body (any role in it) read that body's cases, meetings and documents.
 * - Members of the body that owns a plan (or a goal of it) edit the plan.
 *
 * A membership counts on the days of its term [startsOn, endsOn) (half-open; null = open), in Oslo
 * time; the session loads only the memberships current today, so one that ended yesterday gives
 * no access today.
 */
import type { bodyKind, membershipRole, userRole } from "../../db/schema";

export type MembershipRole = (typeof membershipRole.enumValues)[number];
export type BodyKind = (typeof bodyKind.enumValues)[number];
type UserRole = (typeof userRole.enumValues)[number];

/** The list must name every value of the enum (and nothing else). */
export const allOf =
  <Enum extends string>() =>
  <const List extends readonly Enum[]>(list: List & ([Enum] extends [List[number]] ? unknown : { missing: Exclude<Enum, List[number]> })) =>
    list as List;

/** leiar, nestleiar, medlem, vara, brukarrepresentant, observatør, sekretær (labels: app/i18n/bodies.ts). */
export const MEMBERSHIP_ROLES = allOf<MembershipRole>()(["leader", "deputy_leader", "member", "substitute", "user_representative", "observer", "secretary"]);

/** The kinds an admin may create (the joint secretariat is one body, seeded). */
export const CREATABLE_BODY_KINDS = ["partnership_meeting", "ssu", "fsu", "lsu"] as const satisfies readonly BodyKind[];

/** A term or period: [from, to) as ISO dates, null = open at that end. */
export interface Term {
  startsOn: string | null;
  endsOn: string | null;
}

/** True when `today` (YYYY-MM-DD, Oslo) lies in the half-open term. */
export const isCurrentTerm = (term: Term, today: string) => (term.startsOn == null || term.startsOn <= today) && (term.endsOn == null || today < term.endsOn);

/** A body is open from its establishment until the day it closes (exclusive). */
export const isBodyOpen = (body: { establishedOn: string | null; closedOn: string | null }, today: string) =>
  isCurrentTerm({ startsOn: body.establishedOn, endsOn: body.closedOn }, today);

/** A membership as the session carries it (only current ones). */
export interface CurrentMembership {
  bodyId: number;
  slug: string;
  kind: BodyKind;
  role: MembershipRole;
}

/** Who is asking: a SessionUser fits. */
export interface AccessUser {
  role: UserRole;
  memberships: readonly CurrentMembership[];
}

type Maybe = AccessUser | null | undefined;

export const isSecretariat = (u: Maybe) => u?.role === "secretariat";

/** SSU leader and deputy leader: help the secretariat decide where a case goes (guideline point 3). */
export const isSsuLeadership = (u: Maybe) => Boolean(u?.memberships.some((m) => m.kind === "ssu" && (m.role === "leader" || m.role === "deputy_leader")));

/** A current member of the body, in any role. */
export const isMemberOfBody = (u: Maybe, bodyId: number | null | undefined) => bodyId != null && Boolean(u?.memberships.some((m) => m.bodyId === bodyId));

/** Who reaches the secretariat's inbox of cases: the secretariat, and SSU's leadership (assessment only). */
export const canReachAssessment = (u: Maybe) => isSecretariat(u) || isSsuLeadership(u);

/** Internal pages of a body (its cases, unpublished agendas and minutes): the secretariat and the body's members. */
export const canReadBodyInternals = (u: Maybe, bodyId: number) => isSecretariat(u) || isMemberOfBody(u, bodyId);

/** The secretariat, or a member of the plan's owning body (or of the goal's body). */
export const canEditPlan = (u: Maybe, plan: { ownerBodyId: number | null }, goalBodyId?: number | null) =>
  isSecretariat(u) || isMemberOfBody(u, plan.ownerBodyId) || isMemberOfBody(u, goalBodyId);
