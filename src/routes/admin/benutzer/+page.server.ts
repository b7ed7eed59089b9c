import { listUsers } from '#lib/server/accounts/users.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, url }) => {
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('seite')) || 1));
	const search = url.searchParams.get('suche') ?? '';
	return {
		page,
		search,
		...(await orHttpError(locals.locale, () => listUsers(locals.ctx, { search, page })))
	};
};
