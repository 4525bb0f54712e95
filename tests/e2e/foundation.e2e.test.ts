import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { expectNoAxeViolations, newPage, signIn, useApp } from "./support";
import { present } from "../support/one";

const ctx = useApp();

const navFor: Record<string, string[]> = {
  secretariat: ["Mi side", "Sekretariatet", "Utval", "Handlingsplanar"],
  committee_member: ["Mi side", "Utval", "Handlingsplanar"],
  reporter: ["Mi side", "Sjekkliste", "Dashbord"],
  admin: ["Mi side", "Administrasjon", "E-postutboks"],
};

describe("foundation in the browser", () => {
  it("serves the home page in nynorsk with a skip link, footer links and no axe violations", async () => {
    const { page, context, cspViolations } = await newPage(ctx.browser);
    await page.goto(ctx.app.url + "/");
    expect(await page.getAttribute("html", "lang")).toBe("nn");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("helsefellesskapet");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe("Hopp til hovudinnhaldet");
    await expect(page.getByRole("link", { name: "Tilgjengelegheitserklæring" }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "Personvern" }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "home");
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it("redirects /sekretariat to sign-in, refuses a wrong password with a clear message", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await page.goto(ctx.app.url + "/sekretariat");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/logg-inn?redirectTo=%2Fsekretariat");
    await expectNoAxeViolations(page, "sign-in");
    await page.getByLabel("E-postadresse").fill("sekretariat@demo.no");
    await page.getByLabel("Passord").fill("feil-passord");
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Logg inn" }).click()]);
    expect(response.status()).toBe(400);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Feil e-postadresse eller passord.");
    await expectNoAxeViolations(page, "sign-in with error");
    await context.close();
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a.role] as const))("signs in %s, lands on /mi-side and shows the %s navigation", async (email, role) => {
    const { page, context } = await newPage(ctx.browser);
    await signIn(page, ctx.app.url, email);
    // Without a redirectTo, people land on their own page (issue 14).
    expect(new URL(page.url()).pathname).toBe("/mi-side");
    await page.getByRole("heading", { level: 1, name: "Mi side" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Hovudmeny" });
    // waitFor retries until the element is there (the nav re-renders after the sign-in redirect).
    await page.getByText(/Innlogga som/).waitFor();
    for (const item of present(navFor[role], role)) await nav.getByRole("link", { name: item, exact: true }).waitFor();
    await expect(page.getByRole("link", { name: "Logg inn", exact: true }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page, `/mi-side as ${role}`);
    await context.close();
  });

  it("lands the secretariat on /sekretariat after sign-in from the redirect", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await page.goto(ctx.app.url + "/sekretariat");
    await page.getByLabel("E-postadresse").fill("sekretariat@demo.no");
    await page.getByLabel("Passord").fill("demo-passord");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL(/\/sekretariat$/);
    await expectNoAxeViolations(page, "/sekretariat");
    await context.close();
  });

  it("switches language without JavaScript and shows friendly error pages", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await page.goto(ctx.app.url + "/");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForLoadState();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    const res = await page.goto(ctx.app.url + "/finst-ikkje");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page not found");
    await expectNoAxeViolations(page, "404");
    await context.close();
  });

  it("answers /helse with the database status", async () => {
    const res = await fetch(ctx.app.url + "/helse");
    expect(await res.json()).toEqual({ status: "ok", database: "reachable" });
  });
});
