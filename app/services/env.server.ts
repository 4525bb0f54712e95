/**
 * Environment, validated with zod once at start-up. See README "Configuration".
 */
import { isIP } from "node:net";
import { z } from "zod";

/** proxy-addr's names for address ranges (Express's `trust proxy`). */
const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An IP address, optionally with a CIDR prefix or a netmask. */
function isAddressOrRange(piece: string): boolean {
  const [address = "", range, ...rest] = piece.split("/");
  if (rest.length > 0 || isIP(address) === 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (isIP(address) === 4 ? 32 : 128);
  return isIP(range) !== 0;
}

/**
 * TRUST_PROXY: unset/"false"/"0" (no proxy), "true", a hop count, or a comma-separated list of
 * addresses, CIDR ranges and proxy-addr's names; app/http/edge.server.ts turns it into Express's setting.
 */
const trustProxy = z
  .string()
  .trim()
  .refine(
    (v) => v === "" || v === "true" || v === "false" || /^\d+$/.test(v) || v.split(",").every((p) => PROXY_NAMES.has(p.trim()) || isAddressOrRange(p.trim())),
    "expected true, false, a hop count, or addresses/CIDR ranges/loopback/linklocal/uniquelocal separated by commas",
  );

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address the server listens on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Processes on one port (node:cluster); more than 1 needs DATABASE_URL. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Which proxies may set X-Forwarded-*; unset trusts none (issue 11, finding 17). */
  TRUST_PROXY: trustProxy.optional(),
  /** "0" turns the access log (one line per request) off. */
  LOG_REQUESTS: z.enum(["0", "1"]).default("1"),
  /** scrypt's cost as a power of two (N = 2^cost); tests lower it. */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  /** postgres://… — without it the app runs on the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data/pglite"),
  /** Signs the session cookie. Production requires ≥ 32 random bytes (`openssl rand -hex 32`), see sessionSecretWeakness. */
  SESSION_SECRET: z.string().min(16).optional(),
  /** Public base URL used in e-mails (tracking links). */
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** smtp://user:pass@host:port — without it mail stays in the outbox and admins see it. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Helsefellesskap Møre og Romsdal <noreply@helsefellesskap-mr.example>"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /**
   * Force demo mode on a real database outside production (demo accounts, demo history). In
   * production it is the deliberate opt-in for a demo instance on the embedded database.
   */
  DEMO_MODE: z.enum(["0", "1"]).optional(),
  /** Default: "warn" in tests, else "info". */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).optional(),
  // Security (issue 6, docs/security.md):
  /** Months after a case is closed, rejected or withdrawn before the submitter's contact data is anonymised. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(600).default(24),
  /** Submissions of the public form per client IP per 10 minutes. */
  RATE_LIMIT_PUBLIC_FORM: z.coerce.number().int().min(1).optional(),
  /** Failed sign-ins per client IP per 5 minutes (per e-mail address: half of it, at least 1). */
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(10),
  /** Minimum seconds between rendering the public form and submitting it (bot guard); 0 turns the timing check off. */
  FORM_MIN_FILL_SECONDS: z.coerce.number().min(0).optional(),
  /** Minutes a rendered public form may take before its bot-guard token expires (issue 11, finding 16). */
  FORM_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(120),
});

/** One organisational identity provider (OpenID Connect), from the OIDC_* variables. */
export interface OidcProviderConfig {
  /** The provider's id in URLs: /logg-inn/oidc/<id> and /logg-inn/oidc/<id>/callback. */
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button text: "Logg inn med <name>". */
  name: string;
  scopes: string[];
}

/** The id of the provider configured with the unnumbered variables (OIDC_ISSUER …). */
export const DEFAULT_OIDC_ID = "sso";

const OIDC_FIELDS = { ISSUER: "issuer", CLIENT_ID: "clientId", CLIENT_SECRET: "clientSecret", NAME: "name", SCOPES: "scopes" } as const;
type OidcField = keyof typeof OIDC_FIELDS;
const OIDC_VARIABLE = /^OIDC_(?:([A-Z0-9]+)_)?(ISSUER|CLIENT_ID|CLIENT_SECRET|NAME|SCOPES)$/;

const oidcProviderSchema = z.object({
  issuer: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), "expected an http(s) URL"),
  clientId: z.string().trim().min(1),
  clientSecret: z.string().min(1),
  name: z.string().trim().min(1).max(60),
  scopes: z
    .string()
    .trim()
    .default("openid email profile")
    .transform((v) => v.split(/[\s,]+/).filter((s) => s.length > 0))
    .refine((v) => v.includes("openid"), "must include openid")
    .refine((v) => v.every((s) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)), "scope names are printable ASCII without quotes or backslashes"),
});

/**
 * The identity providers in the environment: the unnumbered set OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET, OIDC_NAME, optional OIDC_SCOPES (id "sso"), and any number of sets with an
 * id between OIDC_ and the field, OIDC_<ID>_ISSUER … (OIDC_1_ISSUER, OIDC_ENTRA_ISSUER; the id in
 * URLs is its lower case: "1", "entra"). A set with a missing field, a variable with another name
 * under OIDC_, or an issuer over plain http in production is refused: a typo must not silently
 * leave sign-in out.
 */
export function oidcProvidersFrom(source: Record<string, string | undefined>, production: boolean): OidcProviderConfig[] {
  const sets = new Map<string, Partial<Record<OidcField, string>>>();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (!key.startsWith("OIDC_") || value === undefined || value === "") continue;
    const match = OIDC_VARIABLE.exec(key);
    if (!match) {
      problems.push(`${key}: unknown variable (expected OIDC_[<ID>_]ISSUER, CLIENT_ID, CLIENT_SECRET, NAME or SCOPES)`);
      continue;
    }
    const id = match[1]?.toLowerCase() ?? DEFAULT_OIDC_ID;
    const field = match[2] as OidcField;
    const set = sets.get(id) ?? {};
    set[field] = value;
    sets.set(id, set);
  }
  const providers: OidcProviderConfig[] = [];
  for (const [id, set] of [...sets.entries()].sort(([a], [b]) => (a === DEFAULT_OIDC_ID ? -1 : b === DEFAULT_OIDC_ID ? 1 : a.localeCompare(b)))) {
    const prefix = id === DEFAULT_OIDC_ID ? "OIDC_" : `OIDC_${id.toUpperCase()}_`;
    const parsed = oidcProviderSchema.safeParse(Object.fromEntries(Object.entries(OIDC_FIELDS).map(([field, name]) => [name, set[field as OidcField]])));
    if (!parsed.success) {
      const byName = Object.fromEntries(Object.entries(OIDC_FIELDS).map(([field, name]) => [name, field]));
      for (const issue of parsed.error.issues) problems.push(`${prefix}${byName[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
      continue;
    }
    // Plain http only on this machine's loopback (a provider beside the app, or a test's).
    if (production && parsed.data.issuer.startsWith("http:") && !["127.0.0.1", "[::1]", "localhost"].includes(new URL(parsed.data.issuer).hostname))
      problems.push(`${prefix}ISSUER: must be https in production (http only on loopback)`);
    providers.push({ id, ...parsed.data });
  }
  if (problems.length > 0) throw new Error(`Invalid environment: ${problems.join("; ")}`);
  return providers;
}

export type Env = Omit<z.infer<typeof schema>, "RATE_LIMIT_PUBLIC_FORM" | "LOG_LEVEL"> & {
  LOG_LEVEL: NonNullable<z.infer<typeof schema>["LOG_LEVEL"]>;
  /** Organisational sign-in (OpenID Connect); empty: password sign-in only. */
  oidcProviders: OidcProviderConfig[];
  demoMode: boolean;
  sessionSecret: string;
  formMinFillSeconds: number;
  RATE_LIMIT_PUBLIC_FORM: number;
};

let cached: Env | undefined;

/** The built-in secret outside production; production refuses it. */
export const DEMO_SESSION_SECRET = "demo-session-secret-not-for-production";

/**
 * Why a session secret is too weak for production, or null when it is fit: at least 32 random
 * bytes — 64 hex characters, or 43 characters of base64 or another larger alphabet — and no
 * sign of a made-up string (the demo value, few distinct characters, repeated pieces, low
 * character entropy).
 */
export function sessionSecretWeakness(secret: string): string | null {
  if (secret === DEMO_SESSION_SECRET) return "it is the built-in demo value";
  const hexOnly = /^[0-9a-fA-F]+$/.test(secret);
  const minLength = hexOnly ? 64 : 43;
  if (secret.length < minLength) return `it is shorter than ${minLength} characters (32 random bytes)`;
  if (new Set(secret).size < 12) return "it has too few distinct characters";
  const seen = new Set<string>();
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8);
    if (seen.has(piece)) return "it repeats a piece of itself";
    seen.add(piece);
  }
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  const bitsPerChar = -[...counts.values()].reduce((sum, n) => sum + (n / secret.length) * Math.log2(n / secret.length), 0);
  // 32 random bytes measure ≥ 3.39 bits per character as hex and ≥ 4.23 as base64 (200,000 samples each).
  if (bitsPerChar < (hexOnly ? 3.2 : 4)) return "its characters are too predictable (low entropy)";
  return null;
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${fields}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  // Demo accounts exist only on the embedded default, or on request outside production.
  const demoMode = !e.DATABASE_URL || (e.DEMO_MODE === "1" && !production);
  if (production && !e.DATABASE_URL && e.DEMO_MODE !== "1") {
    // Demo mode (embedded database, demo accounts and password) is never production by accident.
    throw new Error(
      "Invalid environment: DATABASE_URL is required in production (without it the app would run the demo on the embedded database; set DEMO_MODE=1 only for a deliberate demo instance)",
    );
  }
  if (production) {
    if (!e.SESSION_SECRET) throw new Error("Invalid environment: SESSION_SECRET is required in production (generate one with `openssl rand -hex 32`)");
    const weakness = sessionSecretWeakness(e.SESSION_SECRET);
    if (weakness) throw new Error(`Invalid environment: SESSION_SECRET is too weak for production: ${weakness}; generate one with \`openssl rand -hex 32\``);
  }
  // The fill-time guard and the form's rate limit are relaxed by default only in unit/integration
  // tests, whose requests all come from one "client" (as in the Epic Stack); the tests of these
  // guards set FORM_MIN_FILL_SECONDS and RATE_LIMIT_PUBLIC_FORM themselves.
  const test = e.NODE_ENV === "test";
  const formMinFillSeconds = e.FORM_MIN_FILL_SECONDS ?? (test ? 0 : 3);
  const RATE_LIMIT_PUBLIC_FORM = e.RATE_LIMIT_PUBLIC_FORM ?? (test ? 1000 : 20);
  const LOG_LEVEL = e.LOG_LEVEL ?? (test ? "warn" : "info");
  if (e.WEB_CONCURRENCY > 1 && !e.DATABASE_URL) {
    throw new Error("Invalid environment: WEB_CONCURRENCY > 1 needs DATABASE_URL (the embedded PGlite belongs to one process)");
  }
  const oidcProviders = oidcProvidersFrom(source, production);
  return { ...e, demoMode, formMinFillSeconds, RATE_LIMIT_PUBLIC_FORM, LOG_LEVEL, oidcProviders, sessionSecret: e.SESSION_SECRET ?? DEMO_SESSION_SECRET };
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Tests reset the cache after changing process.env. */
export function resetEnvForTests() {
  cached = undefined;
}
