import { pageNumber } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { listAudit } from '#lib/server/audit/audit.service.ts';

export const load = async ({ locals, url }) => {
	const page = pageNumber(url);
	const search = url.searchParams.get('suche') ?? '';
	return {
		page,
		search,
		...(await orHttpError(locals.locale, () => listAudit(locals.ctx, { search, page })))
	};
};
