import { z } from 'zod';

/**
 * Field builders shared by the form schemas. Messages are catalog keys. A field missing from a
 * (hand-made) request counts as empty, like an empty field in the form.
 */
export const bounded = (max: number) => z.string().trim().max(max, 'forms_too_long');
export const text = (max: number) => bounded(max).default('');
export const required = (max: number) =>
	z.string('forms_required').trim().max(max, 'forms_too_long').min(1, 'forms_required');

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII digits, for numbers people type on phones. */
export function asciiDigits(value: string): string {
	return value.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}
export const digits = (max: number) => z.string().default('').transform(asciiDigits).pipe(bounded(max));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email = required(254).refine((v) => EMAIL.test(v), 'forms_email_invalid');
export const optionalEmail = text(254).refine((v) => !v || EMAIL.test(v), 'forms_email_invalid');

export const phone = digits(40).refine((v) => !v || /^[+0-9 ()/-]{6,30}$/.test(v), 'settings_phone_invalid');

/** A date from `<input type=date>` (YYYY-MM-DD). */
export const isoDate = required(10).refine(
	(v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
	'membership_date_invalid'
);

/**
 * A ticked checkbox. (Refinements on an optional schema are skipped for a missing key in zod 4,
 * so the value is turned into a boolean first and that is checked.)
 */
export const checked = (message: string) =>
	z
		.string()
		.optional()
		.transform((v) => v === 'on')
		.refine((v) => v, message);

/** A checkbox group: absent, one value or several. Unknown values are an error, not ignored. */
export const listOf = (allowed: readonly string[], max: number) =>
	z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(z.enum(allowed as [string, ...string[]])).max(max, 'forms_invalid'))
		.transform((list) => [...new Set(list)]);
