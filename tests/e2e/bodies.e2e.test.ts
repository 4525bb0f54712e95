/**
 * Bodies and memberships in Chromium (issue 13): an admin creates a body and adds a member through
 * /admin/utval; the secretariat routes a case to the body; the member signs in and reaches the
 * body's cases; once the admin ends the membership, the same session has no access any more.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, useApp } from "./support";

const ctx = useApp();

const BODY = "LSU Sunnmøre E2E";
const BODY_NAME = "Lokalt samarbeidsutval Sunnmøre (demodata)";
const SLUG = "lsu-sunnmore-e2e";
const MEMBER = "ke-hf@demo.no";
const MEMBER_NAME = "KE Helse Møre og Romsdal (demo)";
const CASE_TITLE = "Elektronisk meldingsutveksling med private fysioterapeutar (demodata)";

describe("bodies and memberships in the browser", () => {
  it("admin creates a body and adds a member; the member reaches the body's cases until the membership ends", async () => {
    const admin = await newPage(ctx.browser);
    await signIn(admin.page, ctx.app.url, "admin@demo.no");
    await admin.page.goto(ctx.app.url + "/admin/utval");
    await admin.page.getByRole("heading", { level: 1, name: "Utval og medlemmer" }).waitFor();
    await expectNoAxeViolations(admin.page, "/admin/utval");

    // A body: a missing name is refused next to the field, then created.
    await admin.page.getByLabel("Type utval").selectOption({ label: "LSU" });
    await admin.page.getByLabel("Oppretta frå").fill("2025-01-01");
    await admin.page.getByLabel("Kortnamn").fill(BODY);
    await admin.page.getByRole("button", { name: "Opprett utval" }).click();
    await admin.page.getByText("Skriv namnet på nynorsk.").waitFor();
    await admin.page.getByLabel("Namn (nynorsk)").fill(BODY_NAME);
    await admin.page.getByLabel("Skildring (nynorsk)").fill("Eit lokalt samarbeidsutval oppretta i testen.");
    await Promise.all([admin.page.waitForURL(new RegExp(`/admin/utval/${SLUG}\\?ok=created$`)), admin.page.getByRole("button", { name: "Opprett utval" }).click()]);
    await admin.page.getByRole("status").filter({ hasText: "Utvalet er oppretta." }).waitFor();

    // A member: the user's e-mail address, role and term.
    await admin.page.getByLabel("E-postadressa til brukaren").fill(MEMBER);
    await admin.page.getByLabel("Rolle i utvalet").last().selectOption({ label: "Medlem" });
    await admin.page.getByLabel("Representerer part").last().selectOption({ label: "Helse Møre og Romsdal HF" });
    await admin.page.getByLabel("Frå og med").last().fill("2025-06-01");
    await Promise.all([admin.page.waitForURL(/\?ok=added$/), admin.page.getByRole("button", { name: "Legg til" }).click()]);
    await admin.page.getByRole("status").filter({ hasText: "Medlemmen er lagt til." }).waitFor();
    const current = admin.page.getByRole("table", { name: /Noverande og komande medlemmer/ });
    await current.getByRole("row", { name: new RegExp(MEMBER_NAME.replace(/[()]/g, "\\$&")) }).waitFor();
    await expectNoAxeViolations(admin.page, `/admin/utval/${SLUG}`);

    // The secretariat routes a case under assessment to the new body.
    const sec = await newPage(ctx.browser);
    await signIn(sec.page, ctx.app.url, "sekretariat@demo.no");
    await sec.page.goto(ctx.app.url + "/sekretariat?q=fysioterapeutar");
    await sec.page
      .getByRole("row", { name: /fysioterapeutar/ })
      .getByRole("link")
      .click();
    await sec.page.waitForURL(/\/sekretariat\/saker\/[0-9a-f-]+$/);
    const casePath = new URL(sec.page.url()).pathname;
    await sec.page.getByLabel("Utval som skal handsame saka").selectOption({ label: BODY_NAME });
    // No tilråding on this case: the secretariat records why it goes on without one (issue 14).
    await sec.page.locator("#route-waiver").fill("Hastar: leiinga i SSU er på reise.");
    await sec.page.getByRole("button", { name: "Send til utvalet" }).click();
    await sec.page.getByText(BODY).first().waitFor();

    // The member signs in and reaches the body's cases.
    const member = await newPage(ctx.browser);
    await signIn(member.page, ctx.app.url, MEMBER);
    await member.page.goto(`${ctx.app.url}/utval/${SLUG}`);
    await member.page.getByRole("heading", { name: "Saker sende til utvalet" }).waitFor();
    await member.page.getByRole("cell", { name: CASE_TITLE }).waitFor();
    const open = await member.page.goto(ctx.app.url + casePath);
    expect(open?.status()).toBe(200);
    await member.page.getByRole("heading", { level: 1, name: new RegExp(CASE_TITLE.replace(/[()]/g, "\\$&")) }).waitFor();

    // The admin ends the membership from today (with confirmation); it moves to the former members.
    await admin.page.getByText(`Avslutt medlemskapet til ${MEMBER_NAME}`).click();
    await admin.page.getByLabel("Ja, avslutt medlemskapet").check();
    await Promise.all([admin.page.waitForURL(/\?ok=ended$/), admin.page.getByRole("button", { name: "Avslutt" }).click()]);
    await admin.page.getByRole("status").filter({ hasText: "Medlemskapet er avslutta." }).waitFor();
    const ended = admin.page.getByRole("table", { name: /Avslutta medlemskap/ });
    await ended.getByRole("row", { name: new RegExp(MEMBER_NAME.replace(/[()]/g, "\\$&")) }).waitFor();
    await expectNoAxeViolations(admin.page, `/admin/utval/${SLUG} after ending`);

    // The same session, next request: no access.
    const refused = await member.page.goto(ctx.app.url + casePath);
    expect(refused?.status()).toBe(403);
    await member.page.goto(`${ctx.app.url}/utval/${SLUG}`);
    await member.page.getByRole("heading", { level: 1 }).waitFor();
    await expect(member.page.getByRole("heading", { name: "Saker sende til utvalet" }).count()).resolves.toBe(0);

    for (const p of [admin, sec, member]) {
      expect(p.cspViolations).toEqual([]);
      expect(p.hydrationErrors).toEqual([]);
      await p.context.close();
    }
  });

  it("the SSU deputy leader reaches the inbox's cases under assessment (JavaScript off)", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await signIn(page, ctx.app.url, "ssu-nestleiar@demo.no");
    await page.getByRole("link", { name: "Sekretariatet" }).first().click();
    await page.waitForURL(/\/sekretariat$/);
    await page.getByText(/Som leiar eller nestleiar i SSU/).waitFor();
    await expectNoAxeViolations(page, "/sekretariat for the SSU deputy");
    await context.close();
  });
});
