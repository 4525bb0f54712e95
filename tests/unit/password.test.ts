import { describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "~/services/password.server";
import { resetEnvForTests } from "~/services/env.server";

// Node's scrypt, watched (it still runs): which cost each check paid.
const scryptCalls = vi.hoisted(() => [] as number[]);
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  const scrypt = (...args: Parameters<typeof crypto.scrypt>) => {
    const options = args[3];
    if (typeof options === "object" && options?.N) scryptCalls.push(options.N);
    return (crypto.scrypt as (...a: unknown[]) => void)(...args);
  };
  return { ...crypto, default: { ...crypto, scrypt }, scrypt };
});

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

  it("checks an unknown account at the cost of a hash made today, so its timing matches a real account's", async () => {
    const saved = process.env.PASSWORD_HASH_COST;
    try {
      for (const cost of ["10", "11"]) {
        process.env.PASSWORD_HASH_COST = cost;
        resetEnvForTests();
        scryptCalls.length = 0;
        const real = await hashPassword("x");
        await verifyPassword("x", real);
        await verifyPassword("x", null);
        await verifyPassword("x", undefined);
        expect(scryptCalls).toEqual(Array(4).fill(2 ** Number(cost)));
      }
    } finally {
      process.env.PASSWORD_HASH_COST = saved;
      resetEnvForTests();
    }
  });
});
