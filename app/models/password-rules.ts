/**
 * How long a password may be, in characters as a person counts them (code points). Browser-safe:
 * the forms give the minimum as a hint (minLength); the zod schemas in account.server.ts and
 * people.server.ts enforce both.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
