/** Knowledge pages in the browser (issue 5): server-rendered, no JavaScript needed, axe-clean. */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, useApp } from "./support";

const ctx = useApp();

/**
 * axe cannot run in a context with javaScriptEnabled: false (its script injection never returns),
 * so pages are checked twice: rendered with JavaScript off for the assertions, and with the app's
 * scripts blocked (the same server-rendered HTML, nothing hydrated) for axe.
 */
async function expectNoAxeViolationsWithoutAppScripts(path: string) {
  const { page, context } = await newPage(ctx.browser);
  await page.route(/\/build\//, (route) => route.abort());
  const res = await page.goto(ctx.app.url + path);
  expect(res?.status()).toBe(200);
  await expectNoAxeViolations(page, path);
  await context.close();
}

const SLUGS = ["melde-sak", "handlingsplan-2017-2020", "koordinerte-tenester", "lover-og-forskrifter", "tilgjengelegheit", "personvern"];

describe("knowledge pages in the browser", () => {
  it("lists the pages at /kunnskap without JavaScript", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    const res = await page.goto(ctx.app.url + "/kunnskap");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Kunnskap");
    await expect(page.locator("main").getByRole("heading", { level: 2 }).count()).resolves.toBe(SLUGS.length);
    await context.close();
    await expectNoAxeViolationsWithoutAppScripts("/kunnskap");
  });

  it.each(SLUGS)("renders /kunnskap/%s in nynorsk without JavaScript, with one h1, a table of contents and no axe violations", async (slug) => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    const res = await page.goto(`${ctx.app.url}/kunnskap/${slug}`);
    expect(res?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("nn");
    await expect(page.getByRole("heading", { level: 1 }).count()).resolves.toBe(1);
    const h1 = (await page.getByRole("heading", { level: 1 }).textContent())!;
    expect(await page.title()).toContain(h1);
    await expect(page.getByText(/^Sist gjennomgått/).count()).resolves.toBe(1);
    const toc = page.getByRole("navigation", { name: "Innhald på sida" });
    const first = toc.getByRole("link").first();
    const target = (await first.getAttribute("href"))!;
    expect(target).toMatch(/^#[a-z0-9-]+$/);
    await expect(page.locator(`main ${target}`).count()).resolves.toBe(1);
    await expect(page.locator("main script").count()).resolves.toBe(0);
    await context.close();
    await expectNoAxeViolationsWithoutAppScripts(`/kunnskap/${slug}`);
  });

  it("renders with JavaScript on under the strict CSP, without violations", async () => {
    const { page, context, cspViolations } = await newPage(ctx.browser);
    await page.goto(`${ctx.app.url}/kunnskap/koordinerte-tenester`);
    await expect(page.getByRole("img", { name: /Flyten frå melding om behov/ }).count()).resolves.toBe(1);
    await page.getByRole("navigation", { name: "Innhald på sida" }).getByRole("link").first().click();
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it("answers 404 for an unknown page", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    const res = await page.goto(`${ctx.app.url}/kunnskap/finst-ikkje`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Fann ikkje sida");
    await context.close();
  });

  it("searches with /sok?q=koordinator without JavaScript", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    await page.goto(`${ctx.app.url}/sok`);
    await page.getByLabel("Søkjeord").fill("koordinator");
    await page.getByRole("button", { name: "Søk", exact: true }).click();
    await page.waitForURL(/\/sok\?q=koordinator$/);
    await expect(page.getByRole("link", { name: "Koordinerte tenester" }).count()).resolves.toBe(1);
    await expect(page.locator("main mark").first().textContent()).resolves.toMatch(/koordinator/i);
    await context.close();
    await expectNoAxeViolationsWithoutAppScripts("/sok?q=koordinator");
  });

  it("reaches the accessibility statement and the privacy page from the footer of the home page", async () => {
    const { page, context } = await newPage(ctx.browser, { javaScriptEnabled: false });
    for (const [link, heading] of [
      ["Tilgjengelegheitserklæring", "Tilgjengelegheitserklæring"],
      ["Personvern", "Personvern"],
    ]) {
      await page.goto(ctx.app.url + "/");
      await page.getByRole("contentinfo").getByRole("link", { name: link }).click();
      await page.waitForLoadState();
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(heading);
    }
    await context.close();
  });
});
