import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../db/client";
import { DEMO_ACCOUNTS, seedDemoAccounts, seedReferenceData } from "../../db/seed";
import { auditLog, bodies, goals, measures, parties, partySuccessions, plans, users } from "../../db/schema";
import { createTestDatabase, useTestDatabase } from "../support/db";
import { at, first } from "../support/one";

const ref = useTestDatabase();

async function counts() {
  const db = ref.current!.db;
  const tables = { parties, partySuccessions, bodies, plans, goals, measures, users };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = first(await db.select({ n: count() }).from(table)).n;
  return out;
}

describe(`database (${process.env.TEST_DB})`, () => {
  it("applies the migrations and seeds the reference data", async () => {
    const c = await counts();
    expect(c.bodies).toBeGreaterThanOrEqual(8);
    expect(c.users).toBe(DEMO_ACCOUNTS.length);
  });

  it("seeding twice leaves the same rows", async () => {
    const before = await counts();
    await seedReferenceData(ref.current!.db);
    await seedDemoAccounts(ref.current!.db);
    expect(await counts()).toEqual(before);
  });

  it("holds 27 municipalities today, plus the trust, and those merged away in 2020", async () => {
    const db = ref.current!.db;
    const current = await db
      .select()
      .from(parties)
      .where(sql`${parties.validTo} is null and ${parties.kind} = 'municipality'`);
    expect(current).toHaveLength(27);
    expect(first(await db.select().from(parties).where(eq(parties.number, "HMR"))).kind).toBe("trust");
    const nesset = at(await db.select().from(parties).where(eq(parties.number, "1543")), 0);
    expect(nesset.name).toBe("Nesset");
    expect(nesset.validTo).toBe("2019-12-31");
    const toMolde = await db.select().from(partySuccessions).where(eq(partySuccessions.successor, "1506"));
    expect(toMolde.map((s) => s.predecessor).sort()).toEqual(["1502", "1543", "1545"]);
    const haram = await db.select().from(parties).where(eq(parties.number, "1580"));
    expect(at(haram, 0).validFrom).toBe("2024-01-01");
  });

  it("seeds the 2017–2020 action plan with two goals and twelve measures, marked reconstructed", async () => {
    const db = ref.current!.db;
    const plan = first(await db.select().from(plans).where(eq(plans.slug, "ke-ip-koordinator-2017-2020")));
    expect(plan.reconstructed).toBe(true);
    expect(await db.select().from(goals).where(eq(goals.planId, plan.id))).toHaveLength(2);
    expect(await db.select().from(measures).where(eq(measures.planId, plan.id))).toHaveLength(12);
  });

  it("refuses UPDATE and DELETE on the audit trail", async () => {
    const db = ref.current!.db;
    await db.insert(auditLog).values({ actorLabel: "test", action: "test.insert", entityType: "test", entityId: "1" });
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => "no error",
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`,
      );
    expect(await failure(db.update(auditLog).set({ action: "changed" }))).toMatch(/append-only/);
    expect(await failure(db.delete(auditLog))).toMatch(/append-only/);
    const rows = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_log`));
    expect(at(rows, 0).n).toBe(1);
  });

  it("creates no demo accounts when seeded without demo mode", async () => {
    const other = await createTestDatabase({ demo: false });
    try {
      const demo = await other.db.select().from(users);
      expect(demo).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});
