/**
 * Periodic background jobs (mail sender, checklist reminders, retention, inbox count folding,
 * rate-limit cleanup). One mechanism for all: one run at a time per job, timers that never keep
 * the process alive, and stopping waits for a run in progress, so shutdown closes the database
 * only after it. Kept on globalThis so that a development rebuild does not start a job twice.
 *
 * Every instance (and every process of WEB_CONCURRENCY) runs the same timers, but on PostgreSQL a
 * run first takes a session advisory lock for its job (`pg_try_advisory_lock`, on a connection
 * reserved for the run): while one instance runs a job the others skip that tick. PGlite is one
 * process: no lock needed. See docs/decisions/011-job-runner.md.
 */
import type { Sql } from "postgres";
import { databaseHandle, type DatabaseHandle } from "../../db/client";
import { requireRow } from "../../db/rows";
import { errorFields, log } from "./log.server";

/** The first key of the jobs' advisory locks (the second is hashtext(job name)); the migration lock uses the one-key space. */
export const JOB_LOCK_CLASS = 4_711_012;

/**
 * Runs `run` unless another instance runs job `name` right now: true when it ran, false when it
 * was skipped. The lock is a session lock on a connection reserved for the run, so it is released
 * when the run ends — or by the server when that connection dies with its process.
 */
export async function runExclusively(handle: DatabaseHandle | undefined, name: string, run: () => Promise<unknown>): Promise<boolean> {
  if (handle?.kind !== "postgres") {
    await run();
    return true;
  }
  const client = (handle.db as unknown as { $client: Sql }).$client;
  const connection = await client.reserve();
  try {
    const { locked } = requireRow(await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(${JOB_LOCK_CLASS}, hashtext(${name})) as locked`, "advisory lock");
    if (!locked) {
      log("debug", "job_skipped", { job: name });
      return false;
    }
    try {
      await run();
      return true;
    } finally {
      await connection`select pg_advisory_unlock(${JOB_LOCK_CLASS}, hashtext(${name}))`;
    }
  } finally {
    connection.release();
  }
}

/** This process's database, if open (jobs in unit tests run without one). */
function openHandle(): DatabaseHandle | undefined {
  try {
    return databaseHandle();
  } catch {
    return undefined;
  }
}

interface Job {
  interval: ReturnType<typeof setInterval>;
  first?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
}

const store = globalThis as typeof globalThis & { __hfJobs?: Map<string, Job> };
const jobs = (store.__hfJobs ??= new Map<string, Job>());

export interface JobOptions {
  everyMs: number;
  /** A first run this long after start (else the first run is after `everyMs`). */
  firstAfterMs?: number;
  /** What a failed run logs (no free text: errorFields only). */
  onFailure: { level: "warn" | "error"; event: string };
}

/**
 * Starts `name` unless it runs already. `run` gets the time its tick fired (taken before any
 * lock is awaited), so a run's "now" is the schedule's, not whenever the lock was granted.
 */
export function startJob(name: string, run: (tickAt: Date) => Promise<unknown>, options: JobOptions): void {
  if (jobs.has(name)) return;
  const job = {} as Job;
  const tick = () => {
    if (job.running) return; // the previous run is still going
    const tickAt = new Date();
    job.running = runExclusively(openHandle(), name, () => run(tickAt))
      .then(
        () => undefined,
        (error) => log(options.onFailure.level, options.onFailure.event, errorFields(error)),
      )
      .finally(() => {
        job.running = undefined;
      });
  };
  job.interval = setInterval(tick, options.everyMs);
  job.interval.unref();
  if (options.firstAfterMs != null) {
    job.first = setTimeout(tick, options.firstAfterMs);
    job.first.unref();
  }
  jobs.set(name, job);
}

/** Stops `name`'s timers; resolves when a run in progress has finished. */
export async function stopJob(name: string): Promise<void> {
  const job = jobs.get(name);
  if (!job) return;
  clearInterval(job.interval);
  if (job.first) clearTimeout(job.first);
  jobs.delete(name);
  await job.running;
}

/** Stops every job and waits for the runs in progress (shutdown, before the database closes). */
export async function stopAllJobs(): Promise<void> {
  await Promise.allSettled([...jobs.keys()].map(stopJob));
}
