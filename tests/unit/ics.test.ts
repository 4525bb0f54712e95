import fc from "fast-check";
import ical, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, formatUtc, serializeCalendar, type IcsEvent } from "~/models/ics";
import { osloParts } from "~/services/oslo-time";
import { at, first, one } from "../support/one";

const octets = (s: string) => new TextEncoder().encode(s).length;

/** The events of a calendar as a real iCalendar parser (node-ical) reads them. */
function parseEvents(ics: string): VEvent[] {
  return Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === "VEVENT");
}

describe("ICS serializer (RFC 5545), read back with node-ical", () => {
  const event: IcsEvent = {
    uid: "meeting-1@helsefellesskap-mr.example",
    start: new Date("2024-09-11T07:00:00Z"),
    end: new Date("2024-09-11T13:30:00Z"),
    stamp: new Date("2024-08-01T10:00:00Z"),
    summary: "Strategisk samarbeidsutval (SSU), møte",
    location: "Ålesund sjukehus; møterom «Fjellstova», 2. etasje",
    description: "Saksliste:\n30/24 Koordinering, KE og IP – dialog med Statsforvaltaren",
    url: "http://localhost:3000/utval/ssu/moter/1",
    status: "CONFIRMED",
    sequence: 3,
  };

  it("writes one VEVENT with its UID, summary, location, description, URL, status and sequence", () => {
    const ics = serializeCalendar([event], { name: "SSU" });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const parsed = one(parseEvents(ics));
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.location).toBe(event.location);
    expect(parsed.description).toBe(event.description);
    expect(parsed.url).toBe(event.url);
    expect(parsed.status).toBe("CONFIRMED");
    expect(Number(parsed.sequence)).toBe(3);
    expect(parsed.dtstamp?.toISOString()).toBe("2024-08-01T10:00:00.000Z");
  });

  it("gives start and end as instants that are the planned Norwegian times, in summer and in winter", () => {
    const summer = at(parseEvents(serializeCalendar([event])), 0);
    expect(summer.start.toISOString()).toBe("2024-09-11T07:00:00.000Z");
    expect(osloParts(summer.start)).toMatchObject({ date: "2024-09-11", time: "09:00" });
    expect(osloParts(summer.end!)).toMatchObject({ date: "2024-09-11", time: "15:30" });
    const winter = at(parseEvents(serializeCalendar([{ ...event, start: new Date("2025-01-15T08:00:00Z"), end: new Date("2025-01-15T10:00:00Z") }])), 0);
    expect(osloParts(winter.start)).toMatchObject({ date: "2025-01-15", time: "09:00" });
    expect(osloParts(winter.end!)).toMatchObject({ date: "2025-01-15", time: "11:00" });
  });

  it("folds long lines with æøå within 75 octets, and the parser unfolds them to the same text", () => {
    const long = {
      ...event,
      summary: `Møte om ${"samhandling i Møre og Romsdal – ".repeat(6)}`.trim(),
      description: "Æøå ".repeat(200) + "slutt",
      location: "Ørsta/Volda sjukehus, «Åsen», ".repeat(5).trim(),
    };
    const ics = serializeCalendar([long]);
    const lines = ics.split("\r\n");
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(" ")).length).toBeGreaterThan(10);
    const parsed = first(parseEvents(ics));
    expect(parsed.summary).toBe(long.summary);
    expect(parsed.description).toBe(long.description);
    expect(parsed.location).toBe(long.location);
  });

  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    const parsed = first(parseEvents(serializeCalendar([{ ...event, summary: "a\\b;c,d", description: "linje 1\nlinje 2" }])));
    expect(parsed.summary).toBe("a\\b;c,d");
    expect(parsed.description).toBe("linje 1\nlinje 2");
  });

  it("formats UTC times without separators", () => {
    expect(formatUtc(new Date("2026-12-03T08:05:09.123Z"))).toBe("20261203T080509Z");
  });

  it("folds any text within 75 octets without splitting a character, and node-ical reads it back (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const folded = foldLine(`DESCRIPTION:${escapeText(text)}`);
        for (const line of folded.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
        // No continuation line starts inside a UTF-8 sequence: every line is valid UTF-8 on its own.
        for (const line of folded.split("\r\n")) expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "æ", "ø", "å", "Å", " ", ",", ";", "–", "«", "»", "€", "😀"), minLength: 1, maxLength: 300 }), (text) => {
        const parsed = first(parseEvents(serializeCalendar([{ ...event, description: text }])));
        expect(parsed.description).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});
