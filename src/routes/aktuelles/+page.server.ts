import { listNews } from '#lib/server/content/news.service.ts';
import { pageNumber } from '#lib/server/http/request.ts';

export const load = async ({ locals, url }) => {
	const page = pageNumber(url);
	const category = (url.searchParams.get('kategorie') ?? '').slice(0, 60) || undefined;
	return { page, category, ...(await listNews(locals.ctx, locals.locale, { page, category })) };
};
