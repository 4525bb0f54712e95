/**
 * The submissions domain called directly (docs/decisions/009-one-feature-contract.md): an actor and
 * a typed input in, data or a DomainError out — no Request, no Response.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { caseAttachments, cases } from "../../db/schema";
import { publicCase } from "~/models/public-cases.server";
import { PUBLIC_SUBMITTER, sha256, submitCase, trackingView, withdrawCase, type TokenHolder } from "~/models/submissions.server";
import { DomainError } from "~/services/domain-error";
import { useTestDatabase } from "../support/db";
import { caseValues } from "../support/submissions";
import { one } from "../support/one";

useTestDatabase();

const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
const input = (overrides: Partial<Parameters<typeof submitCase>[1]> = {}) => ({
  values: caseValues(),
  idempotencyKey: crypto.randomUUID(),
  attachments: [],
  lang: "nn" as const,
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe(`submitCase(actor, input) (${process.env.TEST_DB})`, () => {
  it("creates the case with a reference and a tracking token, and returns the first case for the same key", async () => {
    const first = await submitCase(PUBLIC_SUBMITTER, input({ attachments: [{ filename: "notat.pdf", contentType: "text/plain", bytes: PDF }] }));
    expect(first.created).toBe(true);
    expect(first.reference).toMatch(/^HFMR-\d{4}-\d{4,}$/);
    expect(first.trackingToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = one(await db().select().from(cases).where(eq(cases.id, first.caseId)));
    expect(row.trackingTokenHash).toBe(sha256(first.trackingToken!));
    const file = one(await db().select().from(caseAttachments).where(eq(caseAttachments.caseId, first.caseId)));
    // The stored type follows the extension, not what the browser claimed.
    expect(file.contentType).toBe("application/pdf");

    const key = crypto.randomUUID();
    const a = await submitCase(PUBLIC_SUBMITTER, input({ idempotencyKey: key }));
    const b = await submitCase(PUBLIC_SUBMITTER, input({ idempotencyKey: key }));
    expect(b).toEqual({ caseId: a.caseId, reference: a.reference, created: false, trackingToken: null });
  });

  it("refuses a file whose bytes are not what its name says, and a party that is not current, on their fields", async () => {
    const fake = await refusal(
      submitCase(PUBLIC_SUBMITTER, input({ attachments: [{ filename: "rapport.pdf", contentType: "application/pdf", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0]) }] })),
    );
    expect(fake).toMatchObject({ code: "errors.fileContent", params: { n: "rapport.pdf" }, kind: "invalid", field: "attachments" });
    const party = await refusal(submitCase(PUBLIC_SUBMITTER, input({ values: caseValues({ partyNumber: "0000" }) })));
    expect(party).toMatchObject({ code: "errors.party", kind: "invalid", field: "partyNumber" });
  });
});

describe(`trackingView and withdrawCase (${process.env.TEST_DB})`, () => {
  it("shows the case to the token's holder, withdraws it once, and refuses an unknown token as notFound", async () => {
    const created = await submitCase(PUBLIC_SUBMITTER, input());
    const holder: TokenHolder = { kind: "tracking", token: created.trackingToken! };
    const view = await trackingView(holder, { lang: "nn" });
    expect(view).toMatchObject({ reference: created.reference, status: "submitted", canWithdraw: true });

    expect(await withdrawCase(holder)).toEqual({ reference: created.reference });
    const again = await refusal(withdrawCase(holder));
    expect(again).toMatchObject({ code: "tracking.withdrawNotAllowed", kind: "conflict" });

    const stranger: TokenHolder = { kind: "tracking", token: "x".repeat(43) };
    expect(await refusal(trackingView(stranger, { lang: "nn" }))).toMatchObject({ kind: "notFound" });
    expect(await refusal(withdrawCase(stranger))).toMatchObject({ kind: "notFound" });
  });
});

describe(`publicCase (${process.env.TEST_DB})`, () => {
  it("refuses an unknown reference and a case not yet public as notFound", async () => {
    expect(await refusal(publicCase("HFMR-1900-0001", "nn"))).toMatchObject({ code: "errors.caseNotFound", kind: "notFound" });
    const submitted = await submitCase(PUBLIC_SUBMITTER, input());
    expect(await refusal(publicCase(submitted.reference, "nn"))).toMatchObject({ kind: "notFound" });
  });
});
