import { rssFeed } from '#lib/server/content/news.service.ts';
import { getPublicAssociation } from '#lib/server/settings/settings.service.ts';

export const GET = async ({ locals, url }) => {
	const association = await getPublicAssociation(locals.ctx);
	const body = await rssFeed(locals.ctx, locals.locale, url.origin, association.name);
	return new Response(body, {
		headers: {
			'content-type': 'application/rss+xml; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
