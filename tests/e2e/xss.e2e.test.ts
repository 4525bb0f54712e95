/**
 * XSS: script payloads in every free-text field of a submitted case are shown as text in Chromium
 * wherever the case appears (tracking page, the secretariat's inbox and case page, the admin's
 * outbox, search): no dialog opens, no payload element is in the DOM, no CSP violation.
 */
import { describe, expect, it } from "vitest";
import { newPage, signIn, useApp } from "./support";
import { first, present } from "../support/one";

// No minimum fill time: security-http.e2e.test.ts proves that one, here it would only add a wait.
const ctx = useApp({ FORM_MIN_FILL_SECONDS: "0" });

const FIELDS = [
  "title",
  "submitterName",
  "submitterOrg",
  "submitterRef",
  "background",
  "problem",
  "patientGroups",
  "serviceProviders",
  "changeNeeds",
  "triedBefore",
  "proposal",
  "economy",
  "referencesText",
  "agreementPoints",
];
const payload = (field: string) =>
  `<script>alert("s-${field}")</script><img src=x id="xss-${field}" onerror=alert("i-${field}")><svg onload=alert(1)></svg>"'><a href="javascript:alert(1)">lenkje</a>`;

describe("XSS in Chromium", () => {
  it("shows script payloads from every free-text field as text: no dialog, no injected element, no CSP violation", async () => {
    // Submit over HTTP (a bot-free client: fetch the form for its form-start token, then post).
    const html = await (await fetch(`${ctx.app.url}/saker/ny`)).text();
    const started = present(/name="skjemaStarta" value="([^"]+)"/.exec(html)?.[1], "the form-start token");
    const form = new FormData();
    const max = (f: string) => (f === "submitterRef" ? 100 : f === "title" || f.startsWith("submitter") ? 200 : 1000);
    for (const f of FIELDS) form.append(f, payload(f).slice(0, max(f)));
    for (const [k, v] of Object.entries({
      submitterEmail: "xss@example.no",
      submitterDate: "2024-02-20",
      urgency: "normal",
      idempotencyKey: crypto.randomUUID(),
      skjemaStarta: started,
      nettside: "",
    }))
      form.append(k, v);
    const res = await fetch(`${ctx.app.url}/saker/ny`, { method: "POST", body: form, redirect: "manual", headers: { Origin: ctx.app.url } });
    expect(res.status).toBe(303);
    const receiptCookie = first(
      present(
        res.headers.getSetCookie().find((c) => c.startsWith("hf_case_receipt=")),
        "the receipt cookie",
      ).split(";"),
    );
    const receipt = await (await fetch(`${ctx.app.url}/saker/ny/kvittering`, { headers: { Cookie: receiptCookie } })).text();
    const trackingPath = /\/saker\/spor\/[A-Za-z0-9_-]{30,}/.exec(receipt)![0];

    const { page, context, cspViolations, dialogs } = await newPage(ctx.browser);
    const visited: string[] = [];
    const check = async (label: string) => {
      await page.waitForLoadState("networkidle");
      visited.push(label);
      expect(await page.locator('img[src="x"], [id^="xss-"], svg[onload], script:not([src]):not([nonce])').count(), label).toBe(0);
      expect(await page.locator("body").innerText(), label).toContain('<script>alert("s-title")</script>');
      expect(await page.content(), label).not.toContain('<script>alert("s-');
    };
    await page.goto(ctx.app.url + trackingPath);
    await check("tracking page");
    await signIn(page, ctx.app.url, "sekretariat@demo.no");
    await page.goto(ctx.app.url + "/sekretariat");
    await check("inbox");
    await page.locator("tr, li, article", { hasText: 'alert("s-title")' }).locator('a[href^="/sekretariat/saker/"]').first().click();
    await page.waitForURL(/\/sekretariat\/saker\//);
    // The URL changes before the case page has replaced the inbox (client navigation): wait for its heading.
    await page.getByRole("heading", { level: 1, name: /alert\("s-title"\)/ }).waitFor();
    await check("case page");
    for (const f of FIELDS.filter((f) => !f.startsWith("submitter") || f === "submitterName")) {
      expect(await page.locator("body").innerText(), f).toContain(`alert("s-${f}")`);
    }
    await page.goto(`${ctx.app.url}/sok?q=${encodeURIComponent('<script>alert("s-title")</script>')}`);
    await page.waitForLoadState("networkidle");
    expect(await page.locator('img[src="x"], [id^="xss-"]').count()).toBe(0);
    await context.close();

    const admin = await newPage(ctx.browser);
    await signIn(admin.page, ctx.app.url, "admin@demo.no");
    await admin.page.goto(ctx.app.url + "/admin/e-post");
    await admin.page.waitForLoadState("networkidle");
    expect(await admin.page.locator('img[src="x"], [id^="xss-"]').count()).toBe(0);
    expect(await admin.page.content()).not.toContain('<script>alert("s-');
    await admin.context.close();

    expect(dialogs).toEqual([]);
    expect(admin.dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(admin.cspViolations).toEqual([]);
    console.log(`xss: ${FIELDS.length} free-text fields with script payloads shown as text on ${visited.length + 2} pages, 0 dialogs, 0 CSP violations`);
  });
});
