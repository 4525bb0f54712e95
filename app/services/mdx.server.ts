/**
 * Knowledge pages: MDX files under `content/<lang>/<slug>.mdx`, compiled with mdx-bundler on the
 * server and rendered to static HTML on the server (docs: issue 5).
 *
 * - MDX is code. It is compiled only from files in the content directory, never from anything a
 *   user sent, and only once per content version: compiled code and rendered HTML are cached by a
 *   SHA-256 of (compiler version, language, file contents), in memory and on disk (.cache/mdx/).
 * - The browser never evaluates MDX: the page is rendered here with renderToStaticMarkup and the
 *   route sends the HTML string (the strict CSP forbids eval; no MDX code is hydrated).
 * - Production reads the files once (first request or start-up); a content change shows after a
 *   restart, without a rebuild. In development every request checks the files' mtime, so an edit
 *   shows at once.
 * - Frontmatter is validated with zod; an invalid file fails loudly (ContentError).
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { createElement, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { z } from "zod";
import type { Element, Root } from "hast";
import { toText } from "hast-util-to-text";
import { env } from "./env.server";
import { slugify } from "./slug";

export const CONTENT_LANGS = ["nn", "nb", "en"] as const;
export type ContentLang = (typeof CONTENT_LANGS)[number];
export const SOURCE_IDS = ["000", "001", "002", "003", "004"] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** Bump when the compile options or the element mapping change: it invalidates every cache entry. */
const COMPILER_VERSION = "knowledge-mdx-1";

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: "lastReviewed must be a date written YYYY-MM-DD",
  });

export function frontmatterSchema(folderLang: ContentLang) {
  return z
    .object({
      title: z.string().trim().min(1, "title is required"),
      summary: z.string().trim().min(1, "summary is required"),
      language: z.enum(CONTENT_LANGS).refine((l) => l === folderLang, { message: `language must be "${folderLang}" (the folder it is in)` }),
      sources: z.array(z.enum(SOURCE_IDS)),
      lastReviewed: isoDate,
    })
    .strict();
}
export type Frontmatter = z.output<ReturnType<typeof frontmatterSchema>>;

export interface Heading {
  level: 2 | 3 | 4;
  id: string;
  text: string;
}

export interface ContentPage {
  lang: ContentLang;
  slug: string;
  hash: string;
  frontmatter: Frontmatter;
  /** Static HTML of the body (no h1: the route renders the title). Trusted: compiled from content/. */
  html: string;
  headings: Heading[];
  /** The body as plain text (for search). */
  text: string;
}

export class ContentError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

/** Counters for tests and the benchmark: how often the expensive steps really ran. */
export const mdxStats = { compiles: 0, renders: 0, diskHits: 0 };

// ---------------------------------------------------------------------------------------------
// Compile (mdx-bundler) and render (React on the server), both cached by content hash.

const externalLinkText: Record<ContentLang, string> = { nn: "(ekstern lenke)", nb: "(ekstern lenke)", en: "(external link)" };

/** Intrinsic elements that get Designsystemet classes, whether written in Markdown or as JSX. */
const MAPPED = new Set(["h2", "h3", "h4", "p", "a", "ul", "ol", "table", "blockquote", "img"]);

interface HastLike {
  type: string;
  tagName?: string;
  name?: string | null;
  value?: string;
  properties?: Record<string, unknown>;
  data?: Record<string, unknown>;
  children?: HastLike[];
}

/** Heading anchors: ~/services/slug's slugify (æ, ø, å spelt out), never cut short, "del" when nothing is left. */
function headingId(text: string): string {
  return slugify(text, { maxLength: Number.POSITIVE_INFINITY, fallback: "del" });
}

/**
 * The tree as plain HTML for its text: JSX written in MDX with an HTML tag name (`<table>`,
 * `<figure>`) becomes that element, fragments give their children; SVG (figures), expressions and
 * ESM give no text.
 */
function asHtml(node: HastLike): HastLike[] {
  const children = () => (node.children ?? []).flatMap(asHtml);
  if (node.type === "text") return [node];
  if (node.type === "element") return node.tagName === "svg" ? [] : [{ ...node, children: children() }];
  if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
    if (!node.name) return children();
    return node.name === "svg" || !/^[a-z][a-z0-9]*$/.test(node.name) ? [] : [{ type: "element", tagName: node.name, properties: {}, children: children() }];
  }
  return node.type === "root" ? [{ ...node, children: children() }] : [];
}

/** Plain text of a page (for search), as a browser lays it out (hast-util-to-text), whitespace folded. */
export function plainText(tree: HastLike): string {
  const [root] = asHtml(tree);
  return toText(root as unknown as Root, { whitespace: "normal" })
    .replace(/[ \t\r\f\v]+/g, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
}

/**
 * A rehype plugin: gives every h2–h4 a unique id (for the table of contents and anchors), lets
 * JSX written in MDX (`<table>`, `<a>` in a table) go through the same component map as Markdown,
 * and hands the page's plain text to `out`.
 */
function rehypeKnowledge(out: { text: string }) {
  return (tree: HastLike) => {
    const used = new Map<string, number>();
    const walk = (node: HastLike) => {
      if (node.type === "element" && node.tagName && /^h[234]$/.test(node.tagName)) {
        node.properties ??= {};
        if (!node.properties.id) {
          const base = headingId(toText(node as unknown as Element));
          const n = used.get(base) ?? 0;
          used.set(base, n + 1);
          node.properties.id = n === 0 ? base : `${base}-${n + 1}`;
        }
      }
      if ((node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name && MAPPED.has(node.name) && node.data) {
        delete node.data._mdxExplicitJsx;
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
    out.text = plainText(tree);
  };
}

async function compile(source: string): Promise<{ code: string; frontmatter: Record<string, unknown>; text: string }> {
  mdxStats.compiles++;
  const out = { text: "" };
  const result = await bundleMDX({
    source,
    mdxOptions(options) {
      options.rehypePlugins = [...(options.rehypePlugins ?? []), [rehypeKnowledge, out]];
      return options;
    },
    // No imports: content is self-contained, so nothing from disk or the network is bundled in.
    esbuildOptions(options) {
      options.minify = false;
      return options;
    },
  });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join("; "));
  return { code: result.code, frontmatter: result.frontmatter as Record<string, unknown>, text: out.text };
}

function textOf(children: ReactNode): string {
  if (children == null || typeof children === "boolean") return "";
  if (typeof children === "string" || typeof children === "number") return String(children);
  if (Array.isArray(children)) return children.map(textOf).join("");
  if (typeof children === "object" && "props" in children) return textOf((children.props as { children?: ReactNode }).children);
  return "";
}

function isExternal(href: string | undefined): boolean {
  return !!href && /^https?:\/\//i.test(href);
}

function components(lang: ContentLang, headings: Heading[]) {
  const heading = (level: 2 | 3 | 4, size: string) =>
    function Heading({ id, children, className, ...rest }: ComponentPropsWithoutRef<"h2">) {
      if (id) headings.push({ level, id, text: textOf(children).trim() });
      return createElement(`h${level}`, { ...rest, id, className: cx("ds-heading", className), "data-size": size }, children);
    };
  return {
    h2: heading(2, "md"),
    h3: heading(3, "sm"),
    h4: heading(4, "xs"),
    p: ({ className, ...rest }: ComponentPropsWithoutRef<"p">) => createElement("p", { ...rest, className: cx("ds-paragraph", className) }),
    ul: ({ className, ...rest }: ComponentPropsWithoutRef<"ul">) => createElement("ul", { ...rest, className: cx("ds-list", className) }),
    ol: ({ className, ...rest }: ComponentPropsWithoutRef<"ol">) => createElement("ol", { ...rest, className: cx("ds-list", className) }),
    a: ({ className, href, children, rel, ...rest }: ComponentPropsWithoutRef<"a">) => {
      const external = isExternal(href);
      return createElement(
        "a",
        { ...rest, href, className: cx("ds-link", className), rel: external ? cx("noopener", rel) : rel },
        children,
        external ? createElement("span", { className: "ds-sr-only" }, ` ${externalLinkText[lang]}`) : null,
      );
    },
    table: ({ className, ...rest }: ComponentPropsWithoutRef<"table">) =>
      createElement("div", { className: "table-wrap" }, createElement("table", { ...rest, className: cx("ds-table", className), "data-border": "true", "data-size": "md" })),
    blockquote: ({ className, ...rest }: ComponentPropsWithoutRef<"blockquote">) =>
      createElement("blockquote", { ...rest, className: cx("ds-alert", className), "data-color": "info" }),
    img: (props: ComponentPropsWithoutRef<"img">) => createElement("img", { loading: "lazy", ...props }),
  };
}

function cx(...names: (string | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

function render(code: string, lang: ContentLang): { html: string; headings: Heading[] } {
  mdxStats.renders++;
  const headings: Heading[] = [];
  const Component = getMDXComponent(code);
  const html = renderToStaticMarkup(createElement(Component, { components: components(lang, headings) }));
  return { html, headings };
}

interface CacheEntry {
  frontmatter: Record<string, unknown>;
  html: string;
  headings: Heading[];
  /** The page's plain text (for search), from the compiled tree. */
  text: string;
}

/** In-memory results by hash, shared by every store in the process (a content version is immutable). */
const memory = new Map<string, Promise<CacheEntry>>();

export function contentHash(lang: string, source: string): string {
  return createHash("sha256").update(COMPILER_VERSION).update("\0").update(lang).update("\0").update(source).digest("hex");
}

async function readDisk(dir: string | null, hash: string): Promise<CacheEntry | null> {
  if (!dir) return null;
  try {
    const entry = JSON.parse(await fs.readFile(path.join(dir, `${hash}.json`), "utf8")) as CacheEntry;
    if (typeof entry.html !== "string" || !Array.isArray(entry.headings) || typeof entry.text !== "string") return null;
    mdxStats.diskHits++;
    return entry;
  } catch {
    return null;
  }
}

async function writeDisk(dir: string | null, hash: string, entry: CacheEntry) {
  if (!dir) return;
  try {
    await fs.mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `${hash}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    await fs.writeFile(tmp, JSON.stringify(entry));
    await fs.rename(tmp, path.join(dir, `${hash}.json`));
  } catch {
    // The disk cache is an optimisation only (a read-only file system is fine).
  }
}

function compiled(hash: string, lang: ContentLang, source: string, diskCacheDir: string | null): Promise<CacheEntry> {
  let entry = memory.get(hash);
  if (!entry) {
    entry = (async () => {
      const cached = await readDisk(diskCacheDir, hash);
      if (cached) return cached;
      const { code, frontmatter, text } = await compile(source);
      const { html, headings } = render(code, lang);
      const result: CacheEntry = { frontmatter, html, headings, text };
      await writeDisk(diskCacheDir, hash, result);
      return result;
    })();
    entry.catch(() => memory.delete(hash));
    memory.set(hash, entry);
  }
  return entry;
}

/** Forgets the in-memory cache (tests only). */
export function clearMdxMemoryCache() {
  memory.clear();
}

// ---------------------------------------------------------------------------------------------
// The store: which pages exist, loaded once (production) or checked on every call (development).

export interface ContentStoreOptions {
  /** The content directory (default: `content/` under the working directory). */
  dir?: string;
  /** Where compiled pages are cached on disk; null for none (default: `.cache/mdx/`). */
  diskCacheDir?: string | null;
  /** "development" re-checks files on every call; "production" reads them once. */
  mode?: "development" | "production";
}

interface FileState {
  mtimeMs: number;
  size: number;
  hash: string;
  page: ContentPage;
}

export interface ContentStore {
  /** Every page, keyed `lang/slug`. Validates all files; throws ContentError if any is invalid. */
  all(): Promise<Map<string, ContentPage>>;
  page(lang: ContentLang, slug: string): Promise<ContentPage | null>;
  /** The slugs that exist in at least one language, sorted. */
  slugs(): Promise<string[]>;
}

export function createContentStore(options: ContentStoreOptions = {}): ContentStore {
  const dir = path.resolve(options.dir ?? path.join(process.cwd(), "content"));
  const diskCacheDir = options.diskCacheDir === undefined ? path.join(process.cwd(), ".cache", "mdx") : options.diskCacheDir;
  const mode = options.mode ?? (env().NODE_ENV === "development" ? "development" : "production");
  const files = new Map<string, FileState>();
  let loaded: Promise<Map<string, ContentPage>> | null = null;
  let slugList: string[] = [];

  async function loadFile(lang: ContentLang, slug: string, file: string, stat: { mtimeMs: number; size: number }): Promise<ContentPage> {
    const known = files.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.page;
    const source = await fs.readFile(file, "utf8");
    const hash = contentHash(lang, source);
    if (known && known.hash === hash) {
      files.set(file, { ...known, mtimeMs: stat.mtimeMs, size: stat.size });
      return known.page;
    }
    const relative = path.relative(process.cwd(), file) || file;
    if (!/^---\r?\n/.test(source)) throw new ContentError(`Invalid content file ${relative}`, ["frontmatter is missing"]);
    const entry = await compiled(hash, lang, source, diskCacheDir);
    const parsed = frontmatterSchema(lang).safeParse(entry.frontmatter);
    if (!parsed.success) {
      throw new ContentError(
        `Invalid frontmatter in ${relative}`,
        parsed.error.issues.map((i) => `${i.path.join(".") || "frontmatter"}: ${i.message}`),
      );
    }
    const page: ContentPage = { lang, slug, hash, frontmatter: parsed.data, html: entry.html, headings: entry.headings, text: entry.text };
    files.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, hash, page });
    return page;
  }

  async function scan(): Promise<Map<string, ContentPage>> {
    const pages = new Map<string, ContentPage>();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const lang of CONTENT_LANGS) {
      let names: string[] = [];
      try {
        names = (await fs.readdir(path.join(dir, lang))).filter((n) => n.endsWith(".mdx")).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      for (const name of names) {
        const slug = name.slice(0, -4);
        const file = path.join(dir, lang, name);
        if (!SLUG_RE.test(slug)) {
          problems.push(`${lang}/${name}: the file name must be a slug (a-z, 0-9 and hyphens)`);
          continue;
        }
        seen.add(file);
        try {
          const stat = await fs.stat(file);
          pages.set(`${lang}/${slug}`, await loadFile(lang, slug, file, stat));
        } catch (error) {
          if (error instanceof ContentError) problems.push(...error.problems.map((p) => `${lang}/${name}: ${p}`));
          else problems.push(`${lang}/${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    for (const file of files.keys()) if (!seen.has(file)) files.delete(file);
    if (problems.length) throw new ContentError(`Invalid content in ${dir}`, problems);
    slugList = [...new Set([...pages.values()].map((p) => p.slug))].sort();
    return pages;
  }

  function all(): Promise<Map<string, ContentPage>> {
    if (mode === "development") return scan();
    if (!loaded) {
      loaded = scan();
      loaded.catch(() => {
        loaded = null;
      });
    }
    return loaded;
  }

  return {
    all,
    async page(lang, slug) {
      if (!SLUG_RE.test(slug)) return null;
      return (await all()).get(`${lang}/${slug}`) ?? null;
    },
    async slugs() {
      await all();
      return slugList;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checks on rendered pages (used by the content tests; cheap enough for start-up as well).

/**
 * Problems in a rendered page: internal links (href starting with "/") to paths that do not exist,
 * in-page anchors that do not exist, images without alt text (an empty alt only on images marked
 * decorative with role="presentation" or aria-hidden), and any <script>.
 */
export function pageProblems(page: Pick<ContentPage, "html" | "lang" | "slug">, isKnownPath: (pathname: string) => boolean): string[] {
  const where = `${page.lang}/${page.slug}`;
  const problems: string[] = [];
  const ids = new Set([...page.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  for (const m of page.html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
    const href = (m[1] ?? "").replace(/&amp;/g, "&");
    if (href.startsWith("#")) {
      if (!ids.has(decodeURIComponent(href.slice(1)))) problems.push(`${where}: link to a missing anchor ${href}`);
    } else if (href.startsWith("/") && !href.startsWith("//")) {
      const pathname = href.split(/[?#]/)[0] ?? "";
      if (!isKnownPath(pathname)) problems.push(`${where}: broken internal link ${href}`);
    } else if (!/^(https?:|mailto:|tel:)/i.test(href)) {
      problems.push(`${where}: link with an unexpected address ${href}`);
    }
  }
  for (const m of page.html.matchAll(/<img\b[^>]*>/gi)) {
    const tag = m[0];
    const alt = /\salt="([^"]*)"/i.exec(tag);
    const decorative = /\srole="(presentation|none)"/i.test(tag) || /\saria-hidden="true"/i.test(tag);
    if (!alt) problems.push(`${where}: image without alt text ${tag}`);
    else if (!(alt[1] ?? "").trim() && !decorative) problems.push(`${where}: image with empty alt text that is not marked decorative ${tag}`);
  }
  if (/<script\b/i.test(page.html)) problems.push(`${where}: contains a <script>`);
  return problems;
}
