import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/services/safe-redirect";

const ORIGIN = "https://samhandling.example";

/** What a browser does with a Location header: resolve it against the page's URL. */
function expectSameOrigin(result: string) {
  expect(result.startsWith("/")).toBe(true);
  expect(result.startsWith("//")).toBe(false);
  expect(result.startsWith("/\\")).toBe(false);
  // eslint-disable-next-line no-control-regex -- the property is about control characters
  expect(/[\u0000-\u001f\u007f\s\\]/.test(result)).toBe(false);
  expect(new URL(result, `${ORIGIN}/a/b/c`).origin).toBe(ORIGIN);
}

describe("safeRedirect", () => {
  it.each([
    ["/sekretariat", "/sekretariat"],
    ["/saker?side=2#topp", "/saker?side=2#topp"],
    ["/dashbord/1506", "/dashbord/1506"],
    ["/", "/"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/\tevil",
    "/%0d%0aSet-Cookie:x",
    " /x",
    "",
    "evil.example",
    "/" + "a".repeat(3000),
    // Normalised by URL parsing into "//evil.example/phish" (issue 11, finding 5).
    "/.//evil.example/phish",
    "/..//evil.example/phish",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
  ])("refuses %j and falls back to /", (input) => {
    const result = safeRedirect(input);
    expectSameOrigin(result);
    expect(result).not.toContain("evil.example");
  });

  it("uses the fallback for non-strings", () => {
    expect(safeRedirect(null, "/heim")).toBe("/heim");
    expect(safeRedirect(undefined)).toBe("/");
  });

  it("never leaves the origin for generated paths (dot segments, encoded slashes, backslashes, controls, unicode)", () => {
    const piece = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          "/",
          "/",
          ".",
          "..",
          "./",
          "../",
          "%2F",
          "%2f",
          "%5C",
          "%5c",
          "%2e",
          "%2E",
          "%2e%2e",
          "\\",
          "\t",
          "\n",
          "\r",
          "\u0000",
          "\u007f",
          "\u0085",
          " ",
          "\u00a0",
          "\u3000",
          "\uff0f",
          "\uff3c",
          "%00",
          "%09",
          "?",
          "#",
          ":",
          "@",
          "http:",
          "https:",
          "javascript:",
          "evil.example",
          "a",
          "æ",
          "🙂",
        ),
      },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
    );
    const path = fc.tuple(fc.constantFrom("/", "/", "/.", "/..", "", "\\", "//"), fc.array(piece, { maxLength: 12 })).map(([start, rest]) => start + rest.join(""));
    fc.assert(
      fc.property(path, (input) => {
        const result = safeRedirect(input);
        expectSameOrigin(result);
        // What we return is itself accepted unchanged: it is a stable, valid local path.
        expect(safeRedirect(result, "/fallback")).toBe(result);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);
});
