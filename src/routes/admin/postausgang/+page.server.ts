import { pageNumber } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { outboxPage } from '#lib/server/admin/outbox.service.ts';

export const load = async ({ locals, url }) => {
	const page = pageNumber(url);
	return { page, ...(await orHttpError(locals.locale, () => outboxPage(locals.ctx, page))) };
};
