/**
 * A small iCalendar (RFC 5545) serializer for meetings: one VCALENDAR with VEVENTs, CRLF line
 * endings, TEXT escaping (backslash, semicolon, comma, newline) and line folding at 75 octets
 * (counted in UTF-8 bytes, never splitting a multi-byte character). Times are written in UTC.
 */

export interface IcsEvent {
  /** Globally unique and stable for the event (e.g. "meeting-12@helsefellesskap-mr.example"). */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  /** Defaults to now. */
  stamp?: Date;
  status?: "CONFIRMED" | "CANCELLED" | "TENTATIVE";
  sequence?: number;
  /** LAST-MODIFIED: when the event's facts last changed. */
  lastModified?: Date;
}

/** 2024-09-11T07:00:00Z → 20240911T070000Z */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line so that no line is longer than 75 octets (§3.1): continuation lines start
 * with one space, which counts towards their 75.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let currentBytes = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = "";
      currentBytes = 0;
      limit = 74; // the leading space takes one octet
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function property(name: string, value: string) {
  return foldLine(`${name}:${value}`);
}

export function serializeCalendar(events: IcsEvent[], options: { prodId?: string; name?: string } = {}): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    property("PRODID", options.prodId ?? "-//Helsefellesskap Møre og Romsdal//Møte//NN"),
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  if (options.name) lines.push(property("X-WR-CALNAME", escapeText(options.name)));
  for (const event of events) {
    lines.push("BEGIN:VEVENT");
    lines.push(property("UID", event.uid));
    lines.push(property("DTSTAMP", formatUtc(event.stamp ?? new Date())));
    lines.push(property("DTSTART", formatUtc(event.start)));
    lines.push(property("DTEND", formatUtc(event.end)));
    lines.push(property("SUMMARY", escapeText(event.summary)));
    if (event.location) lines.push(property("LOCATION", escapeText(event.location)));
    if (event.description) lines.push(property("DESCRIPTION", escapeText(event.description)));
    if (event.url) lines.push(property("URL", event.url));
    if (event.status) lines.push(property("STATUS", event.status));
    if (event.sequence != null) lines.push(property("SEQUENCE", String(event.sequence)));
    if (event.lastModified) lines.push(property("LAST-MODIFIED", formatUtc(event.lastModified)));
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.join("\r\n") + "\r\n";
}
