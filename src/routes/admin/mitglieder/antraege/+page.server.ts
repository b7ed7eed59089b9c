import { listApplicationQueue } from '#lib/server/membership/review.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'membership.review');
	return { queue: await orHttpError(locals.locale, () => listApplicationQueue(locals.ctx)) };
};
