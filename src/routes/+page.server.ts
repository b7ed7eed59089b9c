import { loadContentPage } from '#lib/server/content/page-load.ts';

export const load = async ({ locals }) => ({
	view: await loadContentPage(locals.ctx, 'start', locals.locale)
});
