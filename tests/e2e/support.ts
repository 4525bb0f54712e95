/**
 * e2e harness: starts the built app (build/server.js) on a free port with a fresh embedded database and
 * an in-process SMTP server, and drives Debian's Chromium with playwright-core. Every page we
 * visit is checked with axe for WCAG 2.1 A/AA.
 */
import AxeBuilder from "@axe-core/playwright";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import postgres from "postgres";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { startSmtpServer } from "../support/smtp";
import { freePort } from "../support/net";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROOT = path.resolve(import.meta.dirname, "../..");

export interface AppServer {
  url: string;
  dataDir: string;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  logs: string[];
  /** The server process (the cluster's primary with WEB_CONCURRENCY > 1). */
  pid: number;
  /** Sends a signal to the server process. */
  signal(sig: NodeJS.Signals): void;
  /** Resolves with the exit code when the server process ends. */
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes (throws, naming
 * `what`). Only for events outside the test's control — a server coming up, the app's mail worker
 * reaching the SMTP server on its own timer, another process's state; never as a fixed sleep.
 */
export async function waitFor<T>(
  what: string | (() => string),
  check: () => T | Promise<T>,
  { timeoutMs = 30_000, everyMs = 250 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Starts the built server (build/server.js) on `port` (production mode, APP_URL to match) with `env` on top, and
 * resolves once /helse answers 200; its stdout and stderr gather in `logs`.
 */
export async function spawnServer(env: Record<string, string>, port: number): Promise<{ url: string; child: ChildProcess; logs: string[] }> {
  const logs: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: ROOT,
    // Production refuses demo mode and weak secrets (env.server.ts): the embedded-database test
    // servers are deliberate demo instances with a strong random secret unless `env` says otherwise.
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", APP_URL: url, DEMO_MODE: "1", SESSION_SECRET: randomBytes(32).toString("hex"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => logs.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => logs.push(d.toString()));
  await waitFor(
    () => `server did not start: ${logs.join("")}`,
    async () => {
      if (child.exitCode != null) throw new Error(`server exited ${child.exitCode}: ${logs.join("")}`);
      try {
        return (await fetch(`${url}/helse`)).ok;
      } catch {
        return false; // not up yet
      }
    },
    { timeoutMs: 90_000 },
  );
  return { url, child, logs };
}

/** `port`: a free port the test chose (e.g. to register the app's URL elsewhere first); default: one found here. */
export async function startApp(extraEnv: Record<string, string> = {}, port?: number): Promise<AppServer> {
  if (!existsSync(path.join(ROOT, "build/server.js"))) throw new Error("No build: run `npm run test:e2e` (it builds first).");
  port ??= await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "hf-e2e-"));
  const smtp = await startSmtpServer();
  const { url, child, logs } = await spawnServer(
    {
      DATA_DIR: path.join(dataDir, "pglite"),
      SMTP_URL: smtp.url,
      PASSWORD_HASH_COST: "12",
      DATABASE_URL: "",
      ...extraEnv,
    },
    port,
  );
  return {
    url,
    dataDir,
    smtp,
    logs,
    pid: child.pid!,
    signal: (sig) => child.kill(sig),
    exited: () => new Promise((r) => (child.exitCode != null ? r(child.exitCode) : child.once("exit", (code) => r(code)))),
    async stop() {
      if (child.exitCode == null) child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode != null ? r(null) : child.once("exit", r)));
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
  });
}

/** One app + one browser for a test file. */
export function useApp(extraEnv: Record<string, string> = {}) {
  const ctx: { app: AppServer; browser: Browser } = {} as never;
  beforeAll(async () => {
    ctx.app = await startApp(extraEnv);
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.stop();
  });
  return ctx;
}

export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; cspViolations: string[]; dialogs: string[]; hydrationErrors: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, locale: "nn-NO" });
  const page = await context.newPage();
  if (options.javaScriptEnabled === false) noScriptPages.add(page);
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  const cspViolations: string[] = [];
  const dialogs: string[] = [];
  const hydrationErrors: string[] = [];
  // React's hydration mismatches (production codes 418/419/422/423/425): e.g. messages the browser lacks.
  const hydration = /hydrat|Minified React error #4(18|19|22|23|25)/i;
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    if (msg.type() === "error" && hydration.test(msg.text())) hydrationErrors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (error) => {
    if (hydration.test(error.message)) hydrationErrors.push(`${page.url()}: ${error.message}`);
  });
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return { context, page, cspViolations, dialogs, hydrationErrors };
}

const noScriptPages = new WeakSet<Page>();

/**
 * axe needs JavaScript in the page. For a page opened with JavaScript off, the DOM it shows is
 * replayed (scripts stripped) at the same URL in a scripting context, so styles and the exact
 * no-JS markup are what axe checks.
 */
async function axeTarget(page: Page): Promise<{ target: Page; done: () => Promise<void> }> {
  if (!noScriptPages.has(page)) return { target: page, done: async () => {} };
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const url = page.url();
  const browser = page.context().browser()!;
  const context = await browser.newContext({ locale: "nn-NO" });
  const target = await context.newPage();
  await target.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await target.goto(url);
  return { target, done: () => context.close() };
}

/** axe with the WCAG 2.1 A/AA tags; fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const { target, done } = await axeTarget(page);
  const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await done();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function signIn(page: Page, baseUrl: string, email: string, password = "demo-passord") {
  await page.goto(`${baseUrl}/logg-inn`);
  await page.getByLabel(/E-postadresse|E-mail address/).fill(email);
  await page.getByLabel(/^Passord$|^Password$/).fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/logg-inn")), page.getByRole("button", { name: /Logg inn|Sign in/ }).click()]);
}

/**
 * A fresh PostgreSQL database for tests that run several app processes on one database, or null
 * (with a warning) when PostgreSQL is not reachable. TEST_DATABASE_URL names the server.
 */
export async function createThrowawayDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> } | null> {
  const base = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    console.warn(`${prefix}: these tests need PostgreSQL at ${base}: ${(error as Error).message}`);
    await admin.end();
    return null;
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
