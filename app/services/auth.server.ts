/**
 * Password sign-in with remix-auth v4. remix-auth only authenticates; sessions are ours
 * (session.server.ts). Organisational sign-in (OpenID Connect) does not go through remix-auth but
 * through openid-client (app/services/oidc.server.ts, docs/decisions/015-oidc-sign-in.md); its
 * callback route calls the same createSession.
 */
import { eq } from "drizzle-orm";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { db } from "../../db/client";
import { users } from "../../db/schema";
import { verifyPassword } from "./password.server";

export interface AuthenticatedUser {
  id: string;
}

/** Thrown for any failed sign-in; its message never says whether the account exists. */
export class InvalidCredentials extends Error {
  constructor() {
    super("invalid_credentials");
  }
}

export function normaliseEmail(value: unknown): string {
  return typeof value === "string" ? value.trim().toLowerCase() : "";
}

export async function verifyLogin(email: string, password: string): Promise<AuthenticatedUser> {
  const [user] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  // verifyPassword runs even for an unknown e-mail, so timing does not reveal the account.
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !user.active || !ok) throw new InvalidCredentials();
  return { id: user.id };
}

export const authenticator = new Authenticator<AuthenticatedUser>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const email = form.get("email");
    const password = form.get("password");
    // Control characters (e.g. NUL, which PostgreSQL refuses in text) cannot be in an address.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (typeof email !== "string" || typeof password !== "string" || password.length > 1000 || email.length > 320 || /[\u0000-\u001f\u007f]/.test(email))
      throw new InvalidCredentials();
    return verifyLogin(email, password);
  }),
  "form",
);
