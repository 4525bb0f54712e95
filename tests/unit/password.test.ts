import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/services/password.server";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("demo-passord");
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(hash).not.toContain("demo-passord");
    expect(await verifyPassword("demo-passord", hash)).toBe(true);
    expect(await verifyPassword("demo-passorD", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("x")).not.toBe(await hashPassword("x"));
  });

  it("refuses when there is no stored hash (unknown account)", async () => {
    expect(await verifyPassword("anything", null)).toBe(false);
  });
});
