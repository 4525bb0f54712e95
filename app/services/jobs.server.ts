/**
 * Periodic background jobs (mail sender, checklist reminders, retention, inbox count folding,
 * rate-limit cleanup). One mechanism for all: one run at a time per job, timers that never keep
 * the process alive, and stopping waits for a run in progress, so shutdown closes the database
 * only after it. Kept on globalThis so that a development rebuild does not start a job twice.
 */
import { errorFields, log } from "./log.server";

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

/** Starts `name` unless it runs already. */
export function startJob(name: string, run: () => Promise<unknown>, options: JobOptions): void {
  if (jobs.has(name)) return;
  const job = {} as Job;
  const tick = () => {
    if (job.running) return; // the previous run is still going
    job.running = run()
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
