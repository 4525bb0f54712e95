/**
 * Knowledge pages (content/<lang>/<slug>.mdx) for the routes /kunnskap, /kunnskap/$slug and /sok.
 * Pages come from the content store in ~/services/mdx.server (compiled and rendered once per
 * content version); a page missing in the current language falls back to nynorsk.
 */
import { DEFAULT_LANG, type Lang } from "~/i18n";
import { createContentStore, type ContentPage, type ContentStore, type Heading, type SourceId } from "~/services/mdx.server";

const state = globalThis as unknown as { __hfContentStore?: ContentStore };

/** The process's content store (survives dev rebuilds, like the database client). */
export function contentStore(): ContentStore {
  state.__hfContentStore ??= createContentStore();
  return state.__hfContentStore;
}

/** Replaces the content store (tests point it at fixtures); undefined restores the default. */
export function setContentStore(store: ContentStore | undefined) {
  state.__hfContentStore = store;
}

/** Reads and validates every page; throws ContentError on invalid content (call at start-up). */
export async function loadKnowledgeContent(): Promise<number> {
  return (await contentStore().all()).size;
}

export interface KnowledgeSummary {
  slug: string;
  title: string;
  summary: string;
  lastReviewed: string;
  /** The language of the page shown; differs from the requested one when it fell back to nynorsk. */
  lang: Lang;
  fallback: boolean;
}

export interface KnowledgePage extends KnowledgeSummary {
  html: string;
  headings: Heading[];
  sources: SourceId[];
}

function pick(pages: Map<string, ContentPage>, lang: Lang, slug: string): { page: ContentPage; fallback: boolean } | null {
  const page = pages.get(`${lang}/${slug}`);
  if (page) return { page, fallback: false };
  const fallback = pages.get(`${DEFAULT_LANG}/${slug}`);
  return fallback ? { page: fallback, fallback: true } : null;
}

function summaryOf(page: ContentPage, fallback: boolean): KnowledgeSummary {
  return {
    slug: page.slug,
    title: page.frontmatter.title,
    summary: page.frontmatter.summary,
    lastReviewed: page.frontmatter.lastReviewed,
    lang: page.lang,
    fallback,
  };
}

async function pagesIn(lang: Lang): Promise<{ page: ContentPage; fallback: boolean }[]> {
  const store = contentStore();
  const [pages, slugs] = await Promise.all([store.all(), store.slugs()]);
  return slugs.map((slug) => pick(pages, lang, slug)).filter((p): p is { page: ContentPage; fallback: boolean } => p !== null);
}

/** All pages in the language (nynorsk where a translation is missing), sorted by title. */
export async function listKnowledgePages(lang: Lang): Promise<KnowledgeSummary[]> {
  const collator = new Intl.Collator(lang === "en" ? "en" : "nb");
  return (await pagesIn(lang)).map(({ page, fallback }) => summaryOf(page, fallback)).sort((a, b) => collator.compare(a.title, b.title));
}

/** One page, or null if the slug does not exist in the language or in nynorsk. */
export async function getKnowledgePage({ lang, slug }: { lang: Lang; slug: string }): Promise<KnowledgePage | null> {
  const found = pick(await contentStore().all(), lang, slug);
  if (!found) return null;
  const { page, fallback } = found;
  return { ...summaryOf(page, fallback), html: page.html, headings: page.headings, sources: page.frontmatter.sources };
}

// ---------------------------------------------------------------------------------------------
// Search

export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 10;

export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface KnowledgeHit {
  slug: string;
  title: string;
  lang: Lang;
  /** Plain text around the first hit, split so the hits can be highlighted (React escapes it). */
  snippet: SnippetPart[];
}

/** The words of a query: lower case, at most ten, duplicates removed. */
export function queryWords(q: string): string[] {
  const words = q
    .slice(0, MAX_QUERY_LENGTH)
    .toLowerCase()
    .split(/[\s,;:!?«»"“”()]+/)
    .map((w) => w.replace(/^[.'’-]+|[.'’-]+$/g, ""))
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_WORDS);
}

function countOf(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

/** Splits text into parts with every occurrence of a word marked as a hit. */
export function highlight(text: string, words: string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const source = lower.length === text.length ? text : lower;
  const marks = new Array<boolean>(source.length).fill(false);
  for (const word of words) {
    for (let i = lower.indexOf(word); i !== -1; i = lower.indexOf(word, i + word.length)) marks.fill(true, i, i + word.length);
  }
  const parts: SnippetPart[] = [];
  for (let i = 0; i < source.length;) {
    let j = i;
    while (j < source.length && marks[j] === marks[i]) j++;
    parts.push({ text: source.slice(i, j), hit: marks[i] === true });
    i = j;
  }
  return parts;
}

/** About `before` characters before the first hit and `after` after it, cut at spaces. */
export function snippetAround(text: string, words: string[], before = 80, after = 160): SnippetPart[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const lower = flat.toLowerCase();
  const positions = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  const first = positions.length ? Math.min(...positions) : 0;
  let start = Math.max(0, first - before);
  let end = Math.min(flat.length, first + after);
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space !== -1 && space < first ? space + 1 : start;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    end = space > first ? space : end;
  }
  const piece = (start > 0 ? "…" : "") + flat.slice(start, end) + (end < flat.length ? "…" : "");
  return highlight(piece, words);
}

/**
 * Knowledge pages in the language (nynorsk where a translation is missing) that contain every word
 * of the query in their title, summary or text (case-insensitive). Ranked by hits in the title,
 * then in the summary, then in the text.
 */
export async function searchContent({ q, lang }: { q: string; lang: Lang }): Promise<KnowledgeHit[]> {
  const words = queryWords(q);
  if (!words.length) return [];
  const scored: { hit: KnowledgeHit; score: [number, number, number] }[] = [];
  for (const { page } of await pagesIn(lang)) {
    const title = page.frontmatter.title.toLowerCase();
    const summary = page.frontmatter.summary.toLowerCase();
    const body = page.text.toLowerCase();
    if (!words.every((w) => title.includes(w) || summary.includes(w) || body.includes(w))) continue;
    const score: [number, number, number] = [0, 0, 0];
    for (const w of words) {
      score[0] += countOf(title, w);
      score[1] += countOf(summary, w);
      score[2] += countOf(body, w);
    }
    const inBody = words.some((w) => body.includes(w));
    scored.push({
      hit: {
        slug: page.slug,
        title: page.frontmatter.title,
        lang: page.lang,
        snippet: inBody ? snippetAround(page.text, words) : snippetAround(page.frontmatter.summary, words),
      },
      score,
    });
  }
  scored.sort((a, b) => b.score[0] - a.score[0] || b.score[1] - a.score[1] || b.score[2] - a.score[2] || a.hit.title.localeCompare(b.hit.title));
  return scored.map((s) => s.hit);
}
