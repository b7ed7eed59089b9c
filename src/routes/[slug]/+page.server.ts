import { error, redirect } from '@sveltejs/kit';
import { translate } from '#lib/i18n/messages.ts';
import { localizePath } from '#lib/i18n/locales.ts';
import { loadContentPage } from '#lib/server/content/page-load.ts';

export const load = async ({ locals, params }) => {
	// Slugs are lower-case words joined by hyphens; anything else cannot be a page.
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(params.slug)) error(404, translate('errors_not_found', locals.locale));
	// The start page lives at the root.
	if (params.slug === 'start') redirect(308, localizePath('/', locals.locale));
	return { view: await loadContentPage(locals.ctx, params.slug, locals.locale) };
};
