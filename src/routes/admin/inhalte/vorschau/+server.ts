import { json } from '@sveltejs/kit';
import { previewMarkdown } from '#lib/server/content/editor.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

/** The live preview: Markdown in, the sanitized HTML the page will show out (editors only). */
export const POST = async ({ locals, request }) => {
	guardPage(locals, 'content.edit');
	const input = (await request.json().catch(() => ({}))) as { markdown?: unknown };
	const markdown = typeof input.markdown === 'string' ? input.markdown.slice(0, 50_000) : '';
	return json({ html: await orHttpError(locals.locale, async () => previewMarkdown(locals.ctx, markdown)) });
};

/** The same for a `?text=` query (short texts; used without a request body). */
export const GET = async ({ locals, url }) => {
	guardPage(locals, 'content.edit');
	const markdown = (url.searchParams.get('text') ?? '').slice(0, 2000);
	return json({ html: await orHttpError(locals.locale, async () => previewMarkdown(locals.ctx, markdown)) });
};
