import { nextEvents } from '#lib/server/events/calendar.service.ts';
import { loadContentPage } from '#lib/server/content/page-load.ts';

export const load = async ({ locals }) => ({
	view: await loadContentPage(locals.ctx, 'start', locals.locale),
	events: await nextEvents(locals.ctx, locals.locale, 3)
});
