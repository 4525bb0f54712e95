/**
 * axe on every page there is: crawls the app from the front page as a visitor, the secretariat,
 * a reporter and the admin, following same-origin links (one page per route pattern), and checks
 * each page for WCAG 2.1 A/AA violations. Downloads (PDF, ICS, Excel, CSV) are not pages.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, useApp } from "./support";

const ctx = useApp();

const SKIP = /\.(pdf|ics|xlsx|csv)$|^\/logg-ut|^\/build\/|^\/favicon/;
/** One representative per route pattern: ids, numbers and references become placeholders. */
const pattern = (path: string) =>
  path
    .replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}/g, "/:uuid")
    .replace(/\/HFMR-\d{4}-\d+/g, "/:ref")
    .replace(/\/(\d+|HMR)(?=\/|$)/g, "/:n")
    .replace(/\/tiltak\/[^/]+/, "/tiltak/:n")
    .replace(/\/saker\/spor\/[^/]+/, "/saker/spor/:token")
    .replace(/\/kunnskap\/[^/]+/, "/kunnskap/:slug")
    .replace(/\/utval\/[^/]+/, "/utval/:slug")
    .replace(/\/handlingsplanar\/(?!ny$)[^/]+/, "/handlingsplanar/:slug");

async function sweep(email: string | null, maxPages = 40) {
  const { page, context, hydrationErrors } = await newPage(ctx.browser);
  if (email) await signIn(page, ctx.app.url, email);
  // One page per route pattern is checked, so which case page is reached first decides what lies
  // beyond it; the bodies' pages (meetings, minutes) are also a start, so they are always reached.
  const queue = ["/", "/mi-side", "/utval", "/utval/fsu-rehabilitering"];
  const seen = new Set<string>();
  const checked: string[] = [];
  while (queue.length && checked.length < maxPages) {
    const path = queue.shift()!;
    const key = pattern(path);
    if (seen.has(key)) continue;
    seen.add(key);
    const res = await page.goto(ctx.app.url + path);
    expect(res?.status(), `status of ${path}`).toBeLessThan(500);
    await expectNoAxeViolations(page, `${path} as ${email ?? "visitor"}`);
    checked.push(path);
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      if (!href.startsWith("/") || href.startsWith("//")) continue;
      const p = href.replace(/[#?].*$/, "");
      if (p && !SKIP.test(p) && !seen.has(pattern(p))) queue.push(p);
    }
  }
  await context.close();
  // Every page hydrated to the markup the server sent (the browser had the messages it needed).
  expect(hydrationErrors).toEqual([]);
  return checked;
}

describe("axe on every reachable page", () => {
  it.each([
    [null, 12],
    ["sekretariat@demo.no", 20],
    ["ke-molde@demo.no", 10],
    ["admin@demo.no", 6],
  ] as const)("as %s", async (email, atLeast) => {
    const checked = await sweep(email);
    console.log(`axe sweep as ${email ?? "visitor"}: ${checked.length} pages, 0 violations\n  ${checked.join("\n  ")}`);
    expect(checked.length).toBeGreaterThanOrEqual(atLeast);
  });
});
