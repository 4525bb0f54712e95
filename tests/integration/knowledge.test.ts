/**
 * Knowledge pages (issue 5): content validation, links, compile-once caching, server-rendered HTML,
 * the /kunnskap loaders and the search. Content is read from files; the database is only needed by
 * /sok, which also searches the public cases.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loader as pageLoader } from "../../app/routes/kunnskap.$slug";
import { loader as indexLoader } from "../../app/routes/kunnskap._index";
import { loader as searchLoader } from "../../app/routes/sok";
import { getKnowledgePage, listKnowledgePages, searchContent, setContentStore, snippetAround } from "../../app/models/knowledge.server";
import { langCookie } from "../../app/http/lang.server";
import { clearMdxMemoryCache, ContentError, CONTENT_LANGS, createContentStore, mdxStats, pageProblems, type ContentPage } from "../../app/services/mdx.server";
import { insertCase } from "../support/cases-secretariat";
import { useTestDatabase } from "../support/db";
import { args, getRequest, run } from "../support/http";
import { at } from "../support/one";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "tests/fixtures/content");
const SLUGS = ["handlingsplan-2017-2020", "koordinerte-tenester", "lover-og-forskrifter", "melde-sak", "personvern", "tilgjengelegheit"];

// ---------------------------------------------------------------------------------------------
// Known paths, derived from the route files (flat routes: `saker.$reference.tsx` → /saker/:reference).

function routePattern(file: string): string[] | null {
  let name = file.replace(/\.(tsx|ts|jsx|js)$/, "");
  if (name.endsWith("/route")) name = name.slice(0, -"/route".length);
  const segments: string[] = [];
  for (const raw of name.split(/\.(?![^[]*\])/)) {
    if (raw === "_index" || raw === "index") continue;
    if (raw.startsWith("_")) continue; // pathless layout
    let seg = raw.replace(/_$/, "").replace(/\[(.*?)\]/g, "$1");
    if (seg.startsWith("(") && seg.endsWith(")")) seg = seg.slice(1, -1); // optional segment: treat as present
    if (seg === "$") seg = "*";
    else if (seg.startsWith("$")) seg = `:${seg.slice(1)}`;
    segments.push(seg);
  }
  // The root splat ($.tsx) is the 404 page: it must not make every link valid.
  if (segments.length === 1 && segments[0] === "*") return null;
  return segments;
}

function knownPatterns(): string[][] {
  const dir = path.join(ROOT, "app/routes");
  const files = fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return fs.existsSync(path.join(dir, entry.name, "route.tsx")) || fs.existsSync(path.join(dir, entry.name, "route.ts")) ? [`${entry.name}/route`] : [];
    return /\.(tsx|ts)$/.test(entry.name) && !/\.test\./.test(entry.name) ? [entry.name] : [];
  });
  return files.map(routePattern).filter((p): p is string[] => p !== null);
}

function pathChecker(slugs: Set<string>) {
  const patterns = knownPatterns();
  return (pathname: string) => {
    const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "kunnskap" && parts.length === 2) return slugs.has(at(parts, 1));
    return patterns.some((pattern) => {
      for (let i = 0; i < pattern.length; i++) {
        if (pattern[i] === "*") return true;
        if (i >= parts.length) return false;
        if (!at(pattern, i).startsWith(":") && pattern[i] !== parts[i]) return false;
      }
      return pattern.length === parts.length;
    });
  };
}

async function langCookieFor(lang: string) {
  return (await langCookie.serialize(lang)).split(";")[0];
}

function tempContentDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "hf-content-"));
}

function writePage(dir: string, lang: string, slug: string, body: string) {
  fs.mkdirSync(path.join(dir, lang), { recursive: true });
  fs.writeFileSync(
    path.join(dir, lang, `${slug}.mdx`),
    `---\ntitle: "Side ${slug}"\nsummary: "Samandrag."\nlanguage: ${lang}\nsources: []\nlastReviewed: "2026-01-15"\n---\n\n${body}\n`,
  );
}

useTestDatabase();
afterEach(() => setContentStore(undefined));

// ---------------------------------------------------------------------------------------------

describe("the content in content/", () => {
  let pages: Map<string, ContentPage>;
  beforeAll(async () => {
    pages = await createContentStore({ diskCacheDir: null }).all();
  }, 60_000);

  it("has valid frontmatter in every file, every page in every language", () => {
    for (const lang of CONTENT_LANGS) {
      const files = fs.readdirSync(path.join(ROOT, "content", lang)).filter((f) => f.endsWith(".mdx"));
      expect(files.sort()).toEqual([...SLUGS].map((s) => `${s}.mdx`));
      for (const slug of SLUGS) {
        const page = pages.get(`${lang}/${slug}`);
        expect(page, `${lang}/${slug}`).toBeDefined();
        expect(page!.frontmatter.language).toBe(lang);
        expect(page!.frontmatter.title.length).toBeGreaterThan(3);
        expect(page!.frontmatter.summary.length).toBeGreaterThan(10);
        expect(page!.frontmatter.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    expect(pages.size).toBe(SLUGS.length * CONTENT_LANGS.length);
  });

  it("has no broken internal links, no missing anchors, no image without alt text and no <script>", () => {
    const isKnown = pathChecker(new Set(SLUGS));
    const problems = [...pages.values()].flatMap((page) => pageProblems(page, isKnown));
    expect(problems).toEqual([]);
    for (const page of pages.values()) expect(page.html).not.toMatch(/<script/i);
  });

  it("maps elements onto Designsystemet and gives every heading an id", () => {
    const laws = pages.get("nn/lover-og-forskrifter")!;
    expect(laws.html).toContain('<table class="ds-table" data-border="true"');
    expect(laws.html).toMatch(/<a href="https:\/\/lovdata\.no\/[^"]*" class="ds-link" rel="noopener">[^<]+<span class="ds-sr-only"> \(ekstern lenke\)<\/span><\/a>/);
    expect(pages.get("en/lover-og-forskrifter")!.html).toContain('<span class="ds-sr-only"> (external link)</span>');
    expect(laws.html).toContain('<p class="ds-paragraph">');
    expect(laws.html).toContain('<ul class="ds-list">');
    expect(laws.html).not.toMatch(/<h1/);
    for (const page of pages.values()) {
      const headings = [...page.html.matchAll(/<h([234])\b([^>]*)>/g)];
      expect(headings.length, `${page.lang}/${page.slug}`).toBeGreaterThan(1);
      for (const h of headings) expect(h[2]).toMatch(/id="[a-z0-9-]+" class="ds-heading" data-size="(md|sm|xs)"/);
      expect(page.headings.length).toBe(headings.length);
      expect(new Set(page.headings.map((h) => h.id)).size).toBe(page.headings.length);
    }
    // Internal links stay plain (no external-link text).
    const guide = pages.get("nn/melde-sak")!;
    expect(guide.html).toContain('<a href="/saker/ny" class="ds-link">');
  });

  it("lists the twelve measures of the 2017–2020 plan exactly as seeded, each linking to its anchor", () => {
    const plans = JSON.parse(fs.readFileSync(path.join(ROOT, "db/data/plans.json"), "utf8")) as {
      slug: string;
      goals: { number: number; title: Record<string, string>; measures: { number: string; title: Record<string, string> }[] }[];
    }[];
    const plan = plans.find((p) => p.slug === "ke-ip-koordinator-2017-2020")!;
    const measures = plan.goals.flatMap((g) => g.measures);
    expect(measures).toHaveLength(12);
    for (const lang of CONTENT_LANGS) {
      const page = pages.get(`${lang}/handlingsplan-2017-2020`)!;
      const linked = [...page.html.matchAll(/<a href="\/handlingsplanar\/ke-ip-koordinator-2017-2020#(tiltak-\d-\d)" class="ds-link">([^<]*)<\/a>/g)].map(
        (m) => [m[1], m[2] ?? ""] as const,
      );
      const decode = (s: string) =>
        s
          .replace(/&amp;/g, "&")
          .replace(/&#x27;/g, "'")
          .replace(/&quot;/g, '"');
      expect(linked.map(([a, text]) => [a, decode(text)])).toEqual(measures.map((m) => [`tiltak-${m.number.replace(".", "-")}`, `${m.number} ${m.title[lang]}`]));
      for (const goal of plan.goals) expect(page.text).toContain(goal.title[lang]);
    }
  });
});

describe("the content checks catch broken fixtures", () => {
  it("fails loudly on a missing frontmatter field, a wrong language, source or date, and a file without frontmatter", async () => {
    const store = createContentStore({ dir: path.join(FIXTURES, "invalid-frontmatter"), diskCacheDir: null, mode: "production" });
    const error = await store.all().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems.join("\n");
    expect(problems).toMatch(/nn\/utan-samandrag\.mdx: summary: Required/);
    expect(problems).toMatch(/nn\/feil-felt\.mdx: language: language must be "nn"/);
    expect(problems).toMatch(/nn\/feil-felt\.mdx: sources\.0: Invalid enum value/);
    expect(problems).toMatch(/nn\/feil-felt\.mdx: lastReviewed: lastReviewed must be a date written YYYY-MM-DD/);
    expect(problems).toMatch(/nb\/utan-frontmatter\.mdx: frontmatter is missing/);
    // A page lookup fails loudly too, rather than showing a half-valid site.
    await expect(store.page("nn", "utan-samandrag")).rejects.toBeInstanceOf(ContentError);
  });

  it("catches broken internal links, missing anchors and images without alt text", async () => {
    const store = createContentStore({ dir: path.join(FIXTURES, "broken"), diskCacheDir: null });
    const pages = await store.all();
    const problems = [...pages.values()].flatMap((p) => pageProblems(p, pathChecker(new Set(["feil-lenker"]))));
    expect(problems).toEqual([
      "nn/feil-lenker: broken internal link /finst-ikkje",
      "nn/feil-lenker: broken internal link /kunnskap/finst-ikkje",
      "nn/feil-lenker: link to a missing anchor #ingen-stad",
      'nn/feil-lenker: image without alt text <img loading="lazy" src="/bilete.png"/>',
      'nn/feil-lenker: image with empty alt text that is not marked decorative <img loading="lazy" src="/tomt-alt.png" alt=""/>',
    ]);
  });

  it("accepts a valid fixture: decorative image, unique anchors, dates written as YAML dates", async () => {
    const store = createContentStore({ dir: path.join(FIXTURES, "valid"), diskCacheDir: null });
    const pages = await store.all();
    const problems = [...pages.values()].flatMap((p) => pageProblems(p, pathChecker(new Set(["eksempel", "berre-nynorsk"]))));
    expect(problems).toEqual([]);
    const page = pages.get("nn/eksempel")!;
    expect(page.headings).toEqual([
      { level: 2, id: "forste-del", text: "Første del" },
      { level: 3, id: "underdel", text: "Underdel" },
      { level: 2, id: "forste-del-2", text: "Første del" },
    ]);
    expect(page.html).toContain('<blockquote class="ds-alert" data-color="info">');
    expect(page.html).toContain('<img loading="lazy" src="/kart.svg" alt="Eit kart over Møre og Romsdal"/>');
    expect(pages.get("en/eksempel")!.frontmatter.lastReviewed).toBe("2026-01-16");
  });
});

describe("compiling once per content version", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempContentDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("compiles a page once however often it is rendered, and again when the file changes (development)", async () => {
    clearMdxMemoryCache();
    const nonce = Math.random().toString(36).slice(2);
    writePage(dir, "nn", "side", `## Versjon éin\n\nInnhald ${nonce}.`);
    const store = createContentStore({ dir, diskCacheDir: null, mode: "development" });
    const before = mdxStats.compiles;
    for (let i = 0; i < 100; i++) {
      const page = await store.page("nn", "side");
      expect(page!.html).toContain("Versjon éin");
    }
    expect(mdxStats.compiles - before).toBe(1);

    writePage(dir, "nn", "side", `## Versjon to\n\nInnhald ${nonce}.`);
    const future = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(dir, "nn", "side.mdx"), future, future);
    for (let i = 0; i < 100; i++) expect((await store.page("nn", "side"))!.html).toContain("Versjon to");
    expect(mdxStats.compiles - before).toBe(2);

    // Back to the first version: that content version is already compiled.
    writePage(dir, "nn", "side", `## Versjon éin\n\nInnhald ${nonce}.`);
    const later = new Date(Date.now() + 10_000);
    fs.utimesSync(path.join(dir, "nn", "side.mdx"), later, later);
    expect((await store.page("nn", "side"))!.html).toContain("Versjon éin");
    expect(mdxStats.compiles - before).toBe(2);
  });

  it("in production reads the files once: a change shows after a restart, without a rebuild", async () => {
    clearMdxMemoryCache();
    const nonce = Math.random().toString(36).slice(2);
    writePage(dir, "nn", "prod", `Første utgåve ${nonce}.`);
    const store = createContentStore({ dir, diskCacheDir: null, mode: "production" });
    expect((await store.page("nn", "prod"))!.html).toContain("Første utgåve");
    writePage(dir, "nn", "prod", `Andre utgåve ${nonce}.`);
    expect((await store.page("nn", "prod"))!.html).toContain("Første utgåve");
    const restarted = createContentStore({ dir, diskCacheDir: null, mode: "production" });
    expect((await restarted.page("nn", "prod"))!.html).toContain("Andre utgåve");
  });

  it("reuses the disk cache (.cache/mdx) after a restart instead of compiling", async () => {
    const contentDir = path.join(dir, "disk");
    const cacheDir = path.join(dir, "disk-cache");
    const nonce = Math.random().toString(36).slice(2);
    writePage(contentDir, "nb", "disk", `Hurtigbuffer ${nonce}.`);
    clearMdxMemoryCache();
    const compiles = mdxStats.compiles;
    await createContentStore({ dir: contentDir, diskCacheDir: cacheDir }).page("nb", "disk");
    expect(mdxStats.compiles - compiles).toBe(1);
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith(".json")).length).toBeGreaterThan(0);
    clearMdxMemoryCache(); // a new process
    const hits = mdxStats.diskHits;
    const page = await createContentStore({ dir: contentDir, diskCacheDir: cacheDir }).page("nb", "disk");
    expect(page!.html).toContain(nonce);
    expect(mdxStats.compiles - compiles).toBe(1);
    expect(mdxStats.diskHits - hits).toBeGreaterThan(0);
  });

  it("serves a route request from the cache: 100 loader calls compile and render nothing", async () => {
    setContentStore(createContentStore({ dir: path.join(FIXTURES, "valid"), diskCacheDir: null }));
    await run(() => pageLoader(args(getRequest("/kunnskap/eksempel"), { slug: "eksempel" })));
    const [compiles, renders] = [mdxStats.compiles, mdxStats.renders];
    for (let i = 0; i < 100; i++) {
      const res = await run(() => pageLoader(args(getRequest("/kunnskap/eksempel"), { slug: "eksempel" })));
      expect(res.status).toBe(200);
    }
    expect([mdxStats.compiles, mdxStats.renders]).toEqual([compiles, renders]);
  });
});

describe("the /kunnskap routes", () => {
  beforeAll(async () => {
    await createContentStore({ diskCacheDir: null }).all();
  }, 60_000);

  it("lists every page in every language", async () => {
    for (const lang of CONTENT_LANGS) {
      const cookie = await langCookieFor(lang);
      const res = await run(() => indexLoader(args(getRequest("/kunnskap", { cookie }))));
      expect(res.status).toBe(200);
      const data = (await res.json()) as {
        lang: string;
        pages: { slug: string; title: string; summary: string; lastReviewed: string; lang: string; fallback: boolean }[];
      };
      expect(data.lang).toBe(lang);
      expect(data.pages.map((p) => p.slug).sort()).toEqual(SLUGS);
      for (const p of data.pages) {
        expect(p.lang).toBe(lang);
        expect(p.fallback).toBe(false);
        expect(p.title).not.toBe("");
        expect(p.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("renders every page in every language with 200, and 404 for an unknown slug", async () => {
    for (const lang of CONTENT_LANGS) {
      const cookie = await langCookieFor(lang);
      for (const slug of SLUGS) {
        const res = await run(() => pageLoader(args(getRequest(`/kunnskap/${slug}`, { cookie }), { slug })));
        expect(res.status, `${lang}/${slug}`).toBe(200);
        const data = (await res.json()) as { page: { lang: string; fallback: boolean; html: string; title: string; toc: { id: string }[] } };
        expect(data.page.lang).toBe(lang);
        expect(data.page.fallback).toBe(false);
        expect(data.page.html).not.toMatch(/<script/i);
        expect(data.page.toc.length).toBeGreaterThan(1);
        for (const entry of data.page.toc) expect(data.page.html).toContain(`id="${entry.id}"`);
      }
      for (const slug of ["finst-ikkje", "../personvern", "Personvern", ""]) {
        const res = await run(() => pageLoader(args(getRequest(`/kunnskap/${encodeURIComponent(slug)}`, { cookie }), { slug })));
        expect(res.status, slug).toBe(404);
      }
    }
  });

  it("falls back to nynorsk, and says so, when a page is not translated", async () => {
    setContentStore(createContentStore({ dir: path.join(FIXTURES, "valid"), diskCacheDir: null }));
    const cookie = await langCookieFor("en");
    const res = await run(() => pageLoader(args(getRequest("/kunnskap/berre-nynorsk", { cookie }), { slug: "berre-nynorsk" })));
    expect(res.status).toBe(200);
    const data = (await res.json()) as { lang: string; page: { lang: string; fallback: boolean; title: string } };
    expect(data).toMatchObject({ lang: "en", page: { lang: "nn", fallback: true, title: "Berre på nynorsk" } });
    const list = await listKnowledgePages("en");
    expect(list.map((p) => [p.slug, p.lang, p.fallback])).toEqual([
      ["berre-nynorsk", "nn", true],
      ["eksempel", "en", false],
    ]);
    expect(await getKnowledgePage({ lang: "nb", slug: "eksempel" })).toMatchObject({ lang: "nn", fallback: true, title: "Eksempelside" });
  });
});

describe("searchContent and /sok", () => {
  it("finds «koordinator» in nynorsk, ranked by title, then summary, then text, with a highlighted plain-text snippet", async () => {
    const hits = await searchContent({ q: "koordinator", lang: "nn" });
    expect(hits.length).toBeGreaterThanOrEqual(3);
    const slugs = hits.map((h) => h.slug);
    expect(slugs).toContain("koordinerte-tenester");
    expect(slugs).toContain("handlingsplan-2017-2020");
    // "Handlingsplan for KE, IP og koordinator 2017–2020" has the word in its title.
    expect(slugs[0]).toBe("handlingsplan-2017-2020");
    for (const hit of hits) {
      expect(hit.snippet.some((p) => p.hit && p.text.toLowerCase() === "koordinator")).toBe(true);
      expect(hit.snippet.map((p) => p.text).join("")).not.toMatch(/[<>]/);
    }
  });

  it("needs every word (case-insensitive) and finds nothing for words that are not there", async () => {
    const both = await searchContent({ q: "BARNEKOORDINATOR  Individuell", lang: "nn" });
    expect(both.map((h) => h.slug)).toContain("koordinerte-tenester");
    for (const hit of both) expect(hit.slug).not.toBe("personvern");
    expect(await searchContent({ q: "koordinator zyxwvu", lang: "nn" })).toEqual([]);
    expect(await searchContent({ q: "   ", lang: "nn" })).toEqual([]);
    expect((await searchContent({ q: "coordinator", lang: "en" })).length).toBeGreaterThan(0);
  });

  it("keeps markup in a query as plain text", async () => {
    const parts = snippetAround("Tekst med <b>koordinator</b> og meir tekst.", ["koordinator"]);
    expect(parts).toEqual([
      { text: "Tekst med <b>", hit: false },
      { text: "koordinator", hit: true },
      { text: "</b> og meir tekst.", hit: false },
    ]);
    expect(await searchContent({ q: "<script>alert(1)</script>", lang: "nn" })).toEqual([]);
  });

  it("/sok answers a GET with knowledge pages and public cases, and an empty or too long query without searching", async () => {
    await insertCase({ status: "received", title: "Koordinator for barn ved utskriving", background: "Barnekoordinator og koordinator i kommunen manglar informasjon." });
    await insertCase({ status: "submitted", title: "Koordinator som ikkje er offentleg enno" });
    const cookie = await langCookieFor("nn");
    const res = await run(() => searchLoader(args(getRequest("/sok?q=koordinator", { cookie }))));
    expect(res.status).toBe(200);
    const data = (await res.json()) as {
      q: string;
      knowledge: { slug: string }[];
      cases: { total: number; rows: { reference: string; title: string; summary: { text: string; hit: boolean }[] | null }[] };
    };
    expect(data.q).toBe("koordinator");
    expect(data.knowledge.map((k) => k.slug)).toContain("koordinerte-tenester");
    expect(data.cases.total).toBe(1);
    expect(at(data.cases.rows, 0).title).toBe("Koordinator for barn ved utskriving");
    expect(at(data.cases.rows, 0).summary!.some((p) => p.hit && p.text.toLowerCase() === "koordinator")).toBe(true);
    const empty = (await (await run(() => searchLoader(args(getRequest("/sok", { cookie }))))).json()) as { knowledge: unknown[]; cases: unknown };
    expect(empty).toMatchObject({ knowledge: [], cases: null });
    const long = (await (await run(() => searchLoader(args(getRequest(`/sok?q=${"a".repeat(300)}`, { cookie }))))).json()) as {
      tooLong: boolean;
      knowledge: unknown[];
      cases: unknown;
    };
    expect(long).toMatchObject({ tooLong: true, knowledge: [], cases: null });
  });
});
