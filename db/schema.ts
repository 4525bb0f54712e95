/**
 * The only source of truth for the database. Tables are grouped by concern in db/schema/*.ts and
 * re-exported here; `npm run db:generate` (drizzle-kit) turns this into SQL in db/migrations/.
 */
export * from "./schema/core";
export * from "./schema/plans";
export * from "./schema/cases";
export * from "./schema/checklists";
