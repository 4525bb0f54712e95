/**
 * `npm run user:create -- --email … --name … --role admin [--party 1506 …]`: creates a user and
 * prints a single-use link (72 h) on APP_URL where they set their password. For the first admin
 * of a production instance (no account exists before it); no mail is sent, the link is printed.
 * Applies pending migrations and the reference data first, like start-up, so it works on a fresh
 * database. Exits non-zero with a message on bad input or a taken e-mail.
 */
import { parseArgs } from "node:util";
import { openDatabase, setDatabase } from "./client";
import { seedReferenceData } from "./seed";
import { createUserAs, userFieldsSchema } from "../app/models/people.server";
import { DomainError } from "../app/services/domain-error";
import { env } from "../app/services/env.server";
import { i18nFor, translateCode } from "../app/i18n";
import "../app/i18n/all";

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, party: { type: "string", multiple: true } },
    strict: true,
  });
  const parsed = userFieldsSchema.safeParse({ email: values.email ?? "", name: values.name ?? "", role: values.role ?? "", parties: values.party ?? [] });
  const t = i18nFor("en").getFixedT("en", "people");
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0])}: ${translateCode(t, "people", issue.message)}`);
    console.error("Usage: npm run user:create -- --email <address> --name <name> --role <secretariat|committee_member|reporter|admin> [--party <number> …]");
    return 2;
  }
  const e = env();
  const handle = await openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR });
  try {
    await handle.migrate();
    setDatabase(handle);
    await seedReferenceData(handle.db);
    const { link } = await createUserAs({ id: null, label: "user:create (CLI)" }, parsed.data, { mail: false });
    console.log(`Created ${parsed.data.email} (${parsed.data.role}). Single-use link to set the password (valid until ${link.expiresAt.toISOString()}):`);
    console.log(link.url);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`${error.field ? `--${error.field}: ` : ""}${translateCode(t, "people", error.code)}`);
      return 1;
    }
    throw error;
  } finally {
    setDatabase(undefined);
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  process.exitCode = await main(process.argv.slice(2));
}
