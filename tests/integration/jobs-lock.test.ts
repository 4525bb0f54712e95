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
  if (ref.current!.url) second = await openPostgres(ref.current!.url, { max: 4 });
});
afterAll(async () => {
  await second?.close();
});

/** A run that lasts until `release()` is called. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe("job runs across instances", () => {
  it("runs a job on one instance at a time (PostgreSQL) and on every call on PGlite", async () => {
    const first = ref.current!;
    const other = second ?? first;
    const g = gate();
    let runs = 0;
    const slow = runExclusively(first, "test-job", async () => {
      runs++;
      await g.done;
    });
    await new Promise((r) => setTimeout(r, 50)); // the first run holds the lock now
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
    const first = ref.current!;
    await expect(runExclusively(first, "failing-job", async () => Promise.reject(new Error("expected in this test")))).rejects.toThrow("expected");
    expect(await runExclusively(second ?? first, "failing-job", async () => undefined)).toBe(true);
  });

  it("two runners with the same job on one database: at most one run at a time, and runs happen", async () => {
    if (!second) return; // PGlite: one process
    let running = 0;
    let most = 0;
    let finished = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      finished++;
    };
    // Instance A through the job runner (this process's database), instance B calling the locked run directly on the other client.
    startJob("shared-job", work, { everyMs: 5, firstAfterMs: 0, onFailure: { level: "warn", event: "test_job_failed" } });
    const b = second;
    const deadline = Date.now() + 400;
    const loopB = (async () => {
      while (Date.now() < deadline) {
        await runExclusively(b, "shared-job", work);
        await new Promise((r) => setTimeout(r, 3));
      }
    })();
    await loopB;
    await stopJob("shared-job");
    expect(most).toBe(1);
    expect(finished).toBeGreaterThan(2);
  });
});
