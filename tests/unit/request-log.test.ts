import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accessLogFields, maskPath } from "~/http/request-log.server";

/** A tracking token as the app makes them (newTrackingToken: 32 random bytes, base64url). */
const token = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("base64url"));

function expectNoPieceOf(secret: string, logged: string) {
  for (let i = 0; i + 12 <= secret.length; i++) expect(logged, `a piece of the token is in ${logged}`).not.toContain(secret.slice(i, i + 12));
}

describe("maskPath (request log)", () => {
  it.each([
    (t: string) => `/saker/spor/${t}`,
    (t: string) => `/saker/spor/${t}.data`,
    (t: string) => `/saker/spor/${t})`,
    (t: string) => `/saker/spor/${t};x`,
    (t: string) => `/saker/spor/${t}%20`,
    (t: string) => `/saker/spor/x${t}`,
    (t: string) => `/saker/spor/${t.slice(0, 10)}%2D${t.slice(11)}`,
    (t: string) => `/${"a/".repeat(90)}saker/spor/${t}`,
  ])("masks the token in %s", (shape) => {
    const t = randomBytes(32).toString("base64url");
    const logged = maskPath(shape(t));
    expectNoPieceOf(t.replace(/-/g, ""), logged.replace(/-/g, ""));
    expect(logged).toContain("***");
  });

  it("keeps ordinary paths readable", () => {
    expect(maskPath("/saker/HFMR-2024-0002")).toBe("/saker/HFMR-2024-0002");
    expect(maskPath("/utval/ssu/moter/6.data")).toBe("/utval/ssu/moter/6.data");
  });

  it("masks a token wherever it stands, among any characters around it", () => {
    const around = fc.string({ maxLength: 20 }).map((s) => s.replace(/[A-Za-z0-9_-]/g, "/"));
    fc.assert(
      fc.property(around, token, around, (before, t, after) => {
        expectNoPieceOf(t, maskPath(`/saker/spor${before}${t}${after}`));
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});

describe("accessLogFields (the access log line, pino-http in server.ts)", () => {
  it("writes the method, the masked path without the query, the status and the time", () => {
    const token = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    const fields = accessLogFields({ method: "GET", path: `/saker/spor/${token}` }, { statusCode: 200 }, 12);
    expect(fields).toEqual({ event: "request", method: "GET", path: "/saker/spor/***", status: 200, ms: 12 });
    expect(JSON.stringify(fields)).not.toContain(token);
  });
});
