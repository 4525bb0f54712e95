import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_SESSION_SECRET, loadEnv, sessionSecretWeakness } from "~/services/env.server";

const STRONG = randomBytes(32).toString("hex");
const PG = "postgres://x@localhost/db";

describe("environment", () => {
  it("runs in demo mode on the embedded database", () => {
    expect(loadEnv({ NODE_ENV: "development" }).demoMode).toBe(true);
  });

  it("is never in demo mode in production with a real database, even when asked", () => {
    const e = loadEnv({ NODE_ENV: "production", DATABASE_URL: PG, SESSION_SECRET: STRONG, DEMO_MODE: "1" });
    expect(e.demoMode).toBe(false);
  });

  it("requires SESSION_SECRET in production with a real database", () => {
    expect(() => loadEnv({ NODE_ENV: "production", DATABASE_URL: PG })).toThrow(/SESSION_SECRET/);
  });

  it("names the bad setting", () => {
    expect(() => loadEnv({ PORT: "not-a-port" })).toThrow(/PORT/);
  });
});

describe("production refuses demo mode and weak secrets (issue 11, finding 10)", () => {
  it("refuses NODE_ENV=production without DATABASE_URL (demo mode is not production)", () => {
    expect(() => loadEnv({ NODE_ENV: "production", SESSION_SECRET: STRONG })).toThrow(/DATABASE_URL is required in production/);
    expect(() => loadEnv({ NODE_ENV: "production", DATABASE_URL: "", SESSION_SECRET: STRONG })).toThrow(/DATABASE_URL/);
  });

  it("runs a demo instance in production only when asked for explicitly, and even then not on the built-in secret", () => {
    expect(loadEnv({ NODE_ENV: "production", DEMO_MODE: "1", SESSION_SECRET: STRONG }).demoMode).toBe(true);
    expect(() => loadEnv({ NODE_ENV: "production", DEMO_MODE: "1" })).toThrow(/SESSION_SECRET/);
  });

  it.each([
    ["the built-in demo value", DEMO_SESSION_SECRET],
    ["16 characters", "abcdefgh12345678"],
    ["a repeated letter", "a".repeat(64)],
    ["a repeated word", "cluster-secret-cluster-secret-cluster-secret-cluster"],
    ["a repeated hex pattern", "0123456789abcdef".repeat(4)],
    ["32 hex characters (16 bytes)", randomBytes(16).toString("hex")],
    ["a sentence", "this is the session secret for our production server"],
    ["few distinct characters", "ababbabaabbbabaaabbabababbbaaabababbbabaabbaabab"],
  ])("refuses %s as SESSION_SECRET in production", (_label, secret) => {
    expect(sessionSecretWeakness(secret)).not.toBeNull();
    expect(() => loadEnv({ NODE_ENV: "production", DATABASE_URL: PG, SESSION_SECRET: secret })).toThrow(/SESSION_SECRET/);
  });

  it("accepts any 32 random bytes as hex, base64 or base64url", () => {
    fc.assert(
      // Random bytes, not fast-check's edge cases such as 32 zero bytes (which are a weak secret).
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 48 }).filter((b) => new Set(b).size >= 16),
        fc.constantFrom("hex", "base64", "base64url") as fc.Arbitrary<BufferEncoding>,
        (bytes, encoding) => {
          const secret = Buffer.from(bytes).toString(encoding);
          expect(sessionSecretWeakness(secret), secret).toBeNull();
          expect(loadEnv({ NODE_ENV: "production", DATABASE_URL: PG, SESSION_SECRET: secret }).sessionSecret).toBe(secret);
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000);

  it("accepts a weak or missing secret outside production (tests, development)", () => {
    expect(loadEnv({ NODE_ENV: "test" }).sessionSecret).toBe(DEMO_SESSION_SECRET);
    expect(loadEnv({ NODE_ENV: "development", SESSION_SECRET: "a".repeat(16) }).sessionSecret).toBe("a".repeat(16));
  });
});

describe("every setting the server reads is validated (issue 12)", () => {
  it("has defaults for the server's settings", () => {
    const e = loadEnv({ NODE_ENV: "development" });
    expect(e).toMatchObject({ HOST: "0.0.0.0", PORT: 3000, WEB_CONCURRENCY: 1, LOG_REQUESTS: "1", LOG_LEVEL: "info", PASSWORD_HASH_COST: 15 });
    expect(e.TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ NODE_ENV: "test" }).LOG_LEVEL).toBe("warn");
  });

  it.each([
    ["WEB_CONCURRENCY", "two"],
    ["WEB_CONCURRENCY", "0"],
    ["WEB_CONCURRENCY", "1.5"],
    ["LOG_REQUESTS", "yes"],
    ["LOG_LEVEL", "verbose"],
    ["PASSWORD_HASH_COST", "9"],
    ["PASSWORD_HASH_COST", "21"],
    ["PASSWORD_HASH_COST", "x"],
    ["PORT", "70000"],
    ["TRUST_PROXY", "everyone"],
    ["TRUST_PROXY", "10.0.0.1/33"],
    ["TRUST_PROXY", "10.0.0.1, my-proxy"],
  ])("refuses %s=%s and names it", (name, value) => {
    expect(() => loadEnv({ NODE_ENV: "development", DATABASE_URL: PG, [name]: value })).toThrow(new RegExp(name));
  });

  it.each(["true", "false", "0", "2", "loopback", "10.0.0.1, 10.0.0.2", "10.0.0.0/8,loopback", "::1", "fd00::/8", "10.0.0.0/255.0.0.0"])("accepts TRUST_PROXY=%s", (value) => {
    expect(loadEnv({ NODE_ENV: "development", TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
  });

  it("refuses WEB_CONCURRENCY > 1 on the embedded PGlite", () => {
    expect(() => loadEnv({ NODE_ENV: "development", WEB_CONCURRENCY: "2" })).toThrow(/needs DATABASE_URL/);
    expect(loadEnv({ NODE_ENV: "development", WEB_CONCURRENCY: "2", DATABASE_URL: PG }).WEB_CONCURRENCY).toBe(2);
  });
});
