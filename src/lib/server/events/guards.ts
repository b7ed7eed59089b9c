import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { needsSecondFactor } from '#lib/server/policy/policy.ts';

/**
 * For the event management pages: signed in, and admins and board members with their second
 * factor (their site roles count only then). Which event someone may manage the services decide.
 */
export function guardEventPages(locals: App.Locals) {
	guardPage(locals, 'account.own');
	if (needsSecondFactor(locals.ctx.actor))
		redirect(303, `${localizePath('/konto/zwei-faktor', locals.locale)}?required=1`);
}
