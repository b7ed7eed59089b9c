import { orHttpError } from '#lib/server/http/service-errors.ts';
import { listAudit } from '#lib/server/audit/audit.service.ts';

export const load = async ({ locals, url }) => {
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('seite')) || 1));
	const search = url.searchParams.get('suche') ?? '';
	return {
		page,
		search,
		...(await orHttpError(locals.locale, () => listAudit(locals.ctx, { search, page })))
	};
};
