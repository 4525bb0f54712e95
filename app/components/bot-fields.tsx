/**
 * The bot guard's fields for a public form (app/services/rate-limit.server.ts): a honeypot that is
 * hidden from people, keyboards and screen readers, and the signed time the form was rendered.
 */
import { FORM_STARTED_FIELD_NAME, HONEYPOT_FIELD_NAME } from "./bot-field-names";

const hidden = { position: "absolute", left: "-10000px", top: "auto", width: "1px", height: "1px", overflow: "hidden" } as const;

/**
 * `echoed`: the start token posted with a form that came back with errors; it is kept, so that the
 * fill time counts from the first rendering, not from the last error reply. A reply that refused
 * the token (expired, used) carries a fresh one instead.
 */
export function BotFields({ startedToken, echoed }: { startedToken: string; echoed?: unknown }) {
  const value = typeof echoed === "string" && /^\d{10,16}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/.test(echoed) ? echoed : startedToken;
  return (
    <>
      <input type="hidden" name={FORM_STARTED_FIELD_NAME} value={value} />
      <div aria-hidden="true" style={hidden}>
        <label htmlFor="hf-nettside">Nettside (ikkje fyll ut)</label>
        <input id="hf-nettside" type="text" name={HONEYPOT_FIELD_NAME} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
    </>
  );
}
