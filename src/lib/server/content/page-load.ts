import { error } from '@sveltejs/kit';
import { translate } from '#lib/i18n/messages.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { DomainError } from '#lib/server/errors.ts';
import { getPage } from './content.service.ts';

/** Loads a content page for a route, turning a domain error into the matching HTTP error. */
export async function loadContentPage(ctx: ServiceContext, slug: string, locale: Locale) {
	try {
		return await getPage(ctx, slug, locale);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, translate(e.messageKey, locale));
		throw e;
	}
}
