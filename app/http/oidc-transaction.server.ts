/**
 * The OpenID Connect transaction between the start of a sign-in and the provider's callback: the
 * state, nonce, PKCE verifier, provider and where to go afterwards, sealed (AES-256-GCM with a key
 * derived from SESSION_SECRET) in a short-lived HttpOnly cookie on /logg-inn/oidc only. The
 * browser holds it but can neither read nor change it; it is cleared at the callback, whatever the
 * outcome, so a transaction is used once.
 */
import { createCookie } from "@remix-run/node";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import { env } from "~/services/env.server";
import type { OidcTransaction } from "~/services/oidc.server";
import { safeRedirect, SIGNED_IN_HOME } from "~/services/safe-redirect";

/** Minutes a sign-in at the provider may take. */
export const OIDC_TRANSACTION_MINUTES = 10;

function transactionCookie() {
  const e = env();
  return createCookie("hf_oidc", {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
    sameSite: "lax",
    secure: e.NODE_ENV === "production" && e.APP_URL.startsWith("https:"),
    path: "/logg-inn/oidc",
    maxAge: OIDC_TRANSACTION_MINUTES * 60,
  });
}

let sealKey: { secret: string; key: Buffer } | undefined;
function key(): Buffer {
  const secret = env().sessionSecret;
  if (sealKey?.secret !== secret) sealKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "hf-oidc", "oidc-transaction-v1", 32)) };
  return sealKey.key;
}

function seal(value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

function open(sealed: string): string | null {
  const [version, iv, tag, data, ...rest] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const transactionSchema = z.object({
  provider: z.string().min(1).max(40),
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  redirectTo: z.string().max(2000),
  startedAt: z.number().int(),
});

/** The Set-Cookie header that keeps a transaction until the callback. */
export async function storeTransaction(transaction: OidcTransaction): Promise<string> {
  return transactionCookie().serialize(seal(JSON.stringify(transaction)));
}

/**
 * The request's transaction, or null when there is none, it was changed, sealed with another
 * secret, or is older than OIDC_TRANSACTION_MINUTES.
 */
export async function readTransaction(request: Request, now = Date.now()): Promise<OidcTransaction | null> {
  const raw: unknown = await transactionCookie().parse(request.headers.get("Cookie"));
  if (typeof raw !== "string" || raw.length > 4000) return null;
  const opened = open(raw);
  if (opened == null) return null;
  let value: unknown;
  try {
    value = JSON.parse(opened);
  } catch {
    return null;
  }
  const parsed = transactionSchema.safeParse(value);
  if (!parsed.success) return null;
  const age = now - parsed.data.startedAt;
  if (age < 0 || age > OIDC_TRANSACTION_MINUTES * 60_000) return null;
  return { ...parsed.data, redirectTo: safeRedirect(parsed.data.redirectTo, SIGNED_IN_HOME) };
}

/** The Set-Cookie header that clears the transaction. */
export async function clearTransaction(): Promise<string> {
  return transactionCookie().serialize("", { maxAge: 0 });
}
