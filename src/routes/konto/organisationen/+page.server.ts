import { myOrganisations } from '#lib/server/directory/organisation.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, url }) => {
	guardPage(locals, 'account.own');
	return {
		organisations: await orHttpError(locals.locale, () => myOrganisations(locals.ctx)),
		deleted: url.searchParams.get('geloescht') === '1'
	};
};
