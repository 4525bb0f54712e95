import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/services/safe-redirect";

describe("safeRedirect", () => {
  it.each([
    ["/sekretariat", "/sekretariat"],
    ["/saker?side=2#topp", "/saker?side=2#topp"],
    ["/dashbord/1506", "/dashbord/1506"],
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
  ])("refuses %j and falls back to /", (input) => {
    const result = safeRedirect(input);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(new URL(result, "http://same.invalid").origin).toBe("http://same.invalid");
  });

  it("uses the fallback for non-strings", () => {
    expect(safeRedirect(null, "/heim")).toBe("/heim");
    expect(safeRedirect(undefined)).toBe("/");
  });
});
