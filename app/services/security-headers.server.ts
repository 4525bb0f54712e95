/**
 * Security headers for documents: an enforced Content Security Policy with a per-response nonce,
 * (docs/security.md). server.ts adds the other hardening headers to every response.
 */
import { env } from "./env.server";
import { oidcFormActionOrigins } from "./oidc.server";

export function contentSecurityPolicy(nonce: string) {
  const dev = env().NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // The organisational sign-in's form redirects to the identity provider (docs/decisions/015-oidc-sign-in.md).
    ["form-action 'self'", ...oidcFormActionOrigins()].join(" "),
  ].join("; ");
}
