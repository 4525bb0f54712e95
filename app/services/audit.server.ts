/**
 * The append-only audit trail: who did what, when (UTC), with before/after. Call it inside the
 * same transaction as the change, so both land or neither does.
 */
import { auditLog } from "../../db/schema";
import type { Db, Tx } from "../../db/client";
import { db as defaultDb } from "../../db/client";

export interface Actor {
  id: string | null;
  /** A label for display: the user's name, or "innsendar" / "system" for those without an account. */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export async function writeAudit(
  entry: { actor: Actor; action: string; entityType: string; entityId: string | number; before?: unknown; after?: unknown },
  tx: Db | Tx = defaultDb(),
) {
  await tx.insert(auditLog).values({
    actorUserId: entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
