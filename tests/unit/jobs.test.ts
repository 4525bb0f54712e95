import { afterEach, describe, expect, it } from "vitest";
import { startJob, stopAllJobs, stopJob } from "../../app/services/jobs.server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = { level: "warn" as const, event: "test_job_failed" };

afterEach(() => stopAllJobs());

describe("background jobs", () => {
  it("never runs a job twice at once, and stopping waits for the run in progress", async () => {
    let running = 0;
    let most = 0;
    let finished = 0;
    startJob("slow", async () => {
      running++;
      most = Math.max(most, running);
      await sleep(60);
      running--;
      finished++;
    }, { everyMs: 5, firstAfterMs: 0, onFailure: quiet });
    await sleep(30); // several ticks while the first run is still going
    await stopJob("slow");
    expect(most).toBe(1);
    expect(finished).toBe(1);
    expect(running).toBe(0);
    await sleep(30);
    expect(finished).toBe(1); // no run after the stop
  });

  it("starts a job only once under one name, and a failed run does not stop the job", async () => {
    let runs = 0;
    let second = 0;
    startJob("flaky", async () => {
      runs++;
      throw new Error("expected in this test");
    }, { everyMs: 10, onFailure: quiet });
    startJob("flaky", async () => void second++, { everyMs: 10, onFailure: quiet });
    for (let i = 0; i < 200 && runs < 2; i++) await sleep(10);
    await stopAllJobs();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(second).toBe(0);
  });
});
