/**
 * The statuses the public case list shows and filters by. Shared by the server and the page's
 * component (a value imported from a .server module is undefined in the browser).
 */
import type { cases } from "../../db/schema";

export const PUBLIC_STATUSES = [
  "received",
  "under_assessment",
  "routed",
  "on_agenda",
  "handled",
  "closed",
  "rejected",
] as const satisfies readonly (typeof cases.$inferSelect)["status"][];
