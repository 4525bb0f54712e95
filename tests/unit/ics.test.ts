import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, formatUtc, parseContentLines, serializeCalendar, unescapeText } from "~/models/ics";

const octets = (s: string) => new TextEncoder().encode(s).length;

describe("ICS serializer (RFC 5545)", () => {
  const event = {
    uid: "meeting-1@helsefellesskap-mr.example",
    start: new Date("2024-09-11T07:00:00Z"),
    end: new Date("2024-09-11T13:30:00Z"),
    stamp: new Date("2024-08-01T10:00:00Z"),
    summary: "Strategisk samarbeidsutval (SSU), møte",
    location: "Ålesund sjukehus; møterom «Fjellstova», 2. etasje",
    description: "Saksliste:\n30/24 Koordinering, KE og IP – dialog med Statsforvaltaren",
    url: "http://localhost:3000/utval/ssu/moter/1",
  };

  it("writes a VCALENDAR with one VEVENT, UTC times, CRLF line endings and a final CRLF", () => {
    const ics = serializeCalendar([event]);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = parseContentLines(ics);
    const get = (name: string) => lines.find((l) => l.name === name)?.value;
    expect(get("UID")).toBe(event.uid);
    expect(get("DTSTAMP")).toBe("20240801T100000Z");
    expect(get("DTSTART")).toBe("20240911T070000Z");
    expect(get("DTEND")).toBe("20240911T133000Z");
    expect(unescapeText(get("SUMMARY")!)).toBe(event.summary);
    expect(unescapeText(get("LOCATION")!)).toBe(event.location);
    expect(unescapeText(get("DESCRIPTION")!)).toBe(event.description);
    expect(get("URL")).toBe(event.url);
    expect(lines.filter((l) => l.name === "BEGIN").map((l) => l.value)).toEqual(["VCALENDAR", "VEVENT"]);
  });

  it("keeps every physical line within 75 octets, also with æøå and long texts", () => {
    const long = { ...event, description: "Æøå ".repeat(200) + "slutt" };
    const ics = serializeCalendar([long]);
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    const desc = parseContentLines(ics).find((l) => l.name === "DESCRIPTION")!.value;
    expect(unescapeText(desc)).toBe(long.description);
  });

  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    expect(unescapeText(escapeText("a\\b;c,d\ne"))).toBe("a\\b;c,d\ne");
  });

  it("formats UTC times without separators", () => {
    expect(formatUtc(new Date("2026-12-03T08:05:09.123Z"))).toBe("20261203T080509Z");
  });

  it("folds any text losslessly without splitting characters (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const folded = foldLine(`DESCRIPTION:${escapeText(text)}`);
        for (const line of folded.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
        const value = parseContentLines(folded + "\r\n")[0].value;
        expect(unescapeText(value)).toBe(text.replace(/\r\n|\r/g, "\n"));
      }),
      { numRuns: 200 },
    );
  });
});
