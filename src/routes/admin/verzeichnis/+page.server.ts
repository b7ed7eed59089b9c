import { listOrganisations } from '#lib/server/directory/organisation.service.ts';
import { listReviewQueue } from '#lib/server/directory/review.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { pageNumber } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, url }) => {
	guardPage(locals, 'directory.review');
	const page = pageNumber(url);
	const [queue, organisations] = await orHttpError(locals.locale, () =>
		Promise.all([listReviewQueue(locals.ctx), listOrganisations(locals.ctx, { page })])
	);
	return { queue, organisations, page };
};
