import { describe, expect, it } from "vitest";
import { isClockTime, isIsoDate, osloClock, osloDate, osloDateTime, osloParts, osloToUtc, osloYear } from "~/services/oslo-time";
import { slugify } from "~/services/slug";

describe("Oslo time", () => {
  it("converts local planning times to UTC across summer time", () => {
    expect(osloToUtc("2024-09-11", "09:00").toISOString()).toBe("2024-09-11T07:00:00.000Z");
    expect(osloToUtc("2024-01-15", "09:00").toISOString()).toBe("2024-01-15T08:00:00.000Z");
    // The spring gap: 02:30 on 31.03.2024 does not exist; it is taken as 03:30 summer time.
    expect(osloToUtc("2024-03-31", "02:30").toISOString()).toBe("2024-03-31T01:30:00.000Z");
  });

  it("reads instants as Oslo date, clock and year, also at the year's turn", () => {
    expect(osloParts(new Date("2024-09-11T07:00:00Z"))).toEqual({ date: "2024-09-11", time: "09:00", year: 2024 });
    expect(osloDate(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
    expect(osloYear("2024-12-31T23:30:00Z")).toBe(2025);
    expect(osloClock("2024-07-01T22:05:00Z")).toBe("00:05");
    expect(osloDateTime("2024-10-27T00:30:00Z")).toBe("2024-10-27 02:30");
    expect(osloDateTime("2024-10-27T01:30:00Z")).toBe("2024-10-27 02:30");
  });

  it("round-trips every half hour of a year", () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 30 * 60_000) {
      const p = osloParts(t);
      const back = osloToUtc(p.date, p.time).getTime();
      // The repeated autumn hour maps back to one of its two instants.
      expect(Math.abs(back - t) === 0 || Math.abs(back - t) === 3_600_000).toBe(true);
    }
    // CPU-bound (17,568 instants): on a loaded 2-core machine it needs more than vitest's 5 s default.
  }, 30_000);

  it("checks ISO dates and clock times", () => {
    expect(["2024-02-29", "2023-12-31", "1999-01-01"].every(isIsoDate)).toBe(true);
    expect(["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-32", " 2024-01-01", "2024-01-01T00:00"].some(isIsoDate)).toBe(false);
    expect(["00:00", "09:30", "23:59"].every(isClockTime)).toBe(true);
    expect(["24:00", "9:30", "09:60", "09:30:00"].some(isClockTime)).toBe(false);
  });
});

describe("slugify", () => {
  it("spells out æøå, drops accents and punctuation, keeps a fallback", () => {
    expect(slugify("Handlingsplan for KE, IP og koordinator 2017–2020")).toBe("handlingsplan-for-ke-ip-og-koordinator-2017-2020");
    expect(slugify("Ålesund: Særlig tilrettelagt – Ørsta")).toBe("alesund-saerlig-tilrettelagt-orsta");
    expect(slugify("Crème brûlée")).toBe("creme-brulee");
    expect(slugify("a".repeat(10) + " " + "b".repeat(10), { maxLength: 11 })).toBe("aaaaaaaaaa");
    expect(slugify("!!!", { fallback: "del" })).toBe("del");
  });
});
