import { describe, expect, it } from "vitest";
import { demoTrackingToken, REAL_CASE_REFERENCE } from "../../db/demo/cases";
import { expectNoAxeViolations, newPage, useApp, waitFor } from "./support";
import { at } from "../support/one";

// The bot guard's minimum fill time is tested by its own e2e; a test fills forms faster than people.
const ctx = useApp({ FORM_MIN_FILL_SECONDS: "0" });

/** A valid fødselsnummer computed from the weights (01.01.80). */
function validFnr(): string {
  for (let i = 123; ; i++) {
    const d = [...`010180${i}`].map(Number);
    let k1 = 11 - (d.reduce((s, x, j) => s + x * at([3, 7, 6, 1, 8, 9, 4, 5, 2], j), 0) % 11);
    if (k1 === 11) k1 = 0;
    if (k1 === 10) continue;
    let k2 = 11 - ([...d, k1].reduce((s, x, j) => s + x * at([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], j), 0) % 11);
    if (k2 === 11) k2 = 0;
    if (k2 === 10) continue;
    return `010180${i}${k1}${k2}`;
  }
}

describe("public cases in the browser", () => {
  it("lets a citizen submit a case with JavaScript off, with server-rendered errors, a receipt and a tracking link", async () => {
    const { page, context, cspViolations } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await page.goto(ctx.app.url + "/saker/ny");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Meld inn sak til helsefellesskapet");
    // The questions of the seed's form are the labels, in order.
    const labels = await page.locator("form#case-form label, form#case-form legend").allTextContents();
    const order = [
      "Kort tittel på saka",
      "Kven melder saka?",
      "Melders dato og eventuelt internt saksnummer",
      "Bakgrunn for ønske om behandling og hastegrad",
      "Kan du sette fingeren på kva som gjer at det ikkje fungerer?",
      "Kva for pasientgrupper blir ramma (døme)?",
      "Kva for tenesteleverandørar er samhandlingspartar i dag?",
      "Vil endringsforslaget innebere behov for organisatorisk og/eller teknologisk endring?",
      "Er saka eller liknande saker forsøkt løyst tidlegare?",
      "Korleis ser du for deg at dette kan løysast / bli betre? Gevinstar og nytte",
      "Økonomiske konsekvensar (kostnader, ressursbehov, økonomisk gevinst)",
      "Referansar og dokumentasjon",
    ];
    const positions = order.map((l) => labels.findIndex((x) => x.startsWith(l)));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    await expectNoAxeViolations(page, "empty form");

    // Empty submit: 400, an error summary and errors next to the fields.
    const [empty] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Send inn saka" }).click()]);
    expect(empty.status()).toBe(400);
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("Saka kan ikkje sendast før dette er retta");
    await expect(page.locator("#case-background-error").textContent()).resolves.toBe("Dette feltet må fyllast ut.");
    await expectNoAxeViolations(page, "form with errors");

    // A fødselsnummer in a text is refused, and not sent back.
    const fnr = validFnr();
    await page.getByLabel(/^Kort tittel på saka/).fill("Betre samhandling om individuell plan");
    await page.getByLabel(/^Namn/).fill("Kari Innbyggjar");
    await page.getByLabel(/^E-post/).fill("kari@example.no");
    await page.getByLabel(/^Bakgrunn for ønske om behandling/).fill("Samarbeidsavtalen delavtale 2 seier at partane skal samarbeide om IP.");
    await page.getByLabel("Høg").check();
    await page.getByLabel("Kan du sette fingeren på kva som gjer at det ikkje fungerer?").fill(`Pasient ${fnr} fekk ingen koordinator.`);
    const [withFnr] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Send inn saka" }).click()]);
    expect(withFnr.status()).toBe(400);
    expect(await page.content()).not.toContain(fnr);
    await expect(page.locator("#case-problem-error").textContent()).resolves.toContain("fødselsnummer");
    await expect(page.getByLabel("Kan du sette fingeren på kva som gjer at det ikkje fungerer?").inputValue()).resolves.toBe("Pasient *********** fekk ingen koordinator.");

    await page.getByLabel("Kan du sette fingeren på kva som gjer at det ikkje fungerer?").fill("Ingen har ansvar for koordinatoren når pasienten flyttar.");
    const [posted] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Send inn saka" }).click()]);
    if (posted.status() !== 303) {
      const summary = await page
        .locator(".ds-error-summary")
        .textContent({ timeout: 2_000 })
        .catch(() => "");
      throw new Error(`not submitted (${posted.status()}): ${summary}`);
    }
    await page.waitForURL(/\/saker\/ny\/kvittering$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Saka er motteken");
    const reference = await page.getByTestId("case-reference").textContent();
    expect(reference).toMatch(/^HFMR-\d{4}-\d{4}$/);
    const link = await page.getByTestId("tracking-link").getAttribute("href");
    expect(link).toMatch(/\/saker\/spor\/[A-Za-z0-9_-]{43}$/);
    await expectNoAxeViolations(page, "receipt");

    const tracking = await page.goto(link!);
    // server.ts sets a site-wide policy and the route appends its own; browsers apply the last one.
    const headers = tracking!.headers();
    const referrerPolicies = (headers["referrer-policy"] ?? "").split(/[\n,]/).map((v) => v.trim());
    expect(referrerPolicies.at(-1)).toBe("strict-origin");
    expect(tracking!.headers()["cache-control"]).toBe("no-store");
    await expect(page.getByTestId("case-status").textContent()).resolves.toBe("Sendt inn");
    await expectNoAxeViolations(page, "tracking page");

    // The receipt e-mail reaches the SMTP server (the app's mail worker sends every few seconds).
    await waitFor("the receipt mail", () => ctx.app.smtp.received.some((m) => m.to.includes("kari@example.no")));

    // Withdraw with confirmation.
    await page.getByRole("button", { name: "Trekk saka" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Kryss av");
    await expectNoAxeViolations(page, "tracking page with error");
    await page.getByLabel("Ja, eg vil trekkje saka").check();
    await page.getByRole("button", { name: "Trekk saka" }).click();
    await expect(page.getByTestId("case-status").textContent()).resolves.toBe("Trekt");
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it("hints as you type with JavaScript on", async () => {
    const { page, context } = await newPage(ctx.browser);
    await page.goto(ctx.app.url + "/saker/ny");
    // Hydrated: React has attached its props to the form.
    await page.waitForFunction(() => Object.keys(document.querySelector("#case-form") ?? {}).some((k) => k.startsWith("__reactProps")), undefined, { timeout: 60_000 });
    const field = page.getByLabel("Kva for pasientgrupper blir ramma (døme)?");
    await field.fill(`Til dømes ${validFnr()}`);
    await field.blur();
    await expect(page.locator("#case-patientGroups-error").textContent()).resolves.toContain("fødselsnummer");
    // The same detector as the server: numbers spelled with separators or other digits too (issue 11, finding 1).
    const hint = () => document.querySelector("#case-patientGroups-error")?.textContent ?? "";
    for (const spelled of ["010190-10046", "01.01.90 10046", "01 01 90 100 46", "０１０１９０ １００４６"]) {
      await field.fill("Ingen nummer her, berre 01.01.2024");
      await field.blur();
      await page.waitForFunction(`!(${hint.toString()})()`, undefined, { timeout: 10_000 });
      await field.fill(`Til dømes ${spelled}`);
      await field.blur();
      await page.waitForFunction(`(${hint.toString()})().includes("fødselsnummer")`, undefined, { timeout: 10_000 });
    }
    await context.close();
  });

  it("shows the public list, search and a case page without contact data, and the real case's tracking page", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await page.goto(ctx.app.url + "/saker");
    await expect(page.getByTestId("result-count").textContent()).resolves.toMatch(/\d+ saker/);
    expect(await page.content()).not.toContain("@demo.no");
    await expectNoAxeViolations(page, "public list");
    await page.getByRole("searchbox", { name: "Søk i sakene" }).fill("koordinerande eining barnekoordinator");
    await Promise.all([page.waitForURL(/[?&]q=/), page.getByRole("button", { name: "Vis saker" }).click()]);
    await expect(page.getByRole("link", { name: REAL_CASE_REFERENCE }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "public list with search");
    await page.getByRole("link", { name: REAL_CASE_REFERENCE }).click();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(REAL_CASE_REFERENCE);
    expect(await page.content()).not.toContain("fsu-rehab@demo.no");
    await expectNoAxeViolations(page, "case page");

    await page.goto(`${ctx.app.url}/saker/spor/${demoTrackingToken(REAL_CASE_REFERENCE)}`);
    await expect(page.getByTestId("case-status").textContent()).resolves.toBe("Motteken");
    await context.close();
  });
});
