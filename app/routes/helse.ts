import { sql } from "drizzle-orm";
import { db } from "../../db/client";

/** Health check for load balancers: 200 when the database answers, 503 otherwise. */
export async function loader() {
  try {
    await db().execute(sql`select 1`);
    return Response.json({ status: "ok", database: "reachable" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
