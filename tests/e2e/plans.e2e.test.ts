import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, useApp } from "./support";

const ctx = useApp();

/** The open round's checklist link on /sjekkliste. */
async function openChecklist(page: Page) {
  await page.goto(ctx.app.url + "/sjekkliste");
  await page.getByRole("link", { name: "Sluttevaluering 2023/24" }).click();
  await page.waitForURL(/\/sjekkliste\/\d+$/);
  await page.getByRole("heading", { level: 1, name: /Sluttevaluering 2023\/24: / }).waitFor();
  return Number(new URL(page.url()).pathname.split("/").pop());
}

async function fillChecklist(page: Page, status: string) {
  const selects = page.getByLabel(/^Status for tiltak /);
  const n = await selects.count();
  expect(n).toBe(12);
  for (let i = 0; i < n; i++) await selects.nth(i).selectOption({ label: i === 0 ? "I gang" : status });
  await page.getByLabel("Kommentar til tiltak 1.1").fill("Koordinatorskulen startar i januar.");
  await page.getByLabel("Tal koordinatorar").fill("15");
  await page.getByLabel("Tal individuelle planar").fill("42");
  await page.getByLabel("Tal barnekoordinatorar").fill("5");
  await page.getByLabel("Tal samarbeidsmøte").fill("120");
  await page.getByLabel("Tal koordineringsmøte").fill("60");
  await page.getByLabel("Kvar koordinerande eining er plassert i organisasjonen").fill("Tenestekontoret");
  await page.getByLabel("Ja", { exact: true }).check();
  await page.getByLabel("Adressa til sida om koordinerande eining").fill("https://www.molde.kommune.no/ke");
}

describe("plans, checklists and dashboards in the browser", () => {
  it("ke-molde fills in the checklist with autosave and submits it (JavaScript on)", async () => {
    const { page, context, cspViolations } = await newPage(ctx.browser);
    await signIn(page, ctx.app.url, "ke-molde@demo.no");
    await openChecklist(page);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Molde");
    await expectNoAxeViolations(page, "checklist (JS)");
    await fillChecklist(page, "Gjennomført");
    await page.getByText(/Utkastet vart lagra kl\./).waitFor();
    // A bad number shows a message at the field, with an error summary.
    await page.getByLabel("Tal koordinatorar").fill("-2");
    await page.getByRole("button", { name: "Lagre utkast" }).click();
    await page.getByRole("alert").filter({ hasText: "Talet kan ikkje vere negativt" }).first().waitFor();
    await expectNoAxeViolations(page, "checklist with errors (JS)");
    await page.getByLabel("Tal koordinatorar").fill("15");
    await page.getByRole("button", { name: "Send inn" }).click();
    await page.waitForURL(/\/send-inn$/);
    await expectNoAxeViolations(page, "submit confirmation (JS)");
    await page.getByRole("button", { name: "Ja, send inn sjekklista" }).click();
    await page.waitForURL(/\/sjekkliste\/\d+\?sendt=1$/);
    await page.getByText(/Sjekklista vart sendt inn/).waitFor();
    await expectNoAxeViolations(page, "submitted checklist (JS)");

    await page.goto(ctx.app.url + "/dashbord/1506");
    await page.getByText("Førgjengar: Nesset (1543), til 2019").first().waitFor();
    await expect(page.getByRole("columnheader", { name: /Sluttevaluering 2023\/24/ }).count()).resolves.toBeGreaterThan(0);
    await page.locator(".recharts-wrapper").first().waitFor();
    // Wide tables scroll inside their own region; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(page, "Molde dashboard (JS)");
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it("the secretariat sees the round page and the county dashboard (JavaScript on)", async () => {
    const { page, context, cspViolations } = await newPage(ctx.browser);
    await signIn(page, ctx.app.url, "sekretariat@demo.no");
    await page.goto(ctx.app.url + "/sjekkliste");
    await page.getByRole("link", { name: "Sluttevaluering 2023/24" }).click();
    await page.waitForURL(/\/sjekkliste\/runde\/\d+$/);
    await page.getByRole("heading", { level: 1, name: "Sluttevaluering 2023/24" }).waitFor();
    const molde = page.getByRole("row", { name: /Molde/ });
    await expect(molde.getByText("Sendt inn").count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "round page (JS)");
    await page.getByRole("link", { name: "Sjå runden i dashbordet" }).click();
    await page.waitForURL(/\/dashbord\?/);
    await page.locator(".recharts-wrapper").first().waitFor();
    await expectNoAxeViolations(page, "county dashboard (JS)");
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: checklist, round page and both dashboards", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await signIn(page, ctx.app.url, "ke-alesund@demo.no");
    const id = await openChecklist(page);
    await expectNoAxeViolations(page, "checklist (no JS)");
    await fillChecklist(page, "Planlagt");
    await page.getByLabel("Tal individuelle planar").fill("2,5");
    await page.getByRole("button", { name: "Lagre utkast" }).click();
    await page.getByText("Skriv eit heilt tal.").first().waitFor();
    await expectNoAxeViolations(page, "checklist with errors (no JS)");
    await page.getByLabel("Tal individuelle planar").fill("42");
    await page.getByRole("button", { name: "Lagre utkast" }).click();
    await page.waitForURL(new RegExp(`/sjekkliste/${id}\\?lagra=1$`));
    await expect(page.getByLabel("Tal individuelle planar").inputValue()).resolves.toBe("42");
    await page.getByRole("button", { name: "Send inn" }).click();
    await page.waitForURL(/\/send-inn$/);
    await expectNoAxeViolations(page, "submit confirmation (no JS)");
    await page.getByRole("button", { name: "Ja, send inn sjekklista" }).click();
    await page.getByText(/Sjekklista vart sendt inn/).waitFor();
    await context.close();

    const staff = await newPage(ctx.browser, { javaScriptEnabled: false });
    await signIn(staff.page, ctx.app.url, "sekretariat@demo.no");
    await staff.page.goto(ctx.app.url + "/sjekkliste");
    await staff.page.getByRole("link", { name: "Evaluering hausten 2018" }).click();
    await staff.page.getByRole("row", { name: /Nesset/ }).waitFor();
    await expectNoAxeViolations(staff.page, "round page (no JS)");
    await staff.context.close();

    const pub = await newPage(ctx.browser, { javaScriptEnabled: false });
    await pub.page.goto(ctx.app.url + "/dashbord");
    await pub.page.getByLabel("Evalueringsrunde").selectOption({ label: "Evaluering hausten 2018 (Lukka)" });
    await Promise.all([pub.page.waitForURL(/runde=\d+/), pub.page.getByRole("button", { name: "Vis", exact: true }).click()]);
    await pub.page.getByRole("heading", { name: "Evaluering hausten 2018", exact: true }).waitFor();
    await pub.page.locator("tr", { hasText: "Nesset (1543)" }).first().waitFor();
    await expect(pub.page.getByRole("link", { name: "Nesset" }).count()).resolves.toBe(1);
    await expectNoAxeViolations(pub.page, "county dashboard (no JS)");
    await pub.page.goto(ctx.app.url + "/dashbord/1506");
    await pub.page.getByText("Førgjengar: Nesset (1543), til 2019").first().waitFor();
    await expectNoAxeViolations(pub.page, "Molde dashboard (no JS)");
    await pub.page.goto(ctx.app.url + "/dashbord/1543");
    await pub.page.getByRole("link", { name: "Molde (1506)" }).waitFor();
    await expectNoAxeViolations(pub.page, "Nesset dashboard (no JS)");
    await pub.page.goto(ctx.app.url + "/handlingsplanar/ke-ip-koordinator-2017-2020");
    await pub.page.locator("#tiltak-1-1").waitFor();
    await expect(pub.page.getByText("Rekonstruert frå kjeldedokumenta").count()).resolves.toBe(1);
    await expectNoAxeViolations(pub.page, "plan page (no JS)");
    await pub.page.goto(ctx.app.url + "/handlingsplanar/ke-ip-koordinator-2017-2020/tiltak/1.1");
    await expectNoAxeViolations(pub.page, "measure page (no JS)");
    await pub.context.close();
  });
});
