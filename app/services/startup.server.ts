/**
 * Start-up: open the database, apply pending migrations, seed reference data (and demo accounts in
 * demo mode). A failed migration stops start-up with a clear message.
 */
import { databaseHandle, openDatabase, setDatabase, type DatabaseHandle } from "../../db/client";
import { seedDemoCases } from "../../db/demo/cases";
import { seedDemoMeetings } from "../../db/demo/meetings";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import { seedDemoAccounts, seedReferenceData } from "../../db/seed";
import { startChecklistReminders } from "~/models/checklists.server";
import { startStatusCountFolding } from "~/models/inbox.server";
import { startNoticeJobs } from "~/models/notices.server";
import { startRetentionJob } from "~/models/retention.server";
import { loadKnowledgeContent } from "~/models/knowledge.server";
import { env } from "./env.server";
import { errorFields, log } from "./log.server";
import { stopAllJobs } from "./jobs.server";
import { startMailWorker } from "./mail.server";
import { startRateLimitCleanup } from "./rate-limit.server";

const state = globalThis as unknown as { __hfStartup?: Promise<DatabaseHandle> };

export class StartupError extends Error {}

async function run(): Promise<DatabaseHandle> {
  const e = env();
  const handle = await openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR });
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close().catch(() => {});
    log("error", "migration_failed", errorFields(error));
    throw new StartupError(
      `Database migration failed: ${error instanceof Error ? error.message : String(error)}. ` + "The app did not start. Check DATABASE_URL and the migrations in db/migrations.",
    );
  }
  setDatabase(handle);
  await seedReferenceData(handle.db);
  if (e.demoMode) await seedDemoAccounts(handle.db);
  if (e.demoMode) await seedDemoCases(handle.db);
  if (e.demoMode) await seedDemoMeetings(handle.db);
  if (e.demoMode) await seedDemoPlanHistory(handle.db);
  await loadKnowledgeContent(); // compiles content/ once (cached by hash); invalid content stops start-up
  startMailWorker();
  startChecklistReminders();
  startNoticeJobs(); // the daily digest of notices and overdue follow-up tasks, hourly checks
  startRetentionJob(); // security: anonymise contact data of old finished cases, daily
  startStatusCountFolding(); // the inbox's per-status counts: fold the trigger's rows every minute
  startRateLimitCleanup(); // security: delete old rate-limit windows, hourly
  log("info", "startup_complete", { database: handle.kind, demoMode: e.demoMode });
  return handle;
}

/** Idempotent: the first call does the work; later calls wait for it. */
export function startup(): Promise<DatabaseHandle> {
  state.__hfStartup ??= run().catch((error) => {
    state.__hfStartup = undefined;
    throw error;
  });
  return state.__hfStartup;
}

export async function shutdown() {
  if (!state.__hfStartup) return;
  // Jobs that may be halfway through a run finish it before the database closes.
  await stopAllJobs();
  const handle = databaseHandle();
  state.__hfStartup = undefined;
  setDatabase(undefined);
  await handle.close();
}
