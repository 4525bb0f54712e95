import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startJob, stopAllJobs, stopJob } from "../../app/services/jobs.server";

// Fake timers: the job's ticks and the runs' own waits follow the test's clock, not the wall's.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = { level: "warn" as const, event: "test_job_failed" };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  const stopped = stopAllJobs();
  await vi.runAllTimersAsync(); // a run still going ends
  await stopped;
  vi.useRealTimers();
});

describe("background jobs", () => {
  it("never runs a job twice at once, and stopping waits for the run in progress", async () => {
    let running = 0;
    let most = 0;
    let finished = 0;
    startJob(
      "slow",
      async () => {
        running++;
        most = Math.max(most, running);
        await sleep(60);
        running--;
        finished++;
      },
      { everyMs: 5, firstAfterMs: 0, onFailure: quiet },
    );
    await vi.advanceTimersByTimeAsync(30); // several ticks while the first run is still going
    // The counters as they read when stopJob resolves (the clock moves on meanwhile: the run ends).
    const stopped = stopJob("slow").then(() => ({ most, finished, running }));
    await vi.advanceTimersByTimeAsync(60);
    const atStop = await stopped;
    expect(atStop.most).toBe(1);
    expect(atStop.finished).toBe(1);
    expect(atStop.running).toBe(0);
    await vi.advanceTimersByTimeAsync(30);
    expect(finished).toBe(1); // no run after the stop
  });

  it("starts a job only once under one name, and a failed run does not stop the job", async () => {
    let runs = 0;
    let second = 0;
    startJob(
      "flaky",
      async () => {
        runs++;
        throw new Error("expected in this test");
      },
      { everyMs: 10, onFailure: quiet },
    );
    startJob("flaky", async () => void second++, { everyMs: 10, onFailure: quiet });
    for (let i = 0; i < 200 && runs < 2; i++) await vi.advanceTimersByTimeAsync(10);
    await stopAllJobs();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(second).toBe(0);
  });
});
