import type { ServiceContext } from '#lib/server/context.ts';
import { Forbidden, NotFound } from '#lib/server/errors.ts';
import { can, type Actor } from '#lib/server/policy/policy.ts';
import * as queries from './events.queries.ts';

/** Association events (no organisation) are the editors'; an organisation's are also its admins'. */
export function canManageEvent(actor: Actor, event: { organisationId: number | null }): boolean {
	return event.organisationId === null
		? can(actor, 'events.publish')
		: can(actor, 'events.manage', { organisationId: event.organisationId });
}

/** Loads an event for someone who may manage it; Forbidden for anyone else. */
export async function loadManaged(ctx: ServiceContext, eventId: number) {
	const row = await queries.findEvent(ctx.db, eventId);
	if (!row) throw new NotFound(`event ${eventId}`);
	if (!canManageEvent(ctx.actor, row.event)) throw new Forbidden('events.manage');
	return row;
}

/** Who may organise: the association (editors) and the organisations the actor administers. */
export function organiserChoices(actor: Actor) {
	return {
		association: can(actor, 'events.publish'),
		organisationIds: (actor.organisationRoles ?? [])
			.filter((r) => r.role === 'org_admin')
			.map((r) => r.organisationId)
	};
}
