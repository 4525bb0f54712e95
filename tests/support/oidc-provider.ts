/**
 * A real OpenID provider for tests: the `oidc-provider` package (a certified implementation) on a
 * loopback port, with one confidential client and accounts the test defines. Its login and consent
 * are the only shortcut: the test says which account signs in next (`op.signInAs(id)`), and the
 * interaction is finished for that account with a grant for what the client asked. Discovery,
 * authorization, the token endpoint, PKCE, the ID token and its keys are the provider's own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { generateKeyPairSync } from "node:crypto";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** The account the next login interaction signs in. */
  signInAs(accountId: string): void;
  close(): Promise<void>;
}

export async function startTestProvider(options: { redirectUris: string[] }): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  let next: string | undefined;
  const clientId = "helsefellesskap-test";
  const clientSecret = "test-client-secret-0123456789abcdef";
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };

  // The issuer needs the port, so the server listens first and the provider is made for its address.
  const route: { handler?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server: Server = createServer((req, res) => {
    if (route.handler) route.handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ["test-provider-cookie-key-0123456789"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600, Interaction: 3600, Session: 3600, Grant: 3600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, ...account };
        },
      };
    },
  });
  const callback = provider.callback();

  route.handler = (req, res) => {
    if (!req.url?.startsWith("/interaction/")) {
      callback(req, res);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const accountId = details.session?.accountId ?? next;
      if (!accountId) throw new Error("startTestProvider: call signInAs(accountId) before signing in");
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? "openid"));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(error instanceof Error ? error.message : "interaction failed");
    });
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs(accountId) {
      next = accountId;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A tiny cookie jar for following the provider's redirects as a browser would (names only; tests need no paths). */
export async function followToCallback(start: string, appOrigin: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: jar.size ? { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } : {} });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get("Location");
    if (!location) throw new Error(`The provider answered ${res.status} at ${url.pathname} without a redirect: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url);
    if (url.origin === appOrigin) return url;
  }
  throw new Error("Too many redirects at the provider");
}
