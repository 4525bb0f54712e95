import type { submitCase } from "~/models/submissions.server";

type CaseValues = Parameters<typeof submitCase>[1]["values"];

/** The form's answers for submitCase(): the required ones filled, the rest empty, `overrides` on top. */
export function caseValues(overrides: Partial<CaseValues> = {}): CaseValues {
  return {
    title: "Sak",
    submitterName: "Kari Melder",
    submitterOrg: "",
    submitterEmail: "kari@example.no",
    submitterPhone: "",
    submitterDate: "2024-02-20",
    submitterRef: "",
    background: "Bakgrunn",
    urgency: "normal",
    problem: "",
    patientGroups: "",
    serviceProviders: "",
    changeNeeds: "",
    triedBefore: "",
    proposal: "",
    economy: "",
    referencesText: "",
    agreementPoints: "",
    partyNumber: null,
    ...overrides,
  };
}
