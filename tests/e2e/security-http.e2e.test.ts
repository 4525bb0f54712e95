/**
 * Security over HTTP against the built production server (server.ts): CSRF refusal before any
 * route runs, no state change on GET, and the security headers (CSP with a fresh nonce, nosniff,
 * Referrer-Policy, no X-Powered-By, HSTS only in production on https). Raw fetch, no browser.
 */
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support";
import { first, present } from "../support/one";

// The low-limits instance's secret is known here, so a test can check the form-start token the page
// gives and date one back past the minimum fill time (FORM_MIN_FILL_SECONDS, 3 s) instead of waiting.
const HTTPS_SECRET = randomBytes(32).toString("hex");
let app: AppServer;
let https: AppServer;
beforeAll(async () => {
  [app, https] = await Promise.all([
    startApp(),
    startApp({ APP_URL: "https://samhandling.example", RATE_LIMIT_PUBLIC_FORM: "3", RATE_LIMIT_LOGIN: "4", TRUST_PROXY: "loopback", SESSION_SECRET: HTTPS_SECRET }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.stop(), https?.stop()]);
});

const signInBody = (email = "sekretariat@demo.no", password = "demo-passord") => new URLSearchParams({ email, password, redirectTo: "/" }).toString();
const formHeaders = { "Content-Type": "application/x-www-form-urlencoded" };

async function signIn(headers: Record<string, string> = {}) {
  return fetch(`${app.url}/logg-inn`, { method: "POST", redirect: "manual", headers: { ...formHeaders, Origin: app.url, ...headers }, body: signInBody() });
}

const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("hf_session="));

describe("CSRF: state-changing requests from another site are refused", () => {
  it("refuses POST /logg-inn with a foreign Origin with 403 and no session", async () => {
    const res = await signIn({ Origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(sessionCookie(res)).toBeUndefined();
    expect(await res.text()).toContain("cross-site");
  });

  it("refuses Sec-Fetch-Site: cross-site with 403, also on the single-fetch data URL", async () => {
    const res = await signIn({ "Sec-Fetch-Site": "cross-site" });
    expect(res.status).toBe(403);
    expect(sessionCookie(res)).toBeUndefined();
    const data = await fetch(`${app.url}/logg-inn.data`, { method: "POST", redirect: "manual", headers: { ...formHeaders, Origin: "https://evil.example" }, body: signInBody() });
    expect(data.status).toBe(403);
    expect(sessionCookie(data)).toBeUndefined();
  });

  it("refuses the opaque origin null and a look-alike host", async () => {
    for (const origin of ["null", app.url.replace("127.0.0.1", "127.0.0.1.evil.example")]) {
      const res = await signIn({ Origin: origin });
      expect(res.status, origin).toBe(403);
    }
  });

  it("refuses a cross-site sign-out: the session stays valid", async () => {
    const cookie = first(present(sessionCookie(await signIn()) ?? undefined, "a session cookie").split(";"));
    const out = await fetch(`${app.url}/logg-ut`, { method: "POST", redirect: "manual", headers: { ...formHeaders, Cookie: cookie, Origin: "https://evil.example" }, body: "" });
    expect(out.status).toBe(403);
    const page = await fetch(`${app.url}/sekretariat`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
  });

  it("refuses a state-changing request whose body is not a form with 415 (never a 500)", async () => {
    for (const [type, body] of [
      ["application/json", JSON.stringify({ email: "sekretariat@demo.no", password: "demo-passord" })],
      ["text/plain", "x"],
    ] as const) {
      const res = await fetch(`${app.url}/logg-inn`, { method: "POST", redirect: "manual", headers: { Origin: app.url, "Content-Type": type }, body });
      expect(res.status, type).toBe(415);
      expect(sessionCookie(res)).toBeUndefined();
    }
    const empty = await fetch(`${app.url}/saker/ny`, { method: "POST", redirect: "manual", headers: { Origin: app.url } });
    expect(empty.status).toBe(415);
  });

  it("signs in normally from the same origin (with and without Sec-Fetch-Site)", async () => {
    const res = await signIn({ "Sec-Fetch-Site": "same-origin" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(sessionCookie(res)).toMatch(/HttpOnly/i);
    const noHeaders = await fetch(`${app.url}/logg-inn`, { method: "POST", redirect: "manual", headers: formHeaders, body: signInBody() });
    expect(noHeaders.status).toBe(302);
  });
});

describe("no state changes on GET", () => {
  it("GET /logg-ut shows a page and does not sign out", async () => {
    const cookie = first(present(sessionCookie(await signIn()) ?? undefined, "a session cookie").split(";"));
    const res = await fetch(`${app.url}/logg-ut`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toContain("<form");
    const after = await fetch(`${app.url}/sekretariat`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(after.status).toBe(200);
  });

  it("GET /sprak sets no cookie, even with a language in the query", async () => {
    for (const path of ["/sprak", "/sprak?lang=en", "/sprak?lang=en&redirectTo=/"]) {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual" });
      expect(res.status, path).toBeGreaterThanOrEqual(300);
      expect(res.status, path).toBeLessThan(400);
      expect(res.headers.getSetCookie(), path).toEqual([]);
    }
  });
});

function cspOf(res: Response) {
  return res.headers.get("content-security-policy") ?? "";
}
function nonceOf(csp: string) {
  return /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
}

describe("security headers", () => {
  it("enforces a CSP with a fresh nonce per response that matches the page's script tags", async () => {
    const [a, b] = await Promise.all([fetch(`${app.url}/`), fetch(`${app.url}/`)]);
    expect(a.headers.get("content-security-policy-report-only")).toBeNull();
    const cspA = cspOf(a);
    const cspB = cspOf(b);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(cspA).toContain(directive);
    expect(cspA).not.toContain("unsafe-eval");
    expect(/script-src[^;]*'unsafe-inline'/.test(cspA)).toBe(false);
    const nonceA = nonceOf(cspA);
    const nonceB = nonceOf(cspB);
    expect(nonceA).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(nonceB).not.toBe(nonceA);
    for (const [res, nonce] of [
      [a, nonceA],
      [b, nonceB],
    ] as const) {
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
  });

  it("sets nosniff, a Referrer-Policy and no X-Powered-By on documents, data and static files", async () => {
    for (const path of ["/", "/logg-inn", "/_root.data", "/favicon.svg", "/finst-ikkje"]) {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual" });
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
      expect(res.headers.get("x-powered-by"), path).toBeNull();
      expect(res.headers.get("x-request-id"), path).toBeTruthy();
      await res.arrayBuffer();
    }
  });

  it("sends HSTS only on requests that came over https, never on plain http (issue 11, finding 18)", async () => {
    const plain = await fetch(`${app.url}/`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    // An untrusted X-Forwarded-Proto (no TRUST_PROXY) does not make a request secure.
    const claimed = await fetch(`${app.url}/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(claimed.headers.get("strict-transport-security")).toBeNull();
    // The https instance (APP_URL https) reached over plain http: no HSTS either.
    const plainToHttps = await fetch(`${https.url}/`);
    expect(plainToHttps.headers.get("strict-transport-security")).toBeNull();
    const secure = await fetch(`${https.url}/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    // The https instance also refuses foreign origins, while its own public origin (APP_URL, as
    // forwarded by the TLS-terminating proxy in front of it) is accepted.
    const proxied = { ...formHeaders, "X-Forwarded-Host": "samhandling.example", "X-Forwarded-Proto": "https" };
    const own = await fetch(`${https.url}/logg-inn`, { method: "POST", redirect: "manual", headers: { ...proxied, Origin: "https://samhandling.example" }, body: signInBody() });
    expect(own.status).toBe(302);
    const foreign = await fetch(`${https.url}/logg-inn`, { method: "POST", redirect: "manual", headers: { ...proxied, Origin: "https://evil.example" }, body: signInBody() });
    expect(foreign.status).toBe(403);
  });
});

describe("Permissions-Policy and the language cookie (issue 11, finding 18)", () => {
  it("sends a Permissions-Policy that turns off camera, microphone and geolocation on every response", async () => {
    for (const path of ["/", "/logg-inn", "/_root.data", "/favicon.svg", "/finst-ikkje", "/helse"]) {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual" });
      const policy = res.headers.get("permissions-policy") ?? "";
      for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) expect(policy, path).toContain(feature);
      await res.arrayBuffer();
    }
  });

  it("marks the language cookie Secure when APP_URL is https, and only then", async () => {
    const choose = (server: AppServer, headers: Record<string, string>) =>
      fetch(`${server.url}/sprak`, {
        method: "POST",
        redirect: "manual",
        headers: { ...formHeaders, ...headers },
        body: new URLSearchParams({ lang: "en", redirectTo: "/" }).toString(),
      });
    const secure = (await choose(https, { "X-Forwarded-Host": "samhandling.example", "X-Forwarded-Proto": "https", Origin: "https://samhandling.example" })).headers
      .getSetCookie()
      .find((c) => c.startsWith("hf_lang="));
    expect(secure).toMatch(/;\s*Secure/i);
    const plain = (await choose(app, { Origin: app.url })).headers.getSetCookie().find((c) => c.startsWith("hf_lang="));
    expect(plain).toBeDefined();
    expect(plain).not.toMatch(/;\s*Secure/i);
  });
});

describe("rate limits and the bot guard over HTTP (instance with low limits)", () => {
  const proxied = (ip: string) => ({ "X-Forwarded-For": ip, "X-Forwarded-Host": "samhandling.example", "X-Forwarded-Proto": "https", Origin: "https://samhandling.example" });

  it("answers failed sign-ins with 429, Retry-After and the message in the form after the limit", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await fetch(`${https.url}/logg-inn`, {
        method: "POST",
        redirect: "manual",
        headers: { ...formHeaders, ...proxied("203.0.113.77") },
        body: signInBody(`ukjend${i}@demo.no`, "feil"),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("For mange forsøk. Vent litt før du prøver igjen.");
  });

  /** A form-start token as the app signs it ("<ms>.<nonce>.<hmac>", app/services/rate-limit.server.ts). */
  const signToken = (ms: number, nonce: string) => `${ms}.${nonce}.${createHmac("sha256", HTTPS_SECRET).update(`form-started:${ms}.${nonce}`).digest("base64url")}`;

  /** The token the form page gives, checked to be the app's signature over its render time. */
  async function formStarted(ip: string) {
    const before = Date.now();
    const html = await (await fetch(`${https.url}/saker/ny`, { headers: { "X-Forwarded-For": ip } })).text();
    const token = /name="skjemaStarta" value="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(html).toMatch(/<input[^>]*name="nettside"[^>]*tabindex="-1"|<input[^>]*tabindex="-1"[^>]*name="nettside"/);
    const [ms = "", nonce = ""] = token.split(".");
    expect(token).toBe(signToken(Number(ms), nonce));
    expect(Number(ms)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Number(ms)).toBeLessThanOrEqual(Date.now() + 1_000);
    return token;
  }
  /** The same token as it would be had the person spent `seconds` more on the form (the clock, not a wait). */
  function filledFor(token: string, seconds = 3.1) {
    const [ms = "", nonce = ""] = token.split(".");
    return signToken(Number(ms) - seconds * 1_000, nonce);
  }
  function caseForm(token: string, extra: Record<string, string> = {}) {
    const form = new FormData();
    const fields: Record<string, string> = {
      idempotencyKey: crypto.randomUUID(),
      title: "Betre samhandling om individuell plan",
      submitterName: "Kari Innbyggjar",
      submitterEmail: "kari@example.no",
      submitterDate: "2024-02-20",
      background: "Delavtale 2.",
      urgency: "normal",
      skjemaStarta: token,
      nettside: "",
      ...extra,
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return form;
  }

  it("refuses a post sooner than the minimum fill time and a filled honeypot with 400, then accepts a patient person", async () => {
    const ip = "198.51.100.7";
    const token = await formStarted(ip);
    const fast = await fetch(`${https.url}/saker/ny`, { method: "POST", redirect: "manual", headers: proxied(ip), body: caseForm(token) });
    expect(fast.status).toBe(400);
    expect(await fast.text()).toContain("Innsendinga kunne ikkje lesast. Prøv igjen.");
    const patient = filledFor(token);
    const honeypot = await fetch(`${https.url}/saker/ny`, {
      method: "POST",
      redirect: "manual",
      headers: proxied(ip),
      body: caseForm(patient, { nettside: "https://spam.example" }),
    });
    expect(honeypot.status).toBe(400);
    const ok = await fetch(`${https.url}/saker/ny`, { method: "POST", redirect: "manual", headers: proxied(ip), body: caseForm(patient) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/saker/ny/kvittering");
  });

  it("answers the fourth post from one client within 10 minutes with 429 and Retry-After; another client still gets through", async () => {
    const ip = "198.51.100.8";
    // A form-start token is good for one submission (issue 11, finding 16): one per post.
    const tokens = [await formStarted(ip), await formStarted(ip), await formStarted(ip), await formStarted(ip)].map((t) => filledFor(t));
    const otherToken = filledFor(await formStarted("198.51.100.9"));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (const token of tokens) {
      last = await fetch(`${https.url}/saker/ny`, { method: "POST", redirect: "manual", headers: proxied(ip), body: caseForm(token) });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("For mange førespurnader");
    const other = await fetch(`${https.url}/saker/ny`, { method: "POST", redirect: "manual", headers: proxied("198.51.100.9"), body: caseForm(otherToken) });
    expect(other.status).toBe(303);
  });
});
