import { listContent } from '#lib/server/content/editor.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'content.edit');
	return { rows: await listContent(locals.ctx), now: new Date() };
};
