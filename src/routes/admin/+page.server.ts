import { countPendingEvents } from '#lib/server/events/events.service.ts';
import { countOpenRequests } from '#lib/server/directory/review.service.ts';
import { can } from '#lib/server/policy/policy.ts';
import { getAllSettings } from '#lib/server/settings/settings.service.ts';

export const load = async ({ locals }) => {
	const actor = locals.ctx.actor;
	// Proposals and claims waiting for an editor, for those who review them.
	const openRequests = can(actor, 'directory.review') ? await countOpenRequests(locals.ctx) : 0;
	const pendingEvents = can(actor, 'events.publish') ? await countPendingEvents(locals.ctx) : 0;
	// Editors have the admin area but not the association's settings.
	if (!can(actor, 'settings.read_all')) return { missing: null, openRequests, pendingEvents };
	const settings = await getAllSettings(locals.ctx);
	return { missing: settings.missing, openRequests, pendingEvents };
};
