/**
 * Logs never carry personal data: a full flow through the built server (a case submitted with
 * canary strings in every free-text field, a canary e-mail and phone, the receipt and tracking
 * page, a failed and a good sign-in, the secretariat's pages, search, the mail worker sending the
 * receipt), then every line the server wrote is checked: JSON, a request id on every request
 * line, and no canary, e-mail address, phone number, cookie value or tracking token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type AppServer } from "./support";
import { first, present } from "../support/one";

let app: AppServer;
beforeAll(async () => {
  // No minimum fill time (security-http.e2e.test.ts proves it): the flow posts the form at once.
  app = await startApp({ LOG_LEVEL: "debug", FORM_MIN_FILL_SECONDS: "0" });
});
afterAll(async () => {
  await app?.stop();
});

const C = "KANARI7f3a";
const CANARY_EMAIL = "kanari.7f3a@example.no";
const CANARY_PHONE = "+47 913 57 246";
const FREE_TEXT = [
  "title",
  "submitterName",
  "submitterOrg",
  "submitterRef",
  "background",
  "problem",
  "patientGroups",
  "serviceProviders",
  "changeNeeds",
  "triedBefore",
  "proposal",
  "economy",
  "referencesText",
  "agreementPoints",
];
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

const secrets = new Set<string>();
function remember(res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const value = first(c.split(";")).split("=").slice(1).join("=");
    if (value.length > 8) secrets.add(value);
  }
  return res;
}
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

describe("logs across a full flow", () => {
  it("contain no free text, e-mail address, phone number, cookie or token, and every request line is JSON with a request id", async () => {
    let requests = 0;
    const get = async (path: string, cookie?: string) => {
      requests++;
      return remember(await fetch(app.url + path, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} }));
    };
    const post = async (path: string, body: BodyInit, cookie?: string, headers: Record<string, string> = {}) => {
      requests++;
      return remember(await fetch(app.url + path, { method: "POST", redirect: "manual", body, headers: { Origin: app.url, ...(cookie ? { Cookie: cookie } : {}), ...headers } }));
    };

    // 1. Submit a case with canaries everywhere.
    const formHtml = await (await get("/saker/ny")).text();
    const started = present(/name="skjemaStarta" value="([^"]+)"/.exec(formHtml)?.[1], "the form-start token");
    const form = new FormData();
    for (const name of FREE_TEXT) form.append(name, `${C}-${name} <script>alert("${C}")</script>`);
    form.append("submitterEmail", CANARY_EMAIL);
    form.append("submitterPhone", CANARY_PHONE);
    form.append("submitterDate", "2024-02-20");
    form.append("urgency", "high");
    form.append("partyNumber", "1506");
    form.append("idempotencyKey", crypto.randomUUID());
    form.append("skjemaStarta", started);
    form.append("nettside", "");
    form.append("attachments", new File([PDF], `${C}-vedlegg.pdf`, { type: "application/pdf" }));
    const submitted = await post("/saker/ny", form);
    expect(submitted.status).toBe(303);
    const receiptCookie = cookieOf(submitted, "hf_case_receipt")!;
    const receipt = await (await get("/saker/ny/kvittering", receiptCookie)).text();
    const tracking = present(/\/saker\/spor\/([A-Za-z0-9_-]{30,})/.exec(receipt)?.[1], "the tracking link");
    secrets.add(tracking);
    expect((await get(`/saker/spor/${tracking}`)).status).toBe(200);
    // An invalid submission echoes the texts back to the browser, never to the log.
    const invalid = new FormData();
    invalid.append("title", `${C}-invalid`);
    invalid.append("submitterEmail", `ikkje-${CANARY_EMAIL}`);
    expect((await post("/saker/ny", invalid)).status).toBe(400);

    // 2. Sign-in: a failure with a canary address, then the secretariat.
    const signIn = (email: string, password: string) =>
      post("/logg-inn", new URLSearchParams({ email, password, redirectTo: "/" }), undefined, { "Content-Type": "application/x-www-form-urlencoded" });
    expect((await signIn(`feil-${CANARY_EMAIL}`, `${C}-passord`)).status).toBe(400);
    const ok = await signIn("sekretariat@demo.no", "demo-passord");
    expect(ok.status).toBe(302);
    const session = cookieOf(ok, "hf_session")!;

    // 3. Pages with the session, including the new case and search with canary words.
    const inbox = await (await get("/sekretariat", session)).text();
    const caseId = /href="\/sekretariat\/saker\/([0-9a-f-]{36})"/.exec(inbox)?.[1];
    expect(caseId).toBeTruthy();
    expect((await get(`/sekretariat/saker/${caseId}`, session)).status).toBe(200);
    for (const path of ["/", "/saker", `/saker?q=${C}`, `/sok?q=${encodeURIComponent(CANARY_EMAIL)}`, "/utval", "/handlingsplanar", "/finst-ikkje"]) {
      await (await get(path, session)).arrayBuffer();
    }
    const admin = cookieOf(await signIn("admin@demo.no", "demo-passord"), "hf_session")!;
    expect(await (await get("/admin/e-post", admin)).text()).toContain(CANARY_EMAIL); // it is in the outbox, shown to the admin
    expect((await post("/logg-ut", new URLSearchParams(), session, { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(302);

    // 4. The mail worker sends the receipt (SMTP in-process) and logs that it did.
    await waitFor("the receipt mail", () => app.smtp.received.some((m) => m.to.includes(CANARY_EMAIL)));
    // The worker is done with it once the outbox shows it sent (what it logs, it has logged), and
    // the log is complete once every request made has its line (a line follows its response).
    await waitFor("the receipt marked sent on /admin/e-post", async () => {
      const rows = (await (await get("/admin/e-post", admin)).text()).split("<tr").filter((row) => row.includes(CANARY_EMAIL));
      return rows.length > 0 && rows.every((row) => row.includes('data-color="success"'));
    });
    const requestLinesSoFar = () =>
      app.logs
        .join("")
        .split("\n")
        .filter((l) => l.includes('"event":"request"')).length;
    await waitFor(
      () => `a log line for each of ${requests} requests (${requestLinesSoFar()} so far)`,
      () => requestLinesSoFar() >= requests,
    );

    // 5. The log.
    const text = app.logs.join("");
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line.slice(0, 200)}`);
      }
    });
    const requestLines = parsed.filter((p) => p.event === "request");
    expect(requestLines.length).toBeGreaterThanOrEqual(requests);
    for (const r of requestLines) expect(r.requestId, JSON.stringify(r)).toMatch(/^[\w.-]{8,64}$/);
    for (const p of parsed) expect(typeof p.time === "string" && typeof p.level === "string" && typeof p.event === "string", JSON.stringify(p)).toBe(true);

    expect(text).not.toContain(C);
    expect(text.toLowerCase()).not.toContain("kanari");
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+(\.[\w-]+)+/); // no e-mail address at all
    expect(text).not.toMatch(/(?<![\w-])(\+47\s?)?\d{3}\s?\d{2}\s?\d{3}(?![\w-])/); // no Norwegian phone number
    expect(text).not.toContain("913 57 246");
    expect(text).not.toContain("91357246");
    expect(secrets.size).toBeGreaterThanOrEqual(4);
    for (const s of secrets) expect(text.includes(s), "a cookie value or token is in the log").toBe(false);
    console.log(
      `logs: ${lines.length} lines (${requestLines.length} request lines) checked for ${FREE_TEXT.length + 2} canary fields and ${secrets.size} cookie values/tokens: none found`,
    );
  });
});
