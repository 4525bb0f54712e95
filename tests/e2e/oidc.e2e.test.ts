/**
 * Organisational sign-in in Chromium against a real OpenID provider (tests/support/oidc-provider.ts)
 * beside the production build: the button on /logg-inn, the provider's redirects and cookies, the
 * CSP's form-action (browsers check the form's redirect to the provider), the callback and the
 * session; with JavaScript on and off. axe on the pages, no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/net";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { expectNoAxeViolations, launchBrowser, newPage, startApp, type AppServer } from "./support";
import type { Browser } from "playwright-core";

let op: TestProvider;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  op = await startTestProvider({ redirectUris: [`http://127.0.0.1:${port}/logg-inn/oidc/e2e/callback`] });
  op.accounts.set("fsu-sub", { email: "fsu-rehab@demo.no", email_verified: true });
  op.accounts.set("ukjend-sub", { email: "ukjend@kommune.no", email_verified: true });
  app = await startApp({ OIDC_E2E_ISSUER: op.issuer, OIDC_E2E_CLIENT_ID: op.clientId, OIDC_E2E_CLIENT_SECRET: op.clientSecret, OIDC_E2E_NAME: "Testleverandør" }, port);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await op?.close();
});

describe("organisational sign-in (OpenID Connect) in Chromium", () => {
  it.each([true, false])("signs in with the provider's button and lands where sign-in was asked for (JavaScript %s)", async (javaScriptEnabled) => {
    const { page, context, cspViolations } = await newPage(browser, { javaScriptEnabled });
    await page.goto(`${app.url}/profil/passord`);
    expect(new URL(page.url()).pathname).toBe("/logg-inn");
    await expectNoAxeViolations(page, "sign-in with a provider button");
    op.signInAs("fsu-sub");
    await page.getByRole("button", { name: "Logg inn med Testleverandør" }).click();
    await page.waitForURL(`${app.url}/profil/passord`);
    await expect(page.getByLabel("Noverande passord").count()).resolves.toBe(1);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it("tells an unknown identity to ask the secretariat, with no session", async () => {
    const { page, context, cspViolations } = await newPage(browser);
    await page.goto(`${app.url}/logg-inn`);
    op.signInAs("ukjend-sub");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/logg-inn/oidc/e2e/callback")),
      page.getByRole("button", { name: "Logg inn med Testleverandør" }).click(),
    ]);
    expect(response.status()).toBe(403);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Kontakt sekretariatet og be om tilgang");
    await expectNoAxeViolations(page, "unknown identity");
    await page.goto(`${app.url}/profil/passord`);
    expect(new URL(page.url()).pathname).toBe("/logg-inn");
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
