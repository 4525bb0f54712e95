/**
 * Norway's time, in one place (issue 12). Instants are stored in UTC; people plan and read dates
 * and clock times in Europe/Oslo. Conversions go through @date-fns/tz (TZDate), so summer time
 * and the autumn's repeated hour follow the time zone database, not an offset we compute.
 * Also the one check for an ISO date ("2024-09-11") and a clock time ("09:00").
 */
import { TZDate } from "@date-fns/tz";
import { z } from "zod";

export const OSLO = "Europe/Oslo";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A real calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A clock time HH:MM, 00:00–23:59. */
export const isClockTime = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** zod: an ISO date; the message is an i18n key the page translates. */
export const isoDateSchema = (message = "errors.date") => z.string().trim().refine(isIsoDate, message);

/** "2024-09-11" + "09:00" in Europe/Oslo → the UTC instant. */
export function osloToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, OSLO).getTime());
}

/** The date ("2024-09-11"), clock time ("09:00") and year of an instant in Europe/Oslo. */
export function osloParts(at: Date | string | number): { date: string; time: string; year: number } {
  const z = new TZDate(new Date(at).getTime(), OSLO);
  return {
    date: `${pad(z.getFullYear(), 4)}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`,
    time: `${pad(z.getHours())}:${pad(z.getMinutes())}`,
    year: z.getFullYear(),
  };
}

/** The date of an instant in Europe/Oslo, YYYY-MM-DD ("today" for deadlines and overdue checks). */
export const osloDate = (at: Date | string | number = new Date()) => osloParts(at).date;

/** The year of an instant in Europe/Oslo (case numbers and references count per Norwegian year). */
export const osloYear = (at: Date | string | number = new Date()) => osloParts(at).year;

/** The clock time of an instant in Europe/Oslo, HH:MM. */
export const osloClock = (at: Date | string | number) => osloParts(at).time;

/** An instant as "2024-09-11 09:00" in Europe/Oslo (history lists, audit). */
export const osloDateTime = (at: Date | string | number) => {
  const p = osloParts(at);
  return `${p.date} ${p.time}`;
};
