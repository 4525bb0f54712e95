/**
 * The browser loads a namespace's messages only with the modules that import its file
 * (app/i18n/index.ts). A component that asks for a namespace it does not import would render
 * keys after hydration: this test reads every module and refuses that.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "../../app/i18n";

const APP = path.resolve(import.meta.dirname, "../../app");
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "i18n" ? [] : files(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("namespace imports", () => {
  it('every module that uses a namespace (useTranslation("ns") or an "ns:key") imports that namespace\'s file', () => {
    const missing: string[] = [];
    let uses = 0;
    for (const file of files(APP)) {
      const text = readFileSync(file, "utf8");
      const keyed = [...text.matchAll(/["`]([a-z-]+):[a-zA-Z]/g)].map((m) => m[1] ?? "").filter((ns) => (NAMESPACES as readonly string[]).includes(ns));
      for (const ns of keyed) if (ns !== "common" && !text.includes(`"~/i18n/${ns}"`)) missing.push(`${path.relative(APP, file)} names a ${ns}: key`);
      for (const [, ns] of text.matchAll(/useTranslation\("([a-z-]+)"\)/g)) {
        uses++;
        expect(NAMESPACES as readonly string[], `${file}: unknown namespace ${ns}`).toContain(ns);
        if (ns !== "common" && !text.includes(`"~/i18n/${ns}"`)) missing.push(`${path.relative(APP, file)} uses ${ns}`);
      }
    }
    expect(uses).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it("the root layout imports the default namespace and the server imports them all", () => {
    expect(readFileSync(path.join(APP, "root.tsx"), "utf8")).toContain('import "~/i18n/common";');
    expect(readFileSync(path.join(APP, "entry.server.tsx"), "utf8")).toContain('import "~/i18n/all";');
  });
});
