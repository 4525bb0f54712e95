/**
 * Environment, validated with zod once at start-up. See README "Configuration".
 */
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** postgres://… — without it the app runs on the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data/pglite"),
  SESSION_SECRET: z.string().min(16).optional(),
  /** Public base URL used in e-mails (tracking links). */
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** smtp://user:pass@host:port — without it mail stays in the outbox and admins see it. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Helsefellesskap Møre og Romsdal <noreply@helsefellesskap-mr.example>"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /** Force demo mode on a real database outside production (demo accounts, demo history). */
  DEMO_MODE: z.enum(["0", "1"]).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
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
  FORM_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
});

export type Env = Omit<z.infer<typeof schema>, "RATE_LIMIT_PUBLIC_FORM"> & {
  demoMode: boolean;
  sessionSecret: string;
  formMinFillSeconds: number;
  RATE_LIMIT_PUBLIC_FORM: number;
};

let cached: Env | undefined;

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
  if (production && e.DATABASE_URL && !e.SESSION_SECRET) {
    throw new Error("Invalid environment: SESSION_SECRET is required in production with DATABASE_URL");
  }
  // The fill-time guard and the form's rate limit are relaxed by default only in unit/integration
  // tests, whose requests all come from one "client" (as in the Epic Stack); the tests of these
  // guards set FORM_MIN_FILL_SECONDS and RATE_LIMIT_PUBLIC_FORM themselves.
  const test = e.NODE_ENV === "test";
  const formMinFillSeconds = e.FORM_MIN_FILL_SECONDS ?? (test ? 0 : 3);
  const RATE_LIMIT_PUBLIC_FORM = e.RATE_LIMIT_PUBLIC_FORM ?? (test ? 1000 : 20);
  return { ...e, demoMode, formMinFillSeconds, RATE_LIMIT_PUBLIC_FORM, sessionSecret: e.SESSION_SECRET ?? "demo-session-secret-not-for-production" };
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Tests reset the cache after changing process.env. */
export function resetEnvForTests() {
  cached = undefined;
}
