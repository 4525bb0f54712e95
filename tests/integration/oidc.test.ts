/**
 * Organisational sign-in (OpenID Connect) against a real provider started in the test
 * (tests/support/oidc-provider.ts: the `oidc-provider` package on a loopback port). The app's
 * routes are called as Remix calls them; the browser's part — following the provider's redirects
 * with its cookies — is done with fetch. No endpoint is mocked.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { auditLog, userIdentities, users } from "../../db/schema";
import { getSessionUser } from "~/http/session.server";
import { resetEnvForTests } from "~/services/env.server";
import { action as startAction } from "~/routes/logg-inn_.oidc.$provider";
import { loader as callbackLoader } from "~/routes/logg-inn_.oidc.$provider_.callback";
import { loader as loginLoader } from "~/routes/logg-inn";
import { useTestDatabase } from "../support/db";
import { BASE, formRequest, getRequest, run } from "../support/http";
import { followToCallback, startTestProvider, type TestProvider } from "../support/oidc-provider";
import { createAppHandler } from "../support/remix-app";

useTestDatabase();

const PROVIDER = "test";
const ENV_KEYS = ["OIDC_TEST_ISSUER", "OIDC_TEST_CLIENT_ID", "OIDC_TEST_CLIENT_SECRET", "OIDC_TEST_NAME"] as const;
let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider({ redirectUris: [`${BASE}/logg-inn/oidc/${PROVIDER}/callback`] });
  process.env.OIDC_TEST_ISSUER = op.issuer;
  process.env.OIDC_TEST_CLIENT_ID = op.clientId;
  process.env.OIDC_TEST_CLIENT_SECRET = op.clientSecret;
  process.env.OIDC_TEST_NAME = "Testleverandør";
  resetEnvForTests();
  await db()
    .insert(users)
    .values([
      { email: "kari.oidc@demo.no", name: "Kari OIDC", role: "committee_member" },
      { email: "deaktivert.oidc@demo.no", name: "Deaktivert OIDC", role: "reporter", active: false },
      { email: "ustadfesta.oidc@demo.no", name: "Ustadfesta OIDC", role: "reporter" },
    ]);
  op.accounts.set("kari-sub", { email: "Kari.OIDC@demo.no", email_verified: true, name: "Kari" });
  op.accounts.set("ukjend-sub", { email: "ukjend@kommune.no", email_verified: true });
  op.accounts.set("deaktivert-sub", { email: "deaktivert.oidc@demo.no", email_verified: true });
  op.accounts.set("ustadfesta-sub", { email: "ustadfesta.oidc@demo.no", email_verified: false });
});

afterAll(async () => {
  for (const key of ENV_KEYS) delete process.env[key];
  resetEnvForTests();
  await op.close();
});

afterEach(() => {
  vi.useRealTimers();
});

/** POST /logg-inn/oidc/test: the provider's authorization URL and the transaction cookie. */
async function start(redirectTo: string | null = "/sekretariat") {
  const fields: Record<string, string> = redirectTo == null ? {} : { redirectTo };
  const res = await run(() => startAction({ request: formRequest(`/logg-inn/oidc/${PROVIDER}`, fields), params: { provider: PROVIDER }, context: {} }));
  expect(res.status).toBe(302);
  const location = res.headers.get("Location") ?? "";
  const transaction = res.headers.getSetCookie().find((c) => c.startsWith("hf_oidc="));
  expect(transaction).toMatch(/HttpOnly/i);
  expect(transaction).toMatch(/Path=\/logg-inn\/oidc/);
  return { authUrl: new URL(location), cookie: (transaction ?? "").split(";")[0] ?? "" };
}

/** The provider's redirect back, handed to the callback route with the transaction cookie. */
async function callback(url: URL, cookie: string) {
  return run(() => callbackLoader({ request: getRequest(url.pathname + url.search, { cookie }), params: { provider: PROVIDER }, context: {} }));
}

async function signIn(accountId: string, redirectTo?: string | null) {
  const { authUrl, cookie } = await start(redirectTo);
  op.signInAs(accountId);
  return callback(await followToCallback(authUrl.toString(), BASE), cookie);
}

function sessionCookieOf(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith("hf_session="))
    ?.split(";")[0];
}

async function problemOf(res: Response): Promise<string> {
  return ((await res.json()) as { problem: string }).problem;
}

describe(`organisational sign-in with OpenID Connect (${process.env.TEST_DB})`, () => {
  it("shows one button per configured provider on /logg-inn", async () => {
    const data = (await loginLoader({ request: getRequest("/logg-inn"), params: {}, context: {} })) as { oidcProviders: { id: string; name: string }[] };
    expect(data.oidcProviders).toEqual([{ id: PROVIDER, name: "Testleverandør" }]);
  });

  it("renders the button as a plain form POST, and the page's CSP lets that form go on to the provider", async () => {
    const handler = await createAppHandler();
    const res = await handler(new Request(`${BASE}/logg-inn?redirectTo=%2Fsekretariat`), { clientIp: "198.18.0.9" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /<form method="post" action="\/logg-inn\/oidc\/test"><input type="hidden" name="redirectTo" value="\/sekretariat"\/><button type="submit"[^>]*>Logg inn med Testleverandør<\/button>/,
    );
    expect(res.headers.get("Content-Security-Policy")).toContain(`form-action 'self' ${op.issuer}`);
  });

  it("renders a refusal as a page with the message and a way back, status 403", async () => {
    const handler = await createAppHandler();
    const { authUrl, cookie } = await start();
    op.signInAs("ukjend-sub");
    const back = await followToCallback(authUrl.toString(), BASE);
    const res = await handler(new Request(back, { headers: { Cookie: cookie } }), { clientIp: "198.18.0.9" });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("Kontakt sekretariatet og be om tilgang");
    expect(html).toContain('href="/logg-inn"');
  });

  it("sends the browser to the provider with PKCE (S256), state and nonce", async () => {
    const { authUrl } = await start();
    expect(authUrl.origin).toBe(op.issuer);
    expect(authUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authUrl.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(authUrl.searchParams.get("state")).toBeTruthy();
    expect(authUrl.searchParams.get("nonce")).toBeTruthy();
    expect(authUrl.searchParams.get("redirect_uri")).toBe(`${BASE}/logg-inn/oidc/${PROVIDER}/callback`);
    expect(authUrl.searchParams.get("scope")).toBe("openid email profile");
  });

  it("successful sign-in: links the verified e-mail to the active user, creates the normal session, audits it", async () => {
    const res = await signIn("kari-sub");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sekretariat");
    const cookie = sessionCookieOf(res);
    expect(cookie).toBeTruthy();
    expect(res.headers.getSetCookie().find((c) => c.startsWith("hf_oidc="))).toMatch(/Max-Age=0/);
    const user = await getSessionUser(getRequest("/", { cookie }));
    expect(user?.email).toBe("kari.oidc@demo.no");
    const links = await db().select().from(userIdentities).where(eq(userIdentities.subject, "kari-sub"));
    expect(links).toHaveLength(1);
    expect(links[0]?.issuer).toBe(op.issuer);
    expect(links[0]?.userId).toBe(user?.id);
    const audit = await db()
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, user?.id ?? "")));
    expect(audit.map((a) => a.action).sort()).toEqual(["login.oidc", "user.identity_linked"]);
    expect(JSON.stringify(audit)).not.toContain("kari");
  });

  it("lands on /mi-side when the sign-in was started without a redirectTo (issue 14)", async () => {
    const res = await signIn("kari-sub", null);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/mi-side");
    expect(sessionCookieOf(res)).toBeTruthy();
  });

  it("signs in by the stored (issuer, subject) once linked, even after the provider's address changes", async () => {
    op.accounts.set("kari-sub", { email: "kari.nytt.namn@demo.no", email_verified: true });
    try {
      const res = await signIn("kari-sub");
      expect(res.status).toBe(302);
      const user = await getSessionUser(getRequest("/", { cookie: sessionCookieOf(res) }));
      expect(user?.email).toBe("kari.oidc@demo.no");
    } finally {
      op.accounts.set("kari-sub", { email: "Kari.OIDC@demo.no", email_verified: true, name: "Kari" });
    }
  });

  it("wrong state: refused with 400 and no session", async () => {
    const { authUrl, cookie } = await start();
    op.signInAs("kari-sub");
    const back = await followToCallback(authUrl.toString(), BASE);
    back.searchParams.set("state", "not-the-state-we-sent");
    const res = await callback(back, cookie);
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toBe("login.oidc.failed");
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  it("wrong nonce: an ID token for another nonce is refused with 400 and no session", async () => {
    const { authUrl, cookie } = await start();
    authUrl.searchParams.set("nonce", "a-nonce-injected-by-someone-else");
    op.signInAs("kari-sub");
    const res = await callback(await followToCallback(authUrl.toString(), BASE), cookie);
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toBe("login.oidc.failed");
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  it("expired code: a code redeemed after the provider's 60 s lifetime is refused with 400", async () => {
    const { authUrl, cookie } = await start();
    op.signInAs("kari-sub");
    const back = await followToCallback(authUrl.toString(), BASE);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 60_000 });
    const res = await callback(back, cookie);
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toBe("login.oidc.failed");
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  it("a callback without the transaction cookie (or after 10 minutes) says the sign-in expired", async () => {
    const { authUrl } = await start();
    op.signInAs("kari-sub");
    const res = await callback(await followToCallback(authUrl.toString(), BASE), "");
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toBe("login.oidc.expired");
  });

  it("unknown user: 403 'ask the secretariat', and no account is created", async () => {
    const before = await db().select({ id: users.id }).from(users);
    const res = await signIn("ukjend-sub");
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toBe("login.oidc.unknown");
    expect(sessionCookieOf(res)).toBeUndefined();
    expect(await db().select({ id: users.id }).from(users)).toHaveLength(before.length);
    expect(await db().select().from(userIdentities).where(eq(userIdentities.subject, "ukjend-sub"))).toEqual([]);
  });

  it("deactivated user: refused with 403, before and after a link", async () => {
    const res = await signIn("deaktivert-sub");
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toBe("login.oidc.deactivated");
    expect(sessionCookieOf(res)).toBeUndefined();
    // A linked user who is deactivated later is refused too.
    await db().update(users).set({ active: false }).where(eq(users.email, "kari.oidc@demo.no"));
    try {
      const linked = await signIn("kari-sub");
      expect(linked.status).toBe(403);
      expect(await problemOf(linked)).toBe("login.oidc.deactivated");
    } finally {
      await db().update(users).set({ active: true }).where(eq(users.email, "kari.oidc@demo.no"));
    }
  });

  it("e-mail not verified: refused with 403 and not linked to the user with that address", async () => {
    const res = await signIn("ustadfesta-sub");
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toBe("login.oidc.emailNotVerified");
    expect(sessionCookieOf(res)).toBeUndefined();
    expect(await db().select().from(userIdentities).where(eq(userIdentities.subject, "ustadfesta-sub"))).toEqual([]);
  });

  it("a second subject at the same issuer is not linked to a user who already has one", async () => {
    op.accounts.set("kari-andre-sub", { email: "kari.oidc@demo.no", email_verified: true });
    const res = await signIn("kari-andre-sub");
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toBe("login.oidc.unknown");
  });

  it("answers 404 for a provider that is not configured", async () => {
    const res = await run(() => startAction({ request: formRequest("/logg-inn/oidc/ukjend", {}), params: { provider: "ukjend" }, context: {} }));
    expect(res.status).toBe(404);
    const cb = await run(() => callbackLoader({ request: getRequest("/logg-inn/oidc/ukjend/callback"), params: { provider: "ukjend" }, context: {} }));
    expect(cb.status).toBe(404);
  });
});
