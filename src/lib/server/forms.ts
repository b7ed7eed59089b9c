import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import type { MessageKey } from '#lib/i18n/messages.ts';
import { DomainError, Invalid, TooManyAttempts } from './errors.ts';

export type FieldErrors = Record<string, MessageKey>;
export interface FormFailure {
	/** What the visitor typed (never passwords), to fill the form again. */
	values: Record<string, string>;
	/** Every value of every field, for checkbox groups and multiple selects. */
	lists?: Record<string, string[]>;
	errors: FieldErrors;
	retryAfter?: number;
}

const SECRET_FIELDS = /pass|token|code/i;

function keepLists(form: FormData): Record<string, string[]> {
	const lists: Record<string, string[]> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key)) (lists[key] ??= []).push(value.slice(0, 200));
	}
	return lists;
}

function keepValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key)) values[key] = value.slice(0, 10_000);
	}
	return values;
}

/** Parses a form against a schema; on failure a 400 with the typed values and per-field message keys. */
export function parseForm<S extends z.ZodType>(
	form: FormData,
	schema: S
): { data: z.infer<S>; failure?: undefined } | { data?: undefined; failure: ActionFailure<FormFailure> } {
	// A field sent more than once (a checkbox group) becomes a list; the schema decides what it accepts.
	const raw: Record<string, string | string[]> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		const seen = raw[key];
		raw[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	const result = schema.safeParse(raw);
	if (result.success) return { data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= (
			issue.message.match(/^[a-z]+(_[a-z0-9]+)+$/) ? issue.message : 'forms_invalid'
		) as MessageKey;
	}
	return { failure: fail(400, { values: keepValues(form), lists: keepLists(form), errors }) };
}

/** Turns a domain error from a service into a form failure shown above the form. */
export function failWith(error: unknown, form: FormData, field = 'form'): ActionFailure<FormFailure> {
	if (error instanceof TooManyAttempts) {
		return fail(429, {
			values: keepValues(form),
			errors: { [field]: error.messageKey },
			retryAfter: error.retryAfter
		});
	}
	if (error instanceof DomainError)
		return fail(error.status, {
			values: keepValues(form),
			lists: keepLists(form),
			errors: { [error instanceof Invalid && error.field ? error.field : field]: error.messageKey }
		});
	throw error;
}
