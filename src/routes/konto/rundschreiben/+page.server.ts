import { myCirculars } from '#lib/server/circulars/circulars.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'circulars.read');
	return { circulars: await myCirculars(locals.ctx, locals.locale) };
};
