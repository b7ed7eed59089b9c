import { pageNumber } from '#lib/server/http/request.ts';
import { listUsers } from '#lib/server/accounts/users.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, url }) => {
	const page = pageNumber(url);
	const search = url.searchParams.get('suche') ?? '';
	return {
		page,
		search,
		...(await orHttpError(locals.locale, () => listUsers(locals.ctx, { search, page })))
	};
};
