/**
 * Which user an organisational identity (OpenID Connect) signs in as (docs/decisions/015-oidc-sign-in.md).
 *
 * - An identity already linked — found by (issuer, subject) in user_identities — is that user,
 *   if the user is still active.
 * - Otherwise it is linked once to the active user whose e-mail address the provider vouches for
 *   (`email_verified` true), and found by (issuer, subject) from then on.
 * - Nobody else gets in, and no account is created: an unknown identity, an address the provider
 *   has not verified, or a user who already has another identity at this issuer is refused with
 *   "ask the secretariat for access"; a deactivated user is refused as deactivated.
 *
 * The one actor here is the identity itself: nobody is signed in yet. Tokens, e-mail addresses and
 * names never reach the log; the audit trail gets the user's id, the provider and the outcome.
 */
import { and, eq } from "drizzle-orm";
import { db } from "../../db/client";
import { userIdentities, users } from "../../db/schema";
import { writeAudit } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import type { OidcIdentity } from "~/services/oidc.server";

export type IdentityRefusal = "login.oidc.unknown" | "login.oidc.emailNotVerified" | "login.oidc.deactivated";

const refuse = (code: IdentityRefusal, reason: string) => new DomainError(code, { reason }, { kind: "forbidden" });

/** The user the identity signs in as, linking it on first use; throws a forbidden DomainError otherwise. */
export async function userForIdentity(identity: OidcIdentity, now = new Date()): Promise<{ id: string; linked: boolean }> {
  return db().transaction(async (tx) => {
    const [known] = await tx
      .select({ id: users.id, name: users.name, active: users.active })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject)))
      .limit(1);
    if (known) {
      if (!known.active) throw refuse("login.oidc.deactivated", "deactivated");
      await tx
        .update(userIdentities)
        .set({ lastSignInAt: now })
        .where(and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject)));
      await writeAudit({ actor: { id: known.id, label: known.name }, action: "login.oidc", entityType: "user", entityId: known.id, after: { provider: identity.provider } }, tx);
      return { id: known.id, linked: false };
    }
    if (!identity.email || !identity.emailVerified) throw refuse("login.oidc.emailNotVerified", identity.email ? "email_not_verified" : "no_email");
    const [user] = await tx.select({ id: users.id, name: users.name, active: users.active }).from(users).where(eq(users.email, identity.email)).limit(1);
    if (!user) throw refuse("login.oidc.unknown", "no_user");
    if (!user.active) throw refuse("login.oidc.deactivated", "deactivated");
    const inserted = await tx
      .insert(userIdentities)
      .values({ issuer: identity.issuer, subject: identity.subject, userId: user.id, provider: identity.provider, linkedAt: now, lastSignInAt: now })
      .onConflictDoNothing()
      .returning({ userId: userIdentities.userId });
    if (inserted.length === 0) {
      // A conflict: the same identity linked a moment ago by a parallel sign-in is fine; a user who
      // already has another subject at this issuer is not linked a second time.
      const [existing] = await tx
        .select({ userId: userIdentities.userId })
        .from(userIdentities)
        .where(and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject)));
      if (existing?.userId !== user.id) throw refuse("login.oidc.unknown", "other_subject");
    }
    const actor = { id: user.id, label: user.name };
    await writeAudit({ actor, action: "user.identity_linked", entityType: "user", entityId: user.id, after: { provider: identity.provider, issuer: identity.issuer } }, tx);
    await writeAudit({ actor, action: "login.oidc", entityType: "user", entityId: user.id, after: { provider: identity.provider } }, tx);
    return { id: user.id, linked: true };
  });
}
