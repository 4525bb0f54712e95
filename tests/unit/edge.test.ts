import { PassThrough } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestGate } from "~/http/csrf.server";
import { bodyLimitFor, carriesSession, DEFAULT_BODY_LIMIT, readBody, trustProxySetting } from "~/http/edge.server";
import { MAX_INT4, parseId } from "~/services/ids";
import { MAX_REQUEST_BYTES } from "~/models/case-form";

describe("body limit per route (finding 9)", () => {
  it("is small for ordinary forms and larger only for the public form and the Excel upload", () => {
    expect(bodyLimitFor("/sprak")).toBe(16 * 1024);
    expect(bodyLimitFor("/logg-inn.data")).toBe(16 * 1024);
    expect(bodyLimitFor("/sekretariat/saker/x")).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor("/saker/ny")).toBe(MAX_REQUEST_BYTES);
    expect(bodyLimitFor("/sjekkliste/3/last-opp")).toBeGreaterThan(2 * 1024 * 1024);
    expect(bodyLimitFor("/saker/ny/kvittering")).toBe(DEFAULT_BODY_LIMIT);
  });

  it("reads a body within the limit whole, chunk by chunk", async () => {
    const stream = new PassThrough();
    const read = readBody(stream, 10);
    stream.write(Buffer.from("abcde"));
    stream.end(Buffer.from("fghij"));
    expect((await read)?.toString()).toBe("abcdefghij");
  });

  it("stops reading as soon as the count passes the limit, whatever the stream still holds", async () => {
    const stream = new PassThrough({ highWaterMark: 16 });
    const read = readBody(stream, 10);
    stream.write(Buffer.from("abcdefgh"));
    stream.write(Buffer.from("ijkl"));
    expect(await read).toBeNull();
    // Paused and no longer listened to: later data is not consumed.
    stream.write(Buffer.from("more"));
    expect(stream.isPaused()).toBe(true);
    expect(stream.listenerCount("data")).toBe(0);
  });
});

describe("TRUST_PROXY (finding 17)", () => {
  it("trusts no proxy by default", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("")).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("loopback")).toBe("loopback");
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("10.0.0.1, 10.0.0.2")).toBe("10.0.0.1, 10.0.0.2");
  });
});

describe("signed-in responses (finding 14)", () => {
  it("recognises the session cookie among others", () => {
    expect(carriesSession("hf_lang=abc; hf_session=xyz")).toBe(true);
    expect(carriesSession("hf_session=xyz")).toBe(true);
    expect(carriesSession("hf_lang=abc")).toBe(false);
    expect(carriesSession("hf_session=; hf_lang=x")).toBe(false);
    expect(carriesSession(undefined)).toBe(false);
  });
});

describe("request gate: control characters in the address (finding 13)", () => {
  const get = (url: string) => ({ method: "GET", url, headers: { get: () => null } });
  it.each(["/saker?q=%00", "/sok?q=%00", "/sekretariat?q=%00", "/saker/%00", "/saker/%1F", "/saker?q=a%7f", "/saker?q=%0a"])("refuses %s with 400", (url) => {
    expect(requestGate(get(url), [])?.status).toBe(400);
  });
  it("lets ordinary addresses through", () => {
    for (const url of ["/saker?q=%C3%A6%20x", "/saker/HFMR-2024-0002", "/sok?q=100%25"]) expect(requestGate(get(url), [])).toBeNull();
  });
  it("refuses every C0 control and DEL, raw or percent-encoded, anywhere in path or query", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.integer({ min: 0, max: 0x20 }).map((c) => (c === 0x20 ? 0x7f : c)),
        fc.boolean(),
        fc.boolean(),
        (text, code, encoded, inQuery) => {
          const ctl = encoded ? `%${code.toString(16).padStart(2, "0")}` : String.fromCharCode(code);
          const url = inQuery ? `/saker?q=${encodeURIComponent(text)}${ctl}` : `/saker/${encodeURIComponent(text)}${ctl}`;
          expect(requestGate(get(url), [])?.status).toBe(400);
        },
      ),
    );
  });
});

describe("parseId (finding 13)", () => {
  it("takes a database id and nothing else", () => {
    expect(parseId("42")).toBe(42);
    expect(parseId(String(MAX_INT4))).toBe(MAX_INT4);
    for (const raw of ["99999999999999999999", String(MAX_INT4 + 1), "0", "-1", "01", "1e3", "1.0", " 1", "", undefined]) expect(parseId(raw)).toBeNull();
  });
  it("never returns a number PostgreSQL's integer cannot hold", () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String), fc.string()), (raw) => {
        const id = parseId(raw);
        if (id != null) expect(Number.isInteger(id) && id >= 1 && id <= MAX_INT4 && String(id) === raw).toBe(true);
      }),
    );
  });
});
