import { listNews } from '#lib/server/content/news.service.ts';
import { nextEvents } from '#lib/server/events/calendar.service.ts';
import { loadContentPage } from '#lib/server/content/page-load.ts';

export const load = async ({ locals }) => ({
	view: await loadContentPage(locals.ctx, 'start', locals.locale),
	events: await nextEvents(locals.ctx, locals.locale, 3),
	news: (await listNews(locals.ctx, locals.locale, { limit: 3 })).items
});
