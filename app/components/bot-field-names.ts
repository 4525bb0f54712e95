/** Field names of the bot guard, shared by the browser component and the server check. */
export const HONEYPOT_FIELD_NAME = "nettside";
export const FORM_STARTED_FIELD_NAME = "skjemaStarta";
