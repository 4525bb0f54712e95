import { describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/logg-inn";
import { action as logoutAction } from "~/routes/logg-ut";
import { loader as secretariatLoader } from "~/routes/sekretariat._index";
import { loader as rootLoader } from "~/root";
import { getSessionUser, revokeUserSessions } from "~/http/session.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";

useTestDatabase();

describe(`sign-in (${process.env.TEST_DB})`, () => {
  it("redirects /sekretariat without a session to /logg-inn?redirectTo=%2Fsekretariat", async () => {
    const res = await run(() => secretariatLoader(args(getRequest("/sekretariat"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/logg-inn?redirectTo=%2Fsekretariat");
  });

  it("refuses a wrong password with 400 and the same message as an unknown account", async () => {
    const wrong = await run(() => loginAction(args(formRequest("/logg-inn", { email: "sekretariat@demo.no", password: "feil" }))));
    const unknown = await run(() => loginAction(args(formRequest("/logg-inn", { email: "ingen@demo.no", password: "feil" }))));
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const a = await wrong.json();
    const b = await unknown.json();
    expect(a.result.error).toEqual({ "": ["login.invalid"] });
    expect(b.result.error).toEqual(a.result.error);
    expect(JSON.stringify(a)).not.toContain("feil"); // the password is never echoed
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
  });

  it("asks for missing fields next to each field", async () => {
    const res = await run(() => loginAction(args(formRequest("/logg-inn", { email: "", password: "" }))));
    expect(res.status).toBe(400);
    expect((await res.json()).result.error).toEqual({ email: ["login.emailRequired"], password: ["login.passwordRequired"] });
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a.role] as const))("signs in %s (%s) and redirects safely", async (email, role) => {
    const res = await run(() => loginAction(args(formRequest("/logg-inn", { email: email.toUpperCase(), password: DEMO_PASSWORD, redirectTo: "//evil.example" }))));
    expect(res.status).toBe(302);
    // An unsafe redirectTo falls back to the person's own page (issue 14), never to the other site.
    expect(res.headers.get("Location")).toBe("/mi-side");
    const setCookie = res.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const user = await getSessionUser(getRequest("/", { cookie: setCookie.split(";")[0] }));
    expect(user?.email).toBe(email);
    expect(user?.role).toBe(role);
    const root = (await rootLoader(args(getRequest("/", { cookie: setCookie.split(";")[0] })))) as { user: { role: string } | null };
    expect(root.user?.role).toBe(role);
  });

  it("gives a new session id at every sign-in", async () => {
    const a = await cookieFor("admin@demo.no");
    const b = await cookieFor("admin@demo.no");
    expect(a).not.toBe(b);
  });

  it("lets the secretariat into /sekretariat and gives others 403 (the SSU leader's and deputy's view of it: bodies.test.ts)", async () => {
    const ok = await run(async () => secretariatLoader(args(getRequest("/sekretariat", { cookie: await cookieFor("sekretariat@demo.no") }))));
    expect(ok.status).toBe(200);
    for (const email of ["ke-molde@demo.no", "fsu-rehab@demo.no", "admin@demo.no"]) {
      const res = await run(async () => secretariatLoader(args(getRequest("/sekretariat", { cookie: await cookieFor(email) }))));
      expect(res.status).toBe(403);
    }
  });

  it("revokes the session on sign-out and on revokeUserSessions", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const out = await run(() => logoutAction(args(formRequest("/logg-ut", {}, { cookie }))));
    expect(out.status).toBe(302);
    expect(await getSessionUser(getRequest("/", { cookie }))).toBeNull();

    const c2 = await cookieFor("ke-molde@demo.no");
    const user = await getSessionUser(getRequest("/", { cookie: c2 }));
    await revokeUserSessions(user!.id);
    expect(await getSessionUser(getRequest("/", { cookie: c2 }))).toBeNull();
  });

  it("ends an idle session on the server", async () => {
    const cookie = await cookieFor("ke-hf@demo.no");
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await getSessionUser(getRequest("/", { cookie }), later)).toBeNull();
  });

  it("lands on /mi-side after sign-in without a redirectTo, and on a safe redirectTo when one is given", async () => {
    const none = await run(() => loginAction(args(formRequest("/logg-inn", { email: "ke-molde@demo.no", password: DEMO_PASSWORD }))));
    expect(none.status).toBe(302);
    expect(none.headers.get("Location")).toBe("/mi-side");
    const given = await run(() => loginAction(args(formRequest("/logg-inn", { email: "ke-molde@demo.no", password: DEMO_PASSWORD, redirectTo: "/sjekkliste" }))));
    expect(given.headers.get("Location")).toBe("/sjekkliste");
    const signedIn = await run(async () => loginLoader(args(getRequest("/logg-inn", { cookie: await cookieFor("admin@demo.no") }))));
    expect(signedIn.headers.get("Location")).toBe("/mi-side");
  });

  it("sends a signed-in user away from the sign-in page", async () => {
    const res = await run(async () => loginLoader(args(getRequest("/logg-inn?redirectTo=%2Fsaker", { cookie: await cookieFor("admin@demo.no") }))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/saker");
  });
});
