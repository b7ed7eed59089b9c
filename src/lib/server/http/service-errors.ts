import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import { DomainError } from '#lib/server/errors.ts';

/** Runs a service call for a page load; a domain error becomes the matching, translated HTTP error. */
export async function orHttpError<T>(locale: Locale, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (e) {
		if (e instanceof DomainError) error(e.status, translate(e.messageKey, locale));
		throw e;
	}
}
