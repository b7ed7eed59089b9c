import { getPublicAssociation } from '#lib/server/settings/settings.service.ts';

export const load = async ({ locals }) => ({
	association: await getPublicAssociation(locals.ctx)
});
