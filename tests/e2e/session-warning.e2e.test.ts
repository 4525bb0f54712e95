/**
 * The session warning in Chromium (WCAG 2.2.1): with a 3-minute idle timeout the warning is due at
 * once; "Hald fram" extends the session through POST /okt/forleng. The password change page works
 * with JavaScript off and signs out the other sessions. axe on every page, no CSP violation.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, useApp } from "./support";

const ctx = useApp({ SESSION_IDLE_MINUTES: "3" });

describe("session warning and password change", () => {
  it("warns before the idle timeout with an alert, and 'Hald fram' extends the session", async () => {
    const { page, context, cspViolations } = await newPage(ctx.browser);
    await signIn(page, ctx.app.url, "fsu-rehab@demo.no");
    const alert = page.getByRole("alert").filter({ hasText: "Økta di går ut snart" });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/minutt att/);
    await expectNoAxeViolations(page, "session warning");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/okt/forleng") && r.request().method() === "POST"),
      alert.getByRole("button", { name: "Hald fram" }).click(),
    ]);
    expect(response.status()).toBe(200);
    await alert.waitFor({ state: "detached" });
    await expect(page.getByRole("status").filter({ hasText: "Økta er forlengd." }).count()).resolves.toBe(1);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it("changes the password with JavaScript off and signs out the other session", async () => {
    const other = await newPage(ctx.browser);
    await signIn(other.page, ctx.app.url, "ke-molde@demo.no");
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await signIn(page, ctx.app.url, "ke-molde@demo.no");
    await page.goto(ctx.app.url + "/profil/passord");
    await expectNoAxeViolations(page, "password change");
    await page.getByLabel("Noverande passord").fill("demo-passord");
    await page.getByLabel("Nytt passord", { exact: true }).fill("kort");
    await page.getByLabel("Gjenta nytt passord").fill("kort");
    await page.getByRole("button", { name: "Byt passord" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Det nye passordet må ha minst 12 teikn.");
    await expectNoAxeViolations(page, "password change with errors");
    await page.getByLabel("Noverande passord").fill("demo-passord");
    await page.getByLabel("Nytt passord", { exact: true }).fill("ei lang passordsetning");
    await page.getByLabel("Gjenta nytt passord").fill("ei lang passordsetning");
    await page.getByRole("button", { name: "Byt passord" }).click();
    await page.waitForURL(/\/profil\/passord\?endra=1$/);
    await expect(page.getByRole("status").textContent()).resolves.toContain("Passordet er bytt.");
    // This browser is still signed in (a new session); the other one is not.
    await page.goto(ctx.app.url + "/sjekkliste");
    expect(new URL(page.url()).pathname).toBe("/sjekkliste");
    await other.page.goto(ctx.app.url + "/sjekkliste");
    expect(new URL(other.page.url()).pathname).toBe("/logg-inn");
    await other.context.close();
    await context.close();
  });
});
