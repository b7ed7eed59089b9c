import { getProfile } from '#lib/server/directory/directory.service.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { upcomingEventsOf } from '#lib/server/events/calendar.service.ts';

export const load = async ({ locals, params, url }) => {
	const profile = await orHttpError(locals.locale, () => getProfile(locals.ctx, params.slug, locals.locale));
	const member = (locals.ctx.actor.organisationRoles ?? []).some((r) => r.organisationId === profile.id);
	const events = await upcomingEventsOf(locals.ctx, profile.slug, locals.locale);
	return { profile, events, origin: url.origin, signedIn: locals.session !== null, member };
};
