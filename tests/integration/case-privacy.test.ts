import { describe, expect, it } from "vitest";
import { getCaseForUser } from "~/models/case-workflow.server";
import { useTestDatabase } from "../support/db";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";

useTestDatabase();

describe(`submitter contact data by work need (${process.env.TEST_DB})`, () => {
  it("shows name, e-mail and phone to the secretariat and SSU leadership, not to members of the handling body", async () => {
    const fsuBody = await bodyId("fsu-rehabilitering");
    const c = await insertCase({
      status: "routed",
      bodyId: fsuBody,
      submitterName: "Kari Melder",
      submitterEmail: "kari@example.no",
      submitterPhone: "91234567",
      submitterOrg: "Heimetenesta",
    });
    const secretariat = await getCaseForUser((await userFor("sekretariat@demo.no")).user, c.id);
    expect(secretariat.case.submitterEmail).toBe("kari@example.no");
    expect(secretariat.permissions.seesContact).toBe(true);

    const member = await getCaseForUser((await userFor("fsu-rehab@demo.no")).user, c.id);
    expect(member.permissions.seesContact).toBe(false);
    expect(member.case.submitterOrg).toBe("Heimetenesta");
    expect(JSON.stringify(member)).not.toMatch(/kari@example\.no|91234567|Kari Melder/);
  });
});
