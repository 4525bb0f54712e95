/**
 * The real case of seeds 002/004 in the browser, as the secretariat would run it on the demo data:
 * received (demo seed) → under assessment (the SSU leader comments and records a tilråding) → routed to SSU → the SSU
 * meeting of 11.09.2024 is created → the case goes on its agenda, which is published: 30/24 (the demo SSU history of
 * 2024 ends at 29/24) → handling and decision recorded → minutes approved and published → the
 * submitter's mail reaches the SMTP server and the tracking page shows the decision. axe on every
 * page and state.
 */
import { describe, expect, it } from "vitest";
import { demoTrackingToken, REAL_CASE_REFERENCE } from "../../db/demo/cases";
import { expectNoAxeViolations, newPage, signIn, useApp, waitFor } from "./support";

const ctx = useApp();

const HANDLING =
  "Leiar av fagleg samarbeidsutval for rehabilitering presenterte saka på Teams. FSU for rehabilitering oppmodar SSU til å vurdere om det er grunnlag for å initiere ei breiare satsing på forbetrings- og utviklingsarbeid for arbeid med koordinering, koordinerande eining og individuell plan.";
const DECISION =
  "SSU takkar for orienteringa og vil i fyrste omgang invitere statsforvaltaren til dialog om korleis vi saman kan støtte opp om utvikling i arbeidet med koordinering, KE og IP.";

describe("the real case 30/24 in the browser", () => {
  it("runs from the inbox to published minutes, feedback mail and the tracking page", async () => {
    const { page, context, cspViolations } = await newPage(ctx.browser);
    await signIn(page, ctx.app.url, "sekretariat@demo.no");

    // Inbox: find the case by its reference.
    await page.goto(`${ctx.app.url}/sekretariat`);
    await expectNoAxeViolations(page, "inbox");
    await page.getByLabel("Søk i tittel, referanse og tekst").fill(REAL_CASE_REFERENCE);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/q=HFMR-2024-0002/);
    await page.getByRole("table", { name: /Saker, 1 treff/ }).waitFor();
    await expectNoAxeViolations(page, "inbox search");
    await page.getByRole("link", { name: REAL_CASE_REFERENCE }).click();
    await page.waitForURL(/\/sekretariat\/saker\/[0-9a-f-]{36}$/);
    const caseUrl = page.url();
    await page.getByText("Motteken", { exact: true }).first().waitFor();
    await expectNoAxeViolations(page, "case received");

    // Send to assessment with the SSU leader and deputy.
    await page.getByRole("button", { name: "Send til vurdering hos leiar og nestleiar i SSU" }).click();
    await page.getByRole("status").filter({ hasText: "Lagra." }).waitFor();
    await page.getByText("Til vurdering", { exact: true }).first().waitFor();
    await expectNoAxeViolations(page, "case under assessment");

    // The SSU leader reads it and comments (JavaScript off).
    {
      const ssu = await newPage(ctx.browser, { javaScriptEnabled: false });
      await signIn(ssu.page, ctx.app.url, "ssu-leiar@demo.no");
      await ssu.page.goto(caseUrl);
      await expect(ssu.page.getByRole("button", { name: "Send til utvalet" }).count()).resolves.toBe(0);
      await ssu.page.getByLabel("Nytt notat").fill("Tverrgåande tema: bør handsamast i SSU.");
      await ssu.page.getByRole("button", { name: "Legg til notat" }).click();
      await ssu.page.waitForURL(/lagra=note/);
      await expect(ssu.page.getByText("Tverrgåande tema: bør handsamast i SSU.").count()).resolves.toBe(1);
      await expectNoAxeViolations(ssu.page, "case as SSU leader");
      // … and records the tilråding (guideline point 3), which routing needs.
      await ssu.page.getByLabel("Tilråding", { exact: true }).selectOption({ label: "Send til eit utval" });
      await ssu.page.getByLabel("Utval (når saka skal sendast til eit utval)").selectOption({ label: "Strategisk samarbeidsutval" });
      await ssu.page.getByLabel("Kort grunngjeving").fill("Gjeld alle partane: SSU.");
      await ssu.page.getByRole("button", { name: "Lagre tilrådinga" }).click();
      await ssu.page.waitForURL(/lagra=advice/);
      await expect(
        ssu.page
          .getByRole("table", { name: /Tilrådingar/ })
          .getByText("Gjeld alle partane: SSU.")
          .count(),
      ).resolves.toBe(1);
      await expectNoAxeViolations(ssu.page, "tilråding recorded");
      await ssu.context.close();
    }

    // A rejection needs the confirm step: open it, and leave it (the case goes to SSU).
    await page.reload();
    await page.getByText("Avvis saka", { exact: true }).click();
    await expectNoAxeViolations(page, "reject form open");

    // Route to SSU.
    await page.getByLabel("Utval som skal handsame saka").selectOption({ label: "Strategisk samarbeidsutval" });
    await page.getByRole("button", { name: "Send til utvalet" }).click();
    await page.waitForURL(/lagra=route/);
    await page.getByText("Send til utval", { exact: true }).first().waitFor();
    await expectNoAxeViolations(page, "case routed");

    // Create the SSU meeting of 11.09.2024.
    await page.goto(`${ctx.app.url}/utval`);
    await expectNoAxeViolations(page, "bodies");
    await page.getByRole("link", { name: "Strategisk samarbeidsutval" }).click();
    await page.waitForURL(/\/utval\/ssu$/);
    await expectNoAxeViolations(page, "SSU page");
    await page.getByRole("link", { name: "Nytt møte" }).click();
    await page.waitForURL(/\/utval\/ssu\/moter\/ny$/);
    await expectNoAxeViolations(page, "new meeting");
    await page.getByRole("button", { name: "Opprett møtet" }).click();
    await page.getByRole("alert").waitFor();
    await expectNoAxeViolations(page, "new meeting with errors");
    await page.getByLabel("Dato").fill("2024-09-11");
    await page.getByLabel("Starttid").fill("09:00");
    await page.getByLabel("Sluttid").fill("15:30");
    await page.getByLabel("Stad").fill("Ålesund, Moa");
    await page.getByLabel("Lenke til videomøte").fill("https://teams.example/ssu");
    await page.getByRole("button", { name: "Opprett møtet" }).click();
    await page.waitForURL(/\/utval\/ssu\/moter\/\d+$/);
    const meetingUrl = page.url();
    await expectNoAxeViolations(page, "meeting, empty agenda");

    // Put the case on the agenda: it becomes SSU's case 30/24.
    const option = await page.locator("#add-case option", { hasText: REAL_CASE_REFERENCE }).getAttribute("value");
    await page.getByLabel("Sak sendt til utvalet").selectOption(option!);
    await page.locator("#add-case-slot").fill("15:00");
    await page.locator("#add-case-duration").fill("30");
    await page.locator("#add-case-presenter").fill("Leiar FSU rehabilitering (Teams)");
    await page.getByRole("button", { name: "Legg til sak" }).click();
    // No number before the agenda is published; publishing (confirmed) gives it.
    await page.getByLabel("Eg vil publisere sakslista og gje sakene faste nummer").check();
    await page.getByRole("button", { name: "Publiser sakslista" }).click();
    const heading = page.getByRole("heading", { level: 3, name: /^Sak 30\/24: / });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/^Sak \d+\/24: /);
    await expectNoAxeViolations(page, "agenda with 30/24");

    // Record handling and decision.
    await page.getByLabel("Behandling", { exact: true }).fill(HANDLING);
    await page.getByLabel("Vedtak", { exact: true }).fill(DECISION);
    await page.getByRole("button", { name: "Lagre behandling og vedtak" }).click();
    await page.getByRole("cell", { name: "Vedteke" }).waitFor();
    await expectNoAxeViolations(page, "decision recorded");

    // Minutes: draft → approved → published, each with its confirm step.
    await page.goto(`${meetingUrl}/referat`);
    await page.getByText(DECISION).waitFor();
    await expectNoAxeViolations(page, "minutes draft");
    await page.getByLabel("Innleiing").fill("Til stades: medlemane i SSU. Innkalling og saksliste vart godkjende.");
    // Every minutes form carries the meeting's version; saving the draft bumps it, and the approval
    // must carry the new one (else 409 "changed meanwhile"): wait until the page shows it.
    const approveVersion = page.locator("form", { has: page.getByRole("button", { name: "Godkjenn referatet" }) }).locator('input[name="version"]');
    const versionBefore = await approveVersion.inputValue();
    const [saved] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Lagre utkast" }).click()]);
    expect(saved.status()).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => approveVersion.inputValue(), { timeout: 15_000 }).not.toBe(versionBefore);
    await page.getByLabel("Eg har lese referatet og vil godkjenne det").check();
    const [approved] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Godkjenn referatet" }).click()]);
    expect(approved.status()).toBeLessThan(400);
    await page.getByText("Status for referatet: Godkjent").waitFor();
    await expectNoAxeViolations(page, "minutes approved");
    await page.getByLabel("Eg vil publisere referatet og sende vedtaket til melderane").check();
    await page.getByRole("button", { name: "Publiser referatet og send tilbakemelding" }).click();
    await page.getByText("Status for referatet: Publisert").waitFor();
    await expectNoAxeViolations(page, "minutes published");

    // The case is closed with feedback given.
    await page.goto(caseUrl);
    await page.getByText("Avslutta (tilbakemelding gitt)", { exact: true }).first().waitFor();
    await page.getByRole("link", { name: /SSU sak 30\/24/ }).waitFor();
    await expectNoAxeViolations(page, "case closed with timeline");
    expect(cspViolations).toEqual([]);
    await context.close();

    // The decision mail reaches the SMTP server (the outbox worker sends every few seconds).
    const mail = await waitFor("the decision mail", () => ctx.app.smtp.received.find((m) => m.raw.includes("30/24")));
    const text = mail.raw.replace(/=\r?\n/g, "");
    expect(text).toContain(`${new URL(meetingUrl).pathname}/referat`);

    // The public: published minutes without JavaScript, and the submitter's tracking page.
    const anon = await newPage(ctx.browser, { javaScriptEnabled: false });
    await anon.page.goto(`${meetingUrl}/referat`);
    await expect(anon.page.getByText(DECISION).count()).resolves.toBe(1);
    await expect(anon.page.getByText("fsu-rehab@demo.no").count()).resolves.toBe(0);
    await expectNoAxeViolations(anon.page, "public minutes");
    await anon.page.goto(`${ctx.app.url}/saker/spor/${demoTrackingToken(REAL_CASE_REFERENCE)}`);
    await expect(anon.page.getByText(DECISION).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(anon.page, "tracking page with decision");
    await anon.context.close();
  });
});
