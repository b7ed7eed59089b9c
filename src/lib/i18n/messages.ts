import { m } from '#lib/paraglide/messages.js';
import type { Locale } from './locales.ts';

export { m };
export type MessageKey = keyof typeof m;

/** Translates a key chosen at run time, e.g. the message key a service error carries. */
export function translate(key: MessageKey, locale?: Locale): string {
	const message = m[key] as (inputs?: object, options?: { locale?: Locale }) => string;
	return message({}, locale ? { locale } : {});
}

/** The label of a value from a table of message keys; the value itself when it has none. */
export function labelOf(keys: Readonly<Record<string, MessageKey>>, value: string, locale: Locale): string {
	const key = keys[value];
	return key ? translate(key, locale) : value;
}
