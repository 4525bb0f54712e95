/**
 * Pure helpers shared by server models and route components (no database, no secrets), so that
 * they are available in the browser bundle too: the body's case number "30/24", a meeting's
 * display title, and the inbox query string.
 */

/** 30, 2024 → "30/24" */
export const formatCaseNumber = (seq: number | null | undefined, year: number | null | undefined) =>
  seq != null && year != null ? `${seq}/${String(year % 100).padStart(2, "0")}` : "";

export function meetingTitle(body: { shortName: string }, meeting: { title: string }) {
  return meeting.title || `Møte i ${body.shortName}`;
}

export interface InboxQueryLike {
  status?: string;
  bodyId?: number;
  urgency?: string;
  party?: string;
  year?: number;
  q?: string;
  sort: string;
  page: number;
}

/** The query string for an inbox query (for links: paging, sorting, counts), dropping defaults. */
export function inboxSearch<Q extends InboxQueryLike>(query: Q, patch: Partial<Q> = {}): string {
  const q = { ...query, ...patch };
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.status) p.set("status", q.status);
  if (q.bodyId) p.set("body", String(q.bodyId));
  if (q.urgency) p.set("urgency", q.urgency);
  if (q.party) p.set("party", q.party);
  if (q.year) p.set("year", String(q.year));
  if (q.sort !== "newest") p.set("sort", q.sort);
  if (q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
