import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { coalescingStream } from "../../app/services/coalesce.server";

afterEach(() => {
  vi.useRealTimers();
});

/** Writes the chunks; with `gap`, the server waits halfway (fake timers: the waiting timers run, no real wait). */
async function collect(chunks: string[], gap = false) {
  const stream = coalescingStream();
  const out: Buffer[] = [];
  stream.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((r) => stream.on("end", r));
  for (const [i, c] of chunks.entries()) {
    stream.write(c);
    if (gap && i === Math.floor(chunks.length / 2)) await vi.runOnlyPendingTimersAsync();
  }
  stream.end();
  await done;
  return out;
}

describe("coalescingStream", () => {
  it("passes one burst of small writes on as one chunk, byte for byte", async () => {
    const chunks = Array.from({ length: 60 }, (_, i) => `<td>${i} æøå</td>`);
    const out = await collect(chunks);
    expect(out).toHaveLength(1);
    expect(Buffer.concat(out).toString("utf8")).toBe(chunks.join(""));
  });

  it("flushes what it holds before the server waits (streaming still streams)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setImmediate"] });
    const out = await collect(["a", "b", "c", "d"], true);
    expect(out.length).toBe(2);
    expect(Buffer.concat(out).toString()).toBe("abcd");
  });

  it("never holds more than 64 KB", async () => {
    const big = "x".repeat(40 * 1024);
    const out = await collect([big, big, big]);
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...out.map((c) => c.length))).toBeLessThanOrEqual(2 * big.length);
    expect(Buffer.concat(out).length).toBe(3 * big.length);
  });

  it("works as a pipe target for a readable", async () => {
    const stream = Readable.from(["<html>", "<body>", "</body>", "</html>"]).pipe(coalescingStream());
    let text = "";
    for await (const c of stream) text += c.toString();
    expect(text).toBe("<html><body></body></html>");
  });
});
