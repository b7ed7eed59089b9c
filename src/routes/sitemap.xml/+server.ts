import { sitemap } from '#lib/server/content/sitemap.service.ts';

export const GET = async ({ locals, url }) =>
	new Response(await sitemap(locals.ctx, url.origin), {
		headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' }
	});
