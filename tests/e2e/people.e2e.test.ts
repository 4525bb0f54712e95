/**
 * People in the browser (issue 13): the admin creates a user for Molde and invites them → the
 * invitation reaches the in-process SMTP server → the link opens the set-password page → the
 * password is set → the user signs in and gets what a reporter gets (Molde's checklists, not the
 * secretariat). The used link then says so (410). The forgotten-password page answers the same for
 * an unknown address. axe on every page.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, useApp } from "./support";

const ctx = useApp();

const EMAIL = "ny.rapportor@molde.example.no";
const PASSWORD = "ein ny og lang passordsetning";

/** The first mail to `address` with a set-password link, its quoted-printable soft breaks undone. */
async function mailTo(address: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = ctx.app.smtp.received.map((m) => ({ to: m.to, text: m.raw.replace(/=\r?\n/g, "") })).find((m) => m.to.includes(address) && m.text.includes("/passord/"));
    if (mail) return mail.text;
    if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("invite, set a password, sign in", () => {
  it("runs from the admin's new-user form to the reporter's checklists", async () => {
    const admin = await newPage(ctx.browser);
    await signIn(admin.page, ctx.app.url, "admin@demo.no");
    await admin.page.goto(`${ctx.app.url}/admin`);
    await expectNoAxeViolations(admin.page, "admin home");
    await admin.page.getByRole("link", { name: "Brukarar" }).click();
    await admin.page.waitForURL(/\/admin\/brukarar$/);
    await expectNoAxeViolations(admin.page, "users");
    await admin.page.getByRole("link", { name: "Ny brukar" }).click();
    await admin.page.waitForURL(/\/admin\/brukarar\/ny$/);
    await expectNoAxeViolations(admin.page, "new user");

    // A taken address: the message next to the field.
    await admin.page.getByLabel("Namn").fill("Ny Rapportør");
    await admin.page.getByLabel("E-postadresse").fill("ke-molde@demo.no");
    await admin.page.getByLabel("Rolle").selectOption("reporter");
    await admin.page.getByLabel(/Tilknyting/).selectOption(["1506"]);
    await admin.page.getByRole("button", { name: "Opprett og send invitasjon" }).click();
    await admin.page.getByText("Det finst alt ein brukar med denne e-postadressa.").first().waitFor();
    await expectNoAxeViolations(admin.page, "new user, e-mail taken");

    await admin.page.getByLabel("E-postadresse").fill(EMAIL);
    await admin.page.getByLabel(/Tilknyting/).selectOption(["1506"]);
    await admin.page.getByRole("button", { name: "Opprett og send invitasjon" }).click();
    await admin.page.waitForURL(/\/admin\/brukarar\?oppretta=1$/);
    await admin.page.getByText("Brukaren er oppretta").waitFor();
    await admin.page.getByLabel("Søk etter namn eller e-post").fill("rapportør");
    await admin.page.getByRole("button", { name: "Vis" }).click();
    await admin.page.getByRole("table", { name: /Brukarar, 1 treff/ }).waitFor();
    await admin.page.getByRole("cell", { name: EMAIL }).waitFor();
    await expectNoAxeViolations(admin.page, "users search");
    await admin.context.close();

    // The invitation reaches the SMTP server with a link on APP_URL.
    const mail = await mailTo(EMAIL);
    const link = mail.match(/https?:\/\/\S+\/passord\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(link, "set-password link in the invitation").toBeDefined();
    expect(link!.startsWith(ctx.app.url)).toBe(true);

    // Set the password without a session, then sign in.
    const user = await newPage(ctx.browser);
    await user.page.goto(link!);
    await user.page.getByRole("heading", { name: "Velkomen – set passordet ditt" }).waitFor();
    await expectNoAxeViolations(user.page, "set password");
    await user.page.getByLabel("Nytt passord").fill(PASSWORD);
    await user.page.getByLabel("Gjenta passordet").fill("noko anna heilt");
    await user.page.getByRole("button", { name: "Set passord" }).click();
    await user.page.getByText("Dei to passorda er ikkje like.").first().waitFor();
    await user.page.getByLabel("Nytt passord").fill(PASSWORD);
    await user.page.getByLabel("Gjenta passordet").fill(PASSWORD);
    await user.page.getByRole("button", { name: "Set passord" }).click();
    await user.page.waitForURL(/\/logg-inn\?passord=sett$/);
    await user.page.getByText("Passordet er sett. Du kan no logge inn.").waitFor();
    await expectNoAxeViolations(user.page, "sign-in after set password");
    await signIn(user.page, ctx.app.url, EMAIL, PASSWORD);

    // What a reporter for Molde gets: Molde's checklists; the secretariat's inbox is refused.
    await user.page.goto(`${ctx.app.url}/sjekkliste`);
    await user.page.getByRole("heading", { name: "Opne evalueringsrundar" }).waitFor();
    await user.page
      .getByRole("link", { name: /Sluttevaluering 2023\/24/ })
      .first()
      .waitFor();
    const refused = await user.page.goto(`${ctx.app.url}/sekretariat`);
    expect(refused?.status()).toBe(403);

    // The link is used now: 410 with a page that says so.
    const used = await user.page.goto(link!);
    expect(used?.status()).toBe(410);
    await user.page.getByRole("heading", { name: "Lenkja er brukt" }).waitFor();
    await expectNoAxeViolations(user.page, "used link");
    expect(user.cspViolations).toEqual([]);
    expect(user.hydrationErrors).toEqual([]);
    await user.context.close();
  });

  it("the forgotten-password page answers an unknown address like a known one (no JavaScript)", async () => {
    const anon = await newPage(ctx.browser, { javaScriptEnabled: false });
    await anon.page.goto(`${ctx.app.url}/logg-inn`);
    await anon.page.getByRole("link", { name: "Gløymt passord?" }).click();
    await anon.page.waitForURL(/\/glemt-passord$/);
    await expectNoAxeViolations(anon.page, "forgotten password");
    const texts: string[] = [];
    for (const email of ["finst-ikkje@demo.no", "ke-hf@demo.no"]) {
      await anon.page.goto(`${ctx.app.url}/glemt-passord`);
      await anon.page.getByLabel("E-postadresse").fill(email);
      await anon.page.getByRole("button", { name: "Send lenkje" }).click();
      await anon.page.waitForURL(/\/glemt-passord\?sendt=1$/);
      texts.push(await anon.page.getByRole("status").innerText());
    }
    expect(texts[0]).toBe(texts[1]);
    const reset = await mailTo("ke-hf@demo.no");
    expect(reset).toMatch(/\/passord\/[A-Za-z0-9_-]{43}/);
    expect(ctx.app.smtp.received.some((m) => m.to.includes("finst-ikkje@demo.no"))).toBe(false);
    await anon.context.close();
  });
});
