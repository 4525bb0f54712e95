import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorFields, log, withRequestId } from "~/services/log.server";
import { first } from "../support/one";

/** The lines `fn` writes (warn and error go to stderr; the tests run at LOG_LEVEL=warn). */
async function captured(fn: () => unknown): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return lines
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe("errorFields", () => {
  it("keeps a failed query's class and SQL but never its bound parameters in the log line", async () => {
    const error = new DrizzleQueryError(
      'select "id" from "users" where "users"."email" = $1',
      ["kari.nordmann@example.no", 1],
      Object.assign(new Error("boom"), { code: "22P02" }),
    );
    const fields = errorFields(error);
    expect(fields.error).toBe("DrizzleQueryError");
    expect(fields.query).toContain('select "id"');
    expect(fields.code).toBe("22P02");
    expect(fields).not.toHaveProperty("message");
    const [line] = await captured(() => log("error", "query_failed", fields));
    expect(line).toMatchObject({ level: "error", event: "query_failed", params: "[redacted]", code: "22P02" });
    expect(JSON.stringify(line)).not.toContain("kari.nordmann@example.no");
  });

  it("caps long messages", () => {
    expect(errorFields(new Error("x".repeat(1000))).message).toHaveLength(300);
  });
});

describe("log", () => {
  it("writes one JSON line with time, level and event", async () => {
    const line = first(await captured(() => log("warn", "something_happened", { count: 2 })));
    expect(line).toMatchObject({ level: "warn", event: "something_happened", count: 2 });
    expect(typeof line.time).toBe("string");
    expect(line).not.toHaveProperty("requestId");
  });

  it("puts the request id on every line written during a request, also after awaits", async () => {
    const lines = await captured(() =>
      withRequestId("req-1234abcd", async () => {
        log("warn", "first");
        await new Promise((r) => setImmediate(r)); // a turn of the event loop, not only a microtask
        log("error", "second");
      }),
    );
    expect(lines.map((l) => [l.event, l.requestId])).toEqual([
      ["first", "req-1234abcd"],
      ["second", "req-1234abcd"],
    ]);
  });

  it("keeps two concurrent requests' ids apart", async () => {
    // Interleaved: the first request starts, then waits until the second has logged.
    let secondLogged!: () => void;
    const gate = new Promise<void>((r) => (secondLogged = r));
    const lines = await captured(() =>
      Promise.all([
        withRequestId("req-aaaaaaaa", async () => {
          await gate;
          log("warn", "line", { n: 0 });
        }),
        withRequestId("req-bbbbbbbb", async () => {
          await new Promise((r) => setImmediate(r));
          log("warn", "line", { n: 1 });
          secondLogged();
        }),
      ]),
    );
    expect(lines.map((l) => [l.n, l.requestId])).toEqual([
      [1, "req-bbbbbbbb"],
      [0, "req-aaaaaaaa"],
    ]);
  });

  it("censors the redacted paths whatever is logged under them", async () => {
    const line = first(
      await captured(() =>
        log("warn", "oops", {
          email: "kari@example.no",
          password: "hemmeleg",
          params: ["kari@example.no"],
          headers: { cookie: "hf_session=abc123secret" },
          nested: { email: "ola@example.no" },
        }),
      ),
    );
    const text = JSON.stringify(line);
    for (const secret of ["kari@example.no", "hemmeleg", "abc123secret", "ola@example.no"]) expect(text).not.toContain(secret);
    expect(line.email).toBe("[redacted]");
  });

  it("does not write below the configured level (warn in tests)", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const lines = await captured(() => log("info", "chatty"));
    expect(lines).toEqual([]);
    expect(stdout).not.toHaveBeenCalled();
  });
});
