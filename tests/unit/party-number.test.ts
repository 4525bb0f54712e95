/**
 * Party numbers from forms: a NUL or another control character reached a PostgreSQL query as a
 * party number (the full fuzz, seed 1882423234: "Failed query … parties.number = $1", a 500).
 * Every form field that takes a party number refuses what PARTY_NUMBER does not match.
 */
import { describe, expect, it } from "vitest";
import { bodyPageSchema } from "~/models/body-forms.server";
import { userFieldsSchema } from "~/models/people.server";
import { PARTY_NUMBER } from "~/services/ids";

const BAD = ["\u0000", "15\u000006", "15\n06", "15 06", "'1506", "1".repeat(11)];

describe("party numbers from forms", () => {
  it("match the parties table's keys only", () => {
    for (const good of ["1506", "HMR", "1578"]) expect(PARTY_NUMBER.test(good)).toBe(true);
    for (const bad of BAD) expect(PARTY_NUMBER.test(bad), JSON.stringify(bad)).toBe(false);
  });

  it("are refused in a membership's 'represents' field", () => {
    const add = (representsParty: string) => bodyPageSchema.safeParse({ intent: "add", email: "ke-hf@demo.no", role: "member", startsOn: "2025-01-01", representsParty });
    expect(add("HMR").success).toBe(true);
    expect(add("").success).toBe(true);
    for (const bad of BAD) expect(add(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("are refused in a user's affiliations", () => {
    const user = (parties: string[]) => userFieldsSchema.safeParse({ name: "Kari", email: "kari@example.no", role: "reporter", parties });
    expect(user(["1506", "1578"]).success).toBe(true);
    for (const bad of BAD) expect(user(["1506", bad]).success, JSON.stringify(bad)).toBe(false);
  });
});
