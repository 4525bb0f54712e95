import { describe, expect, it } from "vitest";
import { parseListParams } from "~/models/public-cases.server";

const parse = (query: string) => parseListParams(new URLSearchParams(query));

describe("the public case list's query string (one zod schema)", () => {
  it("defaults everything, newest first", () => {
    expect(parse("")).toEqual({ q: null, status: null, body: null, year: null, sort: "newest", page: 1 });
  });

  it("keeps known values and orders a search by relevance unless asked otherwise", () => {
    expect(parse("q=%20samhandling%20&status=routed&body=pkt&year=2024&page=3")).toEqual({
      q: "samhandling",
      status: "routed",
      body: "pkt",
      year: 2024,
      sort: "relevance",
      page: 3,
    });
    expect(parse("q=x&sort=oldest").sort).toBe("oldest");
    expect(parse("q=x&sort=newest").sort).toBe("newest");
    expect(parse("sort=relevance").sort).toBe("newest");
  });

  it("falls back for unknown or out-of-range values, and reads the first of repeated names", () => {
    expect(parse("status=submitted&year=1999&page=0&sort=x")).toMatchObject({ status: null, year: null, page: 1, sort: "newest" });
    expect(parse("status=withdrawn&year=abc&page=10001")).toMatchObject({ status: null, year: null, page: 1 });
    expect(parse("page=2.7&year=2100").page).toBe(2);
    expect(parse("status=closed&status=routed").status).toBe("closed");
    expect(parse(`q=${"a".repeat(300)}&body=${"b".repeat(150)}`)).toMatchObject({ q: "a".repeat(200), body: "b".repeat(100) });
  });
});
