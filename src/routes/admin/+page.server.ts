import { can } from '#lib/server/policy/policy.ts';
import { getAllSettings } from '#lib/server/settings/settings.service.ts';

export const load = async ({ locals }) => {
	// Editors have the admin area but not the association's settings.
	if (!can(locals.ctx.actor, 'settings.read_all')) return { missing: null };
	const settings = await getAllSettings(locals.ctx);
	return { missing: settings.missing };
};
