/**
 * The HTTP side of the public case form (app/routes/saker.ny.tsx) and its receipt: reading the
 * bounded multipart post, the replies that send the typed answers back (with national identity
 * numbers masked), and the signed receipt cookie. The domain (creating the case) is
 * app/models/submissions.server.ts.
 */
import type { SubmissionResult } from "@conform-to/react";
import { createCookie, json, redirect } from "@remix-run/node";
import { LIMITS, MAX_REQUEST_BYTES } from "~/models/case-form";
import { maskNationalIdNumbers } from "~/models/national-id";
import type { SubmitResult } from "~/models/submissions.server";
import type { DomainError } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { readFormWithin } from "./http.server";

/** Longer strings are cut before validation, so that an error reply never echoes megabytes. */
const TEXT_CLAMP_CHARS = LIMITS.long + 1;

/**
 * The form (multipart or urlencoded) within MAX_REQUEST_BYTES (a larger post throws DomainError
 * "tooLarge", an unreadable one "invalid"). Files larger than the per-file limit are dropped with
 * an error for the attachments field (the rest of the form survives); text parts are cut short so
 * that zod reports "too long". Any file name a browser can send is read (issue 11, finding 15).
 */
export async function readCaseForm(request: Request): Promise<{ formData: FormData; fileErrors: string[] }> {
  const form = await readFormWithin(request, MAX_REQUEST_BYTES);
  const fileErrors: string[] = [];
  const clamped = new FormData();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") {
      if (value.size > LIMITS.fileBytes) {
        fileErrors.push(`errors.fileTooLarge:${LIMITS.fileBytes / 1024 / 1024}`);
        continue;
      }
      clamped.append(name, value);
      continue;
    }
    clamped.append(name, value.length > TEXT_CLAMP_CHARS ? value.slice(0, TEXT_CLAMP_CHARS) : value);
  }
  return { formData: clamped, fileErrors };
}

/** Masks national identity numbers in every string of a value echoed back to the browser. */
function maskDeep<T>(value: T): T {
  if (typeof value === "string") return maskNationalIdNumbers(value) as T;
  if (Array.isArray(value)) return value.map(maskDeep) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T;
  return value;
}

/** The form's error reply: never a national identity number sent back, not even inside the text the user typed. */
export function caseFormReply(result: SubmissionResult<string[]>, status: number) {
  return json({ result: { ...result, initialValue: maskDeep(result.initialValue ?? null) } }, { status });
}

/** A DomainError as the form's messages write it: "code" or "code:n" (splitMessage in case-form.ts reads it). */
export const caseFormMessage = (error: Pick<DomainError, "code" | "params">) => (error.params.n != null ? `${error.code}:${error.params.n}` : error.code);

/**
 * The receipt is shown after a redirect (so reload and back do not post again) from a signed,
 * HttpOnly cookie scoped to /saker/ny. The tracking token is in it only until the receipt has been
 * shown once; after that the cookie keeps the reference alone (the link is in the e-mail).
 */
export function receiptCookie() {
  return createCookie("hf_case_receipt", {
    path: "/saker/ny",
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https:"),
    secrets: [env().sessionSecret],
    maxAge: 60 * 60,
  });
}

interface ReceiptFlash {
  reference: string;
  token: string | null;
}

export async function readReceipt(request: Request): Promise<ReceiptFlash | null> {
  const value = await receiptCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object" || typeof value.reference !== "string") return null;
  return { reference: value.reference, token: typeof value.token === "string" ? value.token : null };
}

/** 303 to the receipt, with the reference and (for a new case) the tracking token in the signed cookie. */
export async function redirectToReceipt(result: SubmitResult) {
  return redirect("/saker/ny/kvittering", {
    status: 303,
    headers: { "Set-Cookie": await receiptCookie().serialize({ reference: result.reference, token: result.trackingToken }) },
  });
}
