/**
 * The form-draft helpers (app/components/use-form-draft.ts) in Chromium: a long form's values are
 * read and put back by name (text, textarea, select, radio, checkbox groups), and hidden fields,
 * passwords, files, the honeypot and the idempotency key are never stored.
 */
import { build } from "esbuild";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support";

let browser: Browser;
let bundle: string;
beforeAll(async () => {
  browser = await launchBrowser();
  const out = await build({
    entryPoints: [path.resolve(import.meta.dirname, "../../app/components/use-form-draft.ts")],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "formDraft",
    platform: "browser",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  bundle = out.outputFiles[0].text;
});
afterAll(async () => {
  await browser?.close();
});

const FORM = `
<form id="f">
  <input name="title"><textarea name="background"></textarea>
  <select name="urgency"><option value="low">low</option><option value="high">high</option></select>
  <input type="radio" name="party" value="1506"><input type="radio" name="party" value="1508">
  <input type="checkbox" name="points" value="a"><input type="checkbox" name="points" value="b"><input type="checkbox" name="points" value="c">
  <input type="hidden" name="idempotencyKey" value="k1"><input type="hidden" name="skjemaStarta" value="t1">
  <input name="nettside"><input type="password" name="pw"><input type="file" name="attachments">
  <input name="submitterEmail">
</form>`;

describe("form drafts", () => {
  it("reads the values by name and puts them back into a fresh form, never hidden fields, passwords, files or the honeypot", async () => {
    const page = await browser.newPage();
    await page.setContent(FORM);
    await page.addScriptTag({ content: bundle });
    await page.fill("[name=title]", "Betre IP");
    await page.fill("[name=background]", "Lang tekst\nmed linjeskift");
    await page.selectOption("[name=urgency]", "high");
    await page.check("[name=party][value='1508']");
    await page.check("[name=points][value=a]");
    await page.check("[name=points][value=c]");
    await page.fill("[name=nettside]", "spam");
    await page.fill("[name=pw]", "hemmeleg");
    await page.fill("[name=submitterEmail]", "kari@example.no");
    const values = await page.evaluate(() => {
      const w = window as unknown as { formDraft: { readDraft(f: HTMLFormElement, e: Set<string>): Record<string, string[]> } };
      return w.formDraft.readDraft(document.getElementById("f") as HTMLFormElement, new Set(["nettside", "skjemaStarta", "idempotencyKey", "submitterEmail"]));
    });
    expect(values).toEqual({ title: ["Betre IP"], background: ["Lang tekst\nmed linjeskift"], urgency: ["high"], party: ["1508"], points: ["a", "c"] });

    await page.setContent(FORM);
    await page.addScriptTag({ content: bundle });
    const changed = await page.evaluate((v) => {
      const w = window as unknown as { formDraft: { applyDraft(f: HTMLFormElement, v: Record<string, string[]>, e: Set<string>): number } };
      return w.formDraft.applyDraft(document.getElementById("f") as HTMLFormElement, { ...v, idempotencyKey: ["stolen"], pw: ["x"] }, new Set(["idempotencyKey"]));
    }, values);
    expect(changed).toBe(6);
    expect(await page.inputValue("[name=title]")).toBe("Betre IP");
    expect(await page.inputValue("[name=background]")).toBe("Lang tekst\nmed linjeskift");
    expect(await page.inputValue("[name=urgency]")).toBe("high");
    expect(await page.isChecked("[name=party][value='1508']")).toBe(true);
    expect(await page.isChecked("[name=points][value=b]")).toBe(false);
    expect(await page.isChecked("[name=points][value=c]")).toBe(true);
    expect(await page.inputValue("[name=idempotencyKey]")).toBe("k1");
    expect(await page.inputValue("[name=pw]")).toBe("");
    await page.close();
  });
});
