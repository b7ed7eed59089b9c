import { getNews } from '#lib/server/content/news.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params, url }) => ({
	news: await orHttpError(locals.locale, () => getNews(locals.ctx, params.slug, locals.locale)),
	origin: url.origin
});
