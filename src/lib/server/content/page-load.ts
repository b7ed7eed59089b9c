import type { Locale } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { getPage } from './content.service.ts';

/** Loads a content page for a route, turning a domain error into the matching HTTP error. */
export function loadContentPage(ctx: ServiceContext, slug: string, locale: Locale) {
	return orHttpError(locale, () => getPage(ctx, slug, locale));
}
