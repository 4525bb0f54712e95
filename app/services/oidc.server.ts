/**
 * Organisational sign-in with OpenID Connect (docs/decisions/015-oidc-sign-in.md): openid-client
 * speaks to the providers configured in the environment (OIDC_*). Authorization code flow with
 * PKCE (S256), state and nonce; the ID token's signature (the issuer's JWKS), issuer, audience,
 * expiry and nonce are checked by openid-client. Nothing here knows HTTP requests or cookies: the
 * transaction travels in a sealed cookie (app/http/oidc-transaction.server.ts), and linking the
 * identity to a user is domain code (app/models/identities.server.ts).
 *
 * Tokens, e-mail addresses and names are never logged.
 */
import * as client from "openid-client";
import { env, type OidcProviderConfig } from "./env.server";

/** Discovery from the issuer, lazily and once per configuration; a failed discovery is retried next time. */
const configurations = new Map<string, Promise<client.Configuration>>();

/**
 * Origins of the discovered authorization endpoints. The sign-in form posts to this app, which
 * redirects to the provider: browsers check that redirect against the page's CSP `form-action`,
 * so the page must name the provider's origin (app/services/security-headers.server.ts).
 */
const authorizationOrigins = new Set<string>();

function cacheKey(p: OidcProviderConfig) {
  return JSON.stringify([p.issuer, p.clientId, p.clientSecret]);
}

async function configurationOf(provider: OidcProviderConfig): Promise<client.Configuration> {
  const key = cacheKey(provider);
  let pending = configurations.get(key);
  if (!pending) {
    // A plain-http issuer only outside production (env.server.ts refuses it there): a local test provider.
    const execute = provider.issuer.startsWith("http:") ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks];
    pending = client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, client.ClientSecretBasic(provider.clientSecret), { execute, timeout: 10 });
    pending.then(
      (config) => {
        const endpoint = config.serverMetadata().authorization_endpoint;
        if (endpoint) authorizationOrigins.add(new URL(endpoint).origin);
      },
      () => configurations.delete(key),
    );
    configurations.set(key, pending);
  }
  return pending;
}

/**
 * The origins a sign-in form may end up at: each configured issuer's, and each discovered
 * authorization endpoint's (which may differ, e.g. ID-porten's login host).
 */
export function oidcFormActionOrigins(): string[] {
  const providers = env().oidcProviders;
  if (providers.length === 0) return [];
  return [...new Set([...providers.map((p) => new URL(p.issuer).origin), ...authorizationOrigins])];
}

/**
 * Discovery for every configured provider, waited for at most `timeoutMs`: the sign-in page asks
 * for it so that its CSP names the authorization endpoints. A provider that is down does not stop
 * the page (its button then says so when used).
 */
export async function prepareOidcProviders(timeoutMs = 2000): Promise<void> {
  const pending = env().oidcProviders.map((p) => configurationOf(p).catch(() => undefined));
  if (pending.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/** The configured providers, for the sign-in page: id and button text only. */
export function oidcProviders(): { id: string; name: string }[] {
  return env().oidcProviders.map((p) => ({ id: p.id, name: p.name }));
}

export function oidcProvider(id: string): OidcProviderConfig | undefined {
  return env().oidcProviders.find((p) => p.id === id);
}

/** The redirect URI registered at the provider: APP_URL + /logg-inn/oidc/<id>/callback. */
export function redirectUriOf(provider: Pick<OidcProviderConfig, "id">): string {
  return new URL(`/logg-inn/oidc/${encodeURIComponent(provider.id)}/callback`, env().APP_URL).toString();
}

/** What the callback needs back: kept in the sealed transaction cookie, never shown. */
export interface OidcTransaction {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  redirectTo: string;
  /** Epoch milliseconds when the sign-in started. */
  startedAt: number;
}

/** Starts a sign-in: the provider's authorization URL and the transaction to keep until the callback. */
export async function beginSignIn(provider: OidcProviderConfig, redirectTo: string, now = Date.now()): Promise<{ url: string; transaction: OidcTransaction }> {
  const config = await configurationOf(provider);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriOf(provider),
    scope: provider.scopes.join(" "),
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.toString(), transaction: { provider: provider.id, state, nonce, verifier, redirectTo, startedAt: now } };
}

/** The identity the provider vouched for, from the validated ID token. */
export interface OidcIdentity {
  provider: string;
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

/** Why a callback failed; the route shows a message per reason, never the provider's own text. */
export type OidcFailure = "cancelled" | "invalid";

export class OidcSignInError extends Error {
  constructor(
    readonly reason: OidcFailure,
    /** A short machine-readable cause for the log (an OAuth error code or a check's name), no personal data. */
    readonly cause: string,
  ) {
    super(`oidc_${reason}`);
  }
}

/**
 * Finishes a sign-in: checks the authorization response against the transaction (state, the
 * issuer's `iss`), redeems the code with the PKCE verifier, validates the ID token (signature,
 * issuer, audience, expiry, nonce) and returns its subject and e-mail claims.
 */
export async function completeSignIn(provider: OidcProviderConfig, transaction: OidcTransaction, search: URLSearchParams): Promise<OidcIdentity> {
  const config = await configurationOf(provider);
  const providerError = search.get("error");
  if (providerError)
    throw new OidcSignInError(providerError === "access_denied" ? "cancelled" : "invalid", /^[a-z_]{1,40}$/.test(providerError) ? providerError : "provider_error");
  // The response is read from the registered redirect URI with the request's parameters, so a
  // proxy in front of the app does not change the redirect_uri sent to the token endpoint.
  const current = new URL(redirectUriOf(provider));
  for (const [k, v] of search) current.searchParams.append(k, v);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: transaction.verifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new OidcSignInError("invalid", causeOf(error));
  }
  const claims = tokens.claims();
  if (!claims) throw new OidcSignInError("invalid", "no_id_token");
  // Many providers put e-mail claims in the UserInfo response only, not in the ID token; UserInfo
  // is asked with the access token and must be about the ID token's subject.
  let source: Record<string, unknown> = claims;
  if (claims.email === undefined && config.serverMetadata().userinfo_endpoint) {
    try {
      source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    } catch (error) {
      throw new OidcSignInError("invalid", causeOf(error));
    }
  }
  const email = typeof source.email === "string" && source.email.length <= 320 ? source.email.trim().toLowerCase() : null;
  return { provider: provider.id, issuer: claims.iss, subject: claims.sub, email, emailVerified: source.email_verified === true };
}

/** openid-client's error code (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED, invalid_grant), never its message. */
function causeOf(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { error?: unknown; code?: unknown };
    if (typeof e.error === "string" && /^[a-z_]{1,40}$/.test(e.error)) return e.error;
    if (typeof e.code === "string" && /^[A-Z_]{1,60}$/.test(e.code)) return e.code;
  }
  return "unknown";
}
