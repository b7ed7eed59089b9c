import { error, redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { translate } from '#lib/i18n/messages.ts';
import { can, needsSecondFactor, type Action, type Resource } from '#lib/server/policy/policy.ts';

interface GuardLocals {
	locale: App.Locals['locale'];
	path: string;
	session: App.Locals['session'];
	pendingSecondFactor: App.Locals['pendingSecondFactor'];
	ctx: App.Locals['ctx'];
}

/**
 * For pages: visitors go to sign-in (and come back), sessions owing a second factor go to it,
 * admins and board members without a second factor are sent to set one up; anyone else the policy
 * denies gets 403. The services check access again — this only decides where to send people.
 */
export function guardPage(locals: GuardLocals, action: Action, resource?: Resource) {
	const next = encodeURIComponent(locals.path);
	if (locals.pendingSecondFactor)
		redirect(303, `${localizePath('/anmelden/zweiter-faktor', locals.locale)}?next=${next}`);
	if (!locals.session) redirect(303, `${localizePath('/anmelden', locals.locale)}?next=${next}`);
	if (can(locals.ctx.actor, action, resource)) return locals.session;
	if (needsSecondFactor(locals.ctx.actor)) {
		redirect(303, `${localizePath('/konto/zwei-faktor', locals.locale)}?required=1`);
	}
	error(403, translate('errors_forbidden', locals.locale));
}
