/**
 * The HTTP edge of the production server (server.ts, issue 11): body limits counted while
 * streaming (413 before a route reads anything), 400/404 instead of 500 for control characters,
 * impossible ids and malformed forms, same-origin redirects at the three entry points,
 * `private, no-store` for signed-in users, no trusted proxy by default, and production refusing
 * demo mode. Raw fetch against the built server, no browser.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/net";
import { spawnServer, startApp, type AppServer } from "./support";
import { present } from "../support/one";

let app: AppServer;
beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_LOGIN: "4", FORM_MIN_FILL_SECONDS: "0" });
});
afterAll(async () => {
  await app?.stop();
});

const form = { "Content-Type": "application/x-www-form-urlencoded" };
const post = (path: string, body: BodyInit, headers: Record<string, string> = form) => fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", headers, body });
const sessionCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith("hf_session="))
    ?.split(";")[0];
async function signIn(email = "sekretariat@demo.no") {
  const res = await post("/logg-inn", new URLSearchParams({ email, password: "demo-passord", redirectTo: "/" }).toString());
  expect(res.status).toBe(302);
  return sessionCookie(res)!;
}
/** Resident memory of the server process in bytes (Linux). */
function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;
}
/** A body of `bytes` bytes sent in chunks without a Content-Length (Transfer-Encoding: chunked). */
function chunkedBody(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new TextEncoder().encode("a=" + "x".repeat(64 * 1024 - 2));
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

describe("request bodies are limited per route before any route reads them (finding 9)", () => {
  it("answers an 80 MB urlencoded POST to /sprak with 413 without reading it into memory", async () => {
    const before = rssOf(app.pid);
    const res = await post("/sprak", "lang=en&redirectTo=" + "x".repeat(80 * 1024 * 1024));
    expect(res.status).toBe(413);
    const growth = rssOf(app.pid) - before;
    console.log(
      `80 MB POST /sprak: 413, server RSS ${(before / 2 ** 20).toFixed(1)} → ${((before + growth) / 2 ** 20).toFixed(1)} MB (growth ${(growth / 2 ** 20).toFixed(1)} MB)`,
    );
    expect(growth).toBeLessThan(50 * 2 ** 20);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("answers a chunked body without Content-Length over the limit with 413 (the count, not the header)", async () => {
    for (const path of ["/sprak", "/logg-inn", "/saker/spor/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "/sekretariat/saker/00000000-0000-0000-0000-000000000000"]) {
      const res = await fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", headers: form, body: chunkedBody(2 * 1024 * 1024), duplex: "half" } as RequestInit);
      expect(res.status, path).toBe(413);
    }
  });

  it("answers a big sign-in body with 413 and no session", async () => {
    const res = await post("/logg-inn", new URLSearchParams({ email: "sekretariat@demo.no", password: "demo-passord", redirectTo: "/", pad: "x".repeat(1024 * 1024) }).toString());
    expect(res.status).toBe(413);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it("still takes the public form with three 3 MB attachments", async () => {
    const html = await (await fetch(`${app.url}/saker/ny`)).text();
    const token = present(/name="skjemaStarta" value="([^"]+)"/.exec(html)?.[1], "the form-start token");
    const body = new FormData();
    const fields: Record<string, string> = {
      idempotencyKey: crypto.randomUUID(),
      title: "Betre samhandling om individuell plan",
      submitterName: "Kari Innbyggjar",
      submitterEmail: "kari@example.no",
      submitterDate: "2024-02-20",
      background: "Delavtale 2.",
      urgency: "normal",
      skjemaStarta: token,
      nettside: "",
    };
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    const pdf = new Uint8Array(3 * 1024 * 1024).fill(0x20);
    pdf.set(new TextEncoder().encode("%PDF-1.4\n"));
    for (let i = 1; i <= 3; i++) body.append("attachments", new File([pdf], `vedlegg-${i}.pdf`, { type: "application/pdf" }));
    const res = await fetch(`${app.url}/saker/ny`, { method: "POST", redirect: "manual", body });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/saker/ny/kvittering");
  });
});

describe("400 and 404 instead of 500 (finding 13)", () => {
  it("refuses NUL and other control characters in the query or path with 400", async () => {
    const cookie = await signIn();
    for (const path of ["/saker?q=%00", "/sok?q=%00", "/sekretariat?q=%00", "/saker/%00", "/saker/%00.data", "/saker?q=a%1Fb", "/kunnskap/%7F"]) {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
      expect(res.status, path).toBe(400);
    }
  });

  it("answers an id no database column can hold with 404", async () => {
    const cookie = await signIn();
    for (const path of [
      "/utval/ssu/moter/99999999999999999999",
      "/utval/ssu/moter/99999999999999999999.data",
      "/utval/ssu/moter/2147483648",
      "/utval/ssu/moter/-1/referat",
      "/utval/ssu/moter/1e3/mote.ics",
      "/utval/ssu/moter/99999999999999999999/referat.pdf",
      "/sjekkliste/runde/99999999999999999999",
    ]) {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
      expect(res.status, path).toBe(404);
    }
    const overflowFilter = await fetch(`${app.url}/sekretariat?body=99999999999999999999`, { headers: { Cookie: cookie } });
    expect(overflowFilter.status).toBe(200);
    const overflowRound = await fetch(`${app.url}/dashbord?runde=99999999999`, { headers: { Cookie: cookie } });
    expect(overflowRound.status).toBe(200);
  });

  it("answers a malformed multipart body with 400 on every kind of action", async () => {
    const cookie = await signIn();
    const broken = { "Content-Type": "multipart/form-data; boundary=XYZ", Cookie: cookie };
    const body = '--XYZ\r\nContent-Disposition: form-data; name="lang"\r\n\r\nen'; // no closing boundary
    for (const path of ["/sprak", "/logg-inn", "/profil/passord", "/sekretariat/saker/00000000-0000-0000-0000-000000000000", "/utval/ssu/moter/ny", "/handlingsplanar/ny"]) {
      const res = await post(path, body, broken);
      expect(res.status, path).toBe(400);
    }
  });
});

describe("redirects stay on this site at every entry point (finding 5)", () => {
  const evil = "/.//evil.example/phish";
  it("GET /logg-inn?redirectTo=… for a signed-in user", async () => {
    const cookie = await signIn();
    const res = await fetch(`${app.url}/logg-inn?redirectTo=${encodeURIComponent(evil)}`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(res.status).toBe(302);
    // An unsafe target falls back to the signed-in home page (issue 14), never to the other site.
    expect(res.headers.get("location")).toBe("/mi-side");
  });
  it("the sign-in POST", async () => {
    const res = await post("/logg-inn", new URLSearchParams({ email: "sekretariat@demo.no", password: "demo-passord", redirectTo: evil }).toString());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/mi-side");
  });
  it("POST /sprak", async () => {
    const res = await post("/sprak", new URLSearchParams({ lang: "en", redirectTo: evil }).toString());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });
});

describe("signed-in responses are private, no-store (finding 14)", () => {
  it("on documents, data requests, resource routes and downloads of a signed-in user", async () => {
    const cookie = await signIn();
    for (const path of ["/sekretariat", "/sekretariat.data", "/", "/_root.data", "/saker", "/dashbord/tabell/status.csv", "/utval/ssu", "/finst-ikkje"]) {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
      expect(res.headers.get("cache-control"), `${path} (${res.status})`).toBe("private, no-store");
      await res.arrayBuffer();
    }
  });
  it("not on anonymous public pages and static files", async () => {
    const page = await fetch(`${app.url}/saker`);
    expect(page.headers.get("cache-control") ?? "").not.toContain("no-store");
    const cookie = await signIn();
    const stat = await fetch(`${app.url}/favicon.svg`, { headers: { Cookie: cookie } });
    expect(stat.headers.get("cache-control") ?? "").not.toContain("no-store");
  });
});

describe("no proxy is trusted by default (finding 17)", () => {
  it("rotating X-Forwarded-For from loopback does not change the sign-in limit's key", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post("/logg-inn", new URLSearchParams({ email: `ukjend-xff${i}@demo.no`, password: "feil", redirectTo: "/" }).toString(), {
        ...form,
        "X-Forwarded-For": `203.0.113.${10 + i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
  });
});

describe("production refuses demo mode (finding 10)", () => {
  it("exits non-zero with a clear message when NODE_ENV=production has no DATABASE_URL", async () => {
    await expect(spawnServer({ DATABASE_URL: "", DEMO_MODE: "", DATA_DIR: `${app.dataDir}/refused` }, await freePort())).rejects.toThrow(
      /exited 1[\s\S]*DATABASE_URL is required in production/,
    );
  });
  it("exits non-zero on a weak SESSION_SECRET", async () => {
    await expect(spawnServer({ DATABASE_URL: "", SESSION_SECRET: "demo-session-secret-not-for-production", DATA_DIR: `${app.dataDir}/weak` }, await freePort())).rejects.toThrow(
      /SESSION_SECRET is too weak/,
    );
  });
});
