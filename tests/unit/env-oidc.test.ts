import { describe, expect, it } from "vitest";
import { loadEnv } from "~/services/env.server";

const ISSUER = "https://login.example.no/tenant/v2.0";
const FULL = { OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: "client", OIDC_CLIENT_SECRET: "secret", OIDC_NAME: "Helse Møre og Romsdal" };

describe("organisational sign-in settings (OIDC_*)", () => {
  it("has no provider when no OIDC variable is set (password sign-in only)", () => {
    expect(loadEnv({}).oidcProviders).toEqual([]);
    expect(loadEnv({ OIDC_ISSUER: "", OIDC_NAME: "" }).oidcProviders).toEqual([]);
  });

  it("reads the unnumbered set as provider 'sso' with the default scopes", () => {
    expect(loadEnv(FULL).oidcProviders).toEqual([
      { id: "sso", issuer: ISSUER, clientId: "client", clientSecret: "secret", name: "Helse Møre og Romsdal", scopes: ["openid", "email", "profile"] },
    ]);
  });

  it("reads several issuers, each with its id (OIDC_<ID>_…), the unnumbered one first", () => {
    const providers = loadEnv({
      ...FULL,
      OIDC_1_ISSUER: "https://idp.kommune.no",
      OIDC_1_CLIENT_ID: "c1",
      OIDC_1_CLIENT_SECRET: "s1",
      OIDC_1_NAME: "Kommunen",
      OIDC_ENTRA_ISSUER: "https://login.microsoftonline.com/x/v2.0",
      OIDC_ENTRA_CLIENT_ID: "c2",
      OIDC_ENTRA_CLIENT_SECRET: "s2",
      OIDC_ENTRA_NAME: "Entra ID",
      OIDC_ENTRA_SCOPES: "openid email",
    }).oidcProviders;
    expect(providers.map((p) => [p.id, p.clientId, p.scopes.join(" ")])).toEqual([
      ["sso", "client", "openid email profile"],
      ["1", "c1", "openid email profile"],
      ["entra", "c2", "openid email"],
    ]);
  });

  it("names each missing field of an incomplete set", () => {
    expect(() => loadEnv({ OIDC_ISSUER: ISSUER })).toThrow(/OIDC_CLIENT_ID: .*OIDC_CLIENT_SECRET: .*OIDC_NAME: /);
    expect(() => loadEnv({ OIDC_2_CLIENT_ID: "x" })).toThrow(/OIDC_2_ISSUER/);
  });

  it("refuses an issuer that is not an http(s) URL, and plain http in production except on loopback", () => {
    expect(() => loadEnv({ ...FULL, OIDC_ISSUER: "login.example.no" })).toThrow(/OIDC_ISSUER/);
    expect(() => loadEnv({ ...FULL, OIDC_ISSUER: "ftp://login.example.no" })).toThrow(/OIDC_ISSUER/);
    expect(loadEnv({ ...FULL, OIDC_ISSUER: "http://127.0.0.1:4000" }).oidcProviders).toHaveLength(1);
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://x@localhost/db", SESSION_SECRET: "a3f9c1e07b5d2468f0e1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7" };
    expect(() => loadEnv({ ...production, ...FULL, OIDC_ISSUER: "http://login.example.no" })).toThrow(/OIDC_ISSUER: must be https in production \(http only on loopback\)/);
    expect(loadEnv({ ...production, ...FULL }).oidcProviders).toHaveLength(1);
    expect(loadEnv({ ...production, ...FULL, OIDC_ISSUER: "http://127.0.0.1:4000" }).oidcProviders).toHaveLength(1);
  });

  it("refuses scopes without openid", () => {
    expect(() => loadEnv({ ...FULL, OIDC_SCOPES: "email profile" })).toThrow(/OIDC_SCOPES: must include openid/);
    expect(loadEnv({ ...FULL, OIDC_SCOPES: "openid,email" }).oidcProviders[0]?.scopes).toEqual(["openid", "email"]);
  });

  it("refuses an unknown OIDC_ variable (a typo must not leave sign-in out silently)", () => {
    expect(() => loadEnv({ ...FULL, OIDC_CLIENTID: "x" })).toThrow(/OIDC_CLIENTID: unknown variable/);
    expect(() => loadEnv({ ...FULL, OIDC_A_B_NAME: "x" })).toThrow(/OIDC_A_B_NAME: unknown variable/);
  });

  it("never puts the client secret in the error message", () => {
    expect(() => loadEnv({ ...FULL, OIDC_CLIENT_SECRET: "top-secret-value", OIDC_NAME: "" })).toThrow(/OIDC_NAME/);
    try {
      loadEnv({ ...FULL, OIDC_CLIENT_SECRET: "top-secret-value", OIDC_NAME: "" });
    } catch (error) {
      expect(String(error)).not.toContain("top-secret-value");
    }
  });
});
