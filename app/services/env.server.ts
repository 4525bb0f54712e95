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
});

export type Env = z.infer<typeof schema> & { demoMode: boolean; sessionSecret: string };

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
  return { ...e, demoMode, sessionSecret: e.SESSION_SECRET ?? "demo-session-secret-not-for-production" };
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Tests reset the cache after changing process.env. */
export function resetEnvForTests() {
  cached = undefined;
}
