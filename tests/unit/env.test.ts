import { describe, expect, it } from "vitest";
import { loadEnv } from "~/services/env.server";

describe("environment", () => {
  it("runs in demo mode on the embedded database", () => {
    expect(loadEnv({ NODE_ENV: "development" }).demoMode).toBe(true);
  });

  it("is never in demo mode in production with a real database, even when asked", () => {
    const e = loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@localhost/db", SESSION_SECRET: "a".repeat(32), DEMO_MODE: "1" });
    expect(e.demoMode).toBe(false);
  });

  it("requires SESSION_SECRET in production with a real database", () => {
    expect(() => loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@localhost/db" })).toThrow(/SESSION_SECRET/);
  });

  it("names the bad setting", () => {
    expect(() => loadEnv({ PORT: "not-a-port" })).toThrow(/PORT/);
  });
});
