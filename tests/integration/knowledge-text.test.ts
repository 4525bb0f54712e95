/** The knowledge pages' search text and heading anchors (docs/decisions/013-mdx-headings.md). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clearMdxMemoryCache, createContentStore } from "~/services/mdx.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-knowledge-text-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const frontmatter = (lang: string) =>
  ["---", `title: Prøve`, `summary: Ei side for testen.`, `language: ${lang}`, `lastReviewed: 2026-01-16`, `sources: ["000"]`, "---", ""].join("\n");

describe("plain text and anchors of a page", () => {
  it("lays out blocks on their own lines, decodes entities, and leaves out SVG and the external-link hint", async () => {
    clearMdxMemoryCache();
    fs.mkdirSync(path.join(dir, "nn"), { recursive: true });
    const body = [
      "## Særleg & viktig",
      "",
      "Første avsnitt med [ei lenke](https://example.org) og &lt;tag&gt;.",
      "",
      '<figure><svg role="img" aria-label="Kart"><text>SVGTEKST</text></svg><figcaption>Biletetekst</figcaption></figure>',
      "",
      "## Særleg & viktig",
      "",
      "- punkt ein",
      "- punkt to",
    ].join("\n");
    fs.writeFileSync(path.join(dir, "nn", "prove.mdx"), frontmatter("nn") + body);
    const store = createContentStore({ dir, diskCacheDir: null });
    const page = (await store.page("nn", "prove"))!;
    expect(page.headings.map((h) => h.id)).toEqual(["saerleg-viktig", "saerleg-viktig-2"]);
    expect(page.text).toContain("Særleg & viktig\nFørste avsnitt med ei lenke og <tag>.\nBiletetekst");
    expect(page.text).toContain("punkt ein\npunkt to");
    expect(page.text).not.toContain("SVGTEKST");
    expect(page.text).not.toMatch(/ekstern lenke/);
  });
});
