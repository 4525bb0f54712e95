/**
 * Message keys as types (docs/decisions/006-own-translate.md, "Typed keys"): derived from the
 * nynorsk messages of each namespace, so a typo or a removed key fails `npm run typecheck`.
 * Types only — nothing here exists at run time, and no messages file is loaded by importing it.
 *
 * A namespace's keys are its messages' leaf paths ("a.b"); plural leaves ("n_one", "n_other") are
 * addressed by their base key ("n", with `count`). Another namespace's key is "ns:a.b".
 */
import type { namespaces } from "./all";
import type { Namespace } from "./index";

/** The nynorsk messages of each namespace (all.ts lists every namespace: a missing one fails here). */
type Catalog = { [N in Namespace]: (typeof namespaces)[N]["nn"] };

type Leaves<T, P extends string> = T extends string ? P : T extends object ? { [K in keyof T & string]: Leaves<T[K], P extends "" ? K : `${P}.${K}`> }[keyof T & string] : never;
type PluralBase<K extends string> = K extends `${infer B}_${"zero" | "one" | "two" | "few" | "many" | "other"}` ? B : K;

/** Keys of namespace N without prefix (as `useTranslation(N)`'s `t` takes them). */
export type KeyIn<N extends Namespace> = { [M in N]: PluralBase<Leaves<Catalog[M], "">> }[N];
/** Every key with its namespace prefix ("plans:errors.forbidden"). */
export type PrefixedKey = { [N in Namespace]: `${N}:${KeyIn<N>}` }[Namespace];
/** What a `t` bound to namespace N accepts: its own keys, or any namespace's with a prefix. */
export type KeyFor<N extends Namespace> = KeyIn<N> | PrefixedKey;
/** The rest of namespace N's keys that start with `Prefix` (error codes built as `${prefix}${code}`). */
export type KeysUnder<N extends Namespace, Prefix extends string> = KeyIn<N> extends infer K ? (K extends `${Prefix}${infer Rest}` ? Rest : never) : never;
/** A key of some namespace, prefixed or not (DomainError codes: the page that shows one names the namespace). */
export type MessageKey = KeyFor<Namespace>;
