/**
 * The one rule for every free text a person types into the app (issue 11, findings 1, 4 and 13):
 * the public form, attachment file names, case notes, rejection reasons, meeting and minutes
 * texts, follow-up tasks, plans, goals, measures, milestones, checklist comments (form, autosave
 * and Excel upload), user names. Pure and browser-safe: the form's hints use it too; the zod
 * helper built on it is in text-rules.server.ts (zod stays out of the browser's bundle).
 *
 * A text is refused, never repaired, with an i18n key that names the problem:
 * - "errors.controlCharacters": NUL and other control characters (C0 except tab, line feed and
 *   carriage return, DEL, C1). PostgreSQL cannot store NUL; the rest has no business in text.
 *   A single-line field (a title, a name, a phone number, a file name) refuses line breaks too.
 * - "errors.nationalId": a Norwegian national identity number in any spelling (national-id.ts).
 *   Cases and plans are about services, never about a patient.
 */
import { findNationalIdNumbers } from "./national-id";

export type FreeTextProblem = "errors.nationalId" | "errors.controlCharacters";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_LINE_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The first problem of a free text, or null when it may be stored. Empty and missing texts have none. */
export function freeTextProblem(value: string | null | undefined, options: { singleLine?: boolean } = {}): FreeTextProblem | null {
  if (!value) return null;
  if ((options.singleLine ? CONTROL_OR_LINE_BREAK : CONTROL).test(value)) return "errors.controlCharacters";
  if (findNationalIdNumbers(value).length) return "errors.nationalId";
  return null;
}

/** Invisible in a name: format characters (bidi controls, zero-width space, soft hyphen …) and other default-ignorables; combining marks stay. */
const INVISIBLE_IN_NAME = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * A file name as it is stored and shown: the last path segment, without control characters,
 * bidi controls and other invisible characters (a right-to-left override makes "fdp.exe" look
 * like "exe.pdf"), NFC, at most 150 characters (the end, which holds the extension).
 */
export function cleanFilename(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? "")
    .normalize("NFC")
    .replace(INVISIBLE_IN_NAME, "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029"<>]/g, "")
    .trim();
  return (base || "vedlegg").slice(-150);
}
