import { orHttpError } from '#lib/server/http/service-errors.ts';
import { outboxPage } from '#lib/server/admin/outbox.service.ts';

export const load = async ({ locals, url }) => {
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('seite')) || 1));
	return { page, ...(await orHttpError(locals.locale, () => outboxPage(locals.ctx, page))) };
};
