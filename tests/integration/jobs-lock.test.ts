/**
 * The job runner's advisory lock (docs/decisions/011-job-runner.md): on PostgreSQL, two "instances"
 * (two clients on the same database) never run the same job at once — the second skips its tick
 * while the first runs, and runs again once the lock is free; other jobs are not held up. On PGlite
 * (one process) a run needs no lock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type DatabaseHandle } from "../../db/client";
import { runExclusively, startJob, stopJob } from "~/services/jobs.server";
import { useTestDatabase } from "../support/db";

const ref = useTestDatabase({ seed: false });

let second: DatabaseHandle | undefined;
beforeAll(async () => {
  const url = database().url;
  if (url) second = await openPostgres(url, { max: 4 });
});
afterAll(async () => {
  await second?.close();
});

/** A promise and the function that resolves it: runs last until `release()`, tests await `done`. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

function database() {
  if (!ref.current) throw new Error("no test database");
  return ref.current;
}

describe("job runs across instances", () => {
  it("runs a job on one instance at a time (PostgreSQL) and on every call on PGlite", async () => {
    const first = database();
    const other = second ?? first;
    const g = gate();
    const started = gate();
    let runs = 0;
    const slow = runExclusively(first, "test-job", async () => {
      runs++;
      started.release();
      await g.done;
    });
    await started.done; // the first run holds the lock now
    const meanwhile = await runExclusively(other, "test-job", async () => void runs++);
    const otherJob = await runExclusively(other, "another-job", async () => undefined);
    g.release();
    expect(await slow).toBe(true);
    expect(otherJob).toBe(true);
    if (second) {
      expect(meanwhile).toBe(false); // skipped: the first instance was running it
      expect(runs).toBe(1);
    } else {
      expect(meanwhile).toBe(true); // PGlite: one process, no lock
      expect(runs).toBe(2);
    }
    // Released after the run: the other instance may run it now.
    expect(await runExclusively(other, "test-job", async () => void runs++)).toBe(true);
  });

  it("releases the lock when a run fails", async () => {
    const first = database();
    await expect(runExclusively(first, "failing-job", async () => Promise.reject(new Error("expected in this test")))).rejects.toThrow("expected");
    expect(await runExclusively(second ?? first, "failing-job", async () => undefined)).toBe(true);
  });

  it("a job started by the runner holds the lock while it runs: another instance skips it, then runs it after", async () => {
    if (!second) return; // PGlite: one process
    const b = second;
    const started = gate();
    const release = gate();
    let runs = 0;
    // Instance A through the job runner (this process's database), instance B calling the locked run directly on the other client.
    startJob(
      "shared-job",
      async () => {
        runs++;
        started.release();
        await release.done;
      },
      { everyMs: 60_000, firstAfterMs: 0, onFailure: { level: "warn", event: "test_job_failed" } },
    );
    await started.done;
    expect(await runExclusively(b, "shared-job", async () => void runs++)).toBe(false);
    release.release();
    await stopJob("shared-job"); // resolves once A's run has finished and released the lock
    expect(await runExclusively(b, "shared-job", async () => void runs++)).toBe(true);
    expect(runs).toBe(2);
  });
});
