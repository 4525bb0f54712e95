/**
 * The hand-overs of issue 14 in the browser, each person told when it is their turn: a citizen
 * submits a case → the secretariat's notice reaches SMTP → the secretariat (landing on /mi-side)
 * receives it and sends it for assessment → the SSU leader's notice → the SSU leader sees it on
 * /mi-side and records a tilråding → the secretariat's notice of the tilråding → routed to SSU →
 * the submitter's status mail with a working tracking link → on an SSU agenda → an SSU member sees
 * the meeting on /mi-side. axe on the pages of the hand-overs.
 */
import { describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { expectNoAxeViolations, newPage, signIn, useApp, waitFor } from "./support";

const ctx = useApp({ FORM_MIN_FILL_SECONDS: "0" });

/** The mails to `to` whose text part includes `includes`, read with a real MIME parser; the first, or undefined. */
async function mailTo(to: string, includes: string) {
  for (const m of ctx.app.smtp.received.filter((r) => r.to.includes(to))) {
    const parsed = await simpleParser(m.raw);
    if ((parsed.text ?? "").includes(includes)) return parsed;
  }
  return undefined;
}

describe("hand-overs between the people of a case", () => {
  it("tells each person in turn, from submission to the member's next meeting", async () => {
    // A citizen submits a case (JavaScript off: the public form works without it).
    const citizen = await newPage(ctx.browser, { javaScriptEnabled: false });
    await citizen.page.goto(`${ctx.app.url}/saker/ny`);
    await citizen.page.getByLabel(/^Kort tittel på saka/).fill("Felles rutine for utskriving til heimetenesta");
    await citizen.page.getByLabel(/^Namn/).fill("Kari Innbyggjar");
    await citizen.page.getByLabel(/^E-post/).fill("kari.handover@example.no");
    await citizen.page.getByLabel(/^Bakgrunn for ønske om behandling/).fill("Utskrivingane skjer ulikt i kvar kommune, og heimetenesta får ikkje beskjed i tide.");
    await citizen.page.getByRole("button", { name: "Send inn saka" }).click();
    await citizen.page.waitForURL(/\/saker\/ny\/kvittering$/);
    const reference = (await citizen.page.getByTestId("case-reference").textContent()) ?? "";
    expect(reference).toMatch(/^HFMR-\d{4}-\d{4}$/);
    await citizen.context.close();

    // The secretariat is told.
    const newCase = await waitFor("the secretariat's new-case notice", () => mailTo("sekretariat@demo.no", reference));
    expect(newCase.headers.get("auto-submitted")).toBe("auto-generated");
    expect(newCase.html).toContain(reference);

    // The secretariat lands on /mi-side, finds the new case there, receives it and sends it for assessment.
    const { page, context, cspViolations } = await newPage(ctx.browser);
    await signIn(page, ctx.app.url, "sekretariat@demo.no");
    await page.waitForURL(/\/mi-side$/);
    await page.getByRole("heading", { name: /Nye saker som ikkje er mottekne/ }).waitFor();
    await expectNoAxeViolations(page, "secretariat's page");
    await page
      .getByRole("link", { name: new RegExp(reference) })
      .first()
      .click();
    await page.waitForURL(/\/sekretariat\/saker\/[0-9a-f-]{36}$/);
    const caseUrl = page.url();
    await page.getByRole("button", { name: "Registrer som motteken" }).click();
    await page.getByText("Motteken", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Send til vurdering hos leiar og nestleiar i SSU" }).click();
    await page.getByText("Til vurdering", { exact: true }).first().waitFor();

    // The SSU leader is told, sees the case on /mi-side and records a tilråding (JavaScript off).
    const assessment = await waitFor("the SSU leader's notice", () => mailTo("ssu-leiar@demo.no", reference));
    expect(assessment.text).toContain(new URL(caseUrl).pathname);
    {
      const ssu = await newPage(ctx.browser, { javaScriptEnabled: false });
      await signIn(ssu.page, ctx.app.url, "ssu-leiar@demo.no");
      await ssu.page.waitForURL(/\/mi-side$/);
      const mine = ssu.page.getByRole("region", { name: /Saker til vurdering hos deg/ });
      await mine.getByRole("link", { name: new RegExp(reference) }).click();
      await ssu.page.waitForURL(caseUrl);
      await ssu.page.getByLabel("Tilråding", { exact: true }).selectOption({ label: "Send til eit utval" });
      await ssu.page.getByLabel("Utval (når saka skal sendast til eit utval)").selectOption({ label: "Strategisk samarbeidsutval" });
      await ssu.page.getByLabel("Kort grunngjeving").fill("Gjeld alle kommunane: SSU.");
      await ssu.page.getByRole("button", { name: "Lagre tilrådinga" }).click();
      await ssu.page.waitForURL(/lagra=advice/);
      await expectNoAxeViolations(ssu.page, "tilråding recorded");
      await ssu.context.close();
    }
    await waitFor("the secretariat's tilråding notice", () => mailTo("sekretariat@demo.no", "har gitt ei tilråding"));

    // Routed to SSU: the submitter's status mail carries a tracking link that works.
    await page.reload();
    await page.getByLabel("Utval som skal handsame saka").selectOption({ label: "Strategisk samarbeidsutval" });
    await page.getByRole("button", { name: "Send til utvalet" }).click();
    await page.waitForURL(/lagra=route/);
    const status = await waitFor("the submitter's status mail", () => mailTo("kari.handover@example.no", "er send til Strategisk samarbeidsutval"));
    const link = /(https?:\/\/\S+\/saker\/spor\/[A-Za-z0-9_-]{43})/.exec(status.text ?? "")?.[1];
    expect(link).toBeDefined();
    const tracking = await newPage(ctx.browser, { javaScriptEnabled: false });
    await tracking.page.goto(link ?? "");
    await expect(tracking.page.getByTestId("case-status").textContent()).resolves.not.toBe("Sendt inn");
    await tracking.context.close();

    // On an SSU agenda: a meeting next year.
    const year = new Date().getFullYear() + 1;
    await page.goto(`${ctx.app.url}/utval/ssu/moter/ny`);
    await page.getByLabel("Dato").fill(`${year}-03-10`);
    await page.getByLabel("Starttid").fill("09:00");
    await page.getByLabel("Stad").fill("Molde");
    await page.getByRole("button", { name: "Opprett møtet" }).click();
    await page.waitForURL(/\/utval\/ssu\/moter\/\d+$/);
    const meetingPath = new URL(page.url()).pathname;
    const option = await page.locator("#add-case option", { hasText: reference }).getAttribute("value");
    await page.getByLabel("Sak sendt til utvalet").selectOption(option ?? "");
    await page.getByRole("button", { name: "Legg til sak" }).click();
    await page.getByRole("heading", { level: 3, name: /Felles rutine for utskriving til heimetenesta/ }).waitFor();
    expect(cspViolations).toEqual([]);
    await context.close();

    // An SSU member sees the meeting among the next meetings of their bodies.
    const member = await newPage(ctx.browser);
    await signIn(member.page, ctx.app.url, "ssu-nestleiar@demo.no");
    await member.page.waitForURL(/\/mi-side$/);
    const meetingsRegion = member.page.getByRole("region", { name: /Neste møte i utvala dine/ });
    await meetingsRegion.locator(`a[href="${meetingPath}"]`).first().waitFor();
    await expectNoAxeViolations(member.page, "member's page with the meeting");
    await member.context.close();
  });
});
