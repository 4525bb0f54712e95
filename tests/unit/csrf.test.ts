import { describe, expect, it } from "vitest";
import { hasFormBody, isCrossSiteRequest, originOf, requestGate } from "../../app/http/csrf.server";

const OWN_ORIGIN = "https://samhandling.example";
const OWN = [OWN_ORIGIN, "http://127.0.0.1:3000"];

function req(method: string, headers: Record<string, string> = {}) {
  return new Request("https://samhandling.example/logg-inn", { method, headers, body: method === "GET" || method === "HEAD" ? undefined : "" });
}

describe("isCrossSiteRequest", () => {
  it("never refuses GET, HEAD or OPTIONS, whatever the headers", () => {
    for (const m of ["GET", "HEAD", "OPTIONS"]) {
      expect(isCrossSiteRequest(req(m, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }), OWN)).toBe(false);
    }
  });

  it("refuses a state-changing request from a foreign origin", () => {
    for (const m of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isCrossSiteRequest(req(m, { Origin: "https://evil.example" }), OWN)).toBe(true);
    }
  });

  it("refuses Sec-Fetch-Site: cross-site even without Origin", () => {
    expect(isCrossSiteRequest(req("POST", { "Sec-Fetch-Site": "cross-site" }), OWN)).toBe(true);
    expect(isCrossSiteRequest(req("POST", { "Sec-Fetch-Site": " Cross-Site " }), OWN)).toBe(true);
  });

  it("allows our own origins, including the port and case of the host", () => {
    expect(isCrossSiteRequest(req("POST", { Origin: "https://samhandling.example" }), OWN)).toBe(false);
    expect(isCrossSiteRequest(req("POST", { Origin: "https://SAMHANDLING.example" }), OWN)).toBe(false);
    expect(isCrossSiteRequest(req("POST", { Origin: "http://127.0.0.1:3000", "Sec-Fetch-Site": "same-origin" }), OWN)).toBe(false);
  });

  it("refuses look-alike origins: other scheme, port, subdomain or suffix", () => {
    for (const origin of [
      "http://samhandling.example",
      "https://samhandling.example:8443",
      "https://evil.samhandling.example",
      "https://samhandling.example.evil.example",
      "http://127.0.0.1:3001",
      "null",
      "garbage",
      "javascript:alert(1)",
      "",
    ]) {
      expect(isCrossSiteRequest(req("POST", { Origin: origin }), OWN), origin).toBe(true);
    }
  });

  it("lets requests without browser signals through (SameSite=Lax cookies cover old browsers)", () => {
    expect(isCrossSiteRequest(req("POST"), OWN)).toBe(false);
    expect(isCrossSiteRequest(req("POST", { "Sec-Fetch-Site": "same-origin" }), OWN)).toBe(false);
    expect(isCrossSiteRequest(req("POST", { "Sec-Fetch-Site": "none" }), OWN)).toBe(false);
  });

  it("ignores allowed entries that are not origins", () => {
    expect(isCrossSiteRequest(req("POST", { Origin: "https://evil.example" }), [null, undefined, "not a url"])).toBe(true);
    expect(originOf("https://a.example/path?q=1")).toBe("https://a.example");
    expect(originOf("ftp://a.example")).toBeNull();
  });

  it("works with an adapted Express request (headers.get returning undefined)", () => {
    const headers: Record<string, string> = { origin: "https://evil.example" };
    expect(isCrossSiteRequest({ method: "post", headers: { get: (n) => headers[n.toLowerCase()] } }, OWN)).toBe(true);
    expect(isCrossSiteRequest({ method: "post", headers: { get: () => undefined } }, OWN)).toBe(false);
  });
});

describe("requestGate", () => {
  const post = (headers: Record<string, string>) => new Request("https://samhandling.example/x", { method: "POST", headers, body: "a=1" });
  it("passes form posts from our own origin and every GET", () => {
    expect(requestGate(post({ Origin: OWN_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" }), OWN)).toBeNull();
    expect(requestGate(post({ "Content-Type": "multipart/form-data; boundary=x" }), OWN)).toBeNull();
    expect(requestGate(new Request("https://samhandling.example/x", { headers: { "Content-Type": "application/json" } }), OWN)).toBeNull();
  });
  it("answers 403 before 415 for a cross-site post, and 415 for a body that is not a form", () => {
    expect(requestGate(post({ Origin: "https://evil.example", "Content-Type": "application/json" }), OWN)?.status).toBe(403);
    for (const type of ["application/json", "text/plain", "application/xml", ""]) {
      expect(requestGate(post(type ? { "Content-Type": type } : {}), OWN)?.status, type).toBe(415);
    }
    expect(hasFormBody({ method: "DELETE", headers: { get: () => null } })).toBe(false);
  });
});
