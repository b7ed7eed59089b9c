import { loadContentPage } from '#lib/server/content/page-load.ts';
import { getPublicAssociation } from '#lib/server/settings/settings.service.ts';

export const load = async ({ locals }) => ({
	view: await loadContentPage(locals.ctx, 'datenschutz', locals.locale),
	association: await getPublicAssociation(locals.ctx)
});
