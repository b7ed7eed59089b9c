import { listManagedEvents, organiserChoices } from '#lib/server/events/events.service.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'account.own');
	const choices = organiserChoices(locals.ctx.actor);
	return {
		events: await listManagedEvents(locals.ctx),
		canCreate: choices.association || choices.organisationIds.length > 0
	};
};
