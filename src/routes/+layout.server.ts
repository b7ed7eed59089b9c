import { getPublicAssociation } from '#lib/server/settings/settings.service.ts';

export const load = async ({ locals }) => {
	const association = await getPublicAssociation(locals.ctx);
	return {
		locale: locals.locale,
		dir: locals.dir,
		path: locals.path,
		siteName: association.name,
		user: locals.session ? { name: locals.session.user.name } : null
	};
};
