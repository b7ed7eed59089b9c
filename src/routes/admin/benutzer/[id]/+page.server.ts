import { SITE_ROLES, type SiteRole } from '#lib/server/db/schema/accounts.ts';
import { forceSignOut, getUser, setUserDisabled, setUserRoles } from '#lib/server/accounts/users.service.ts';
import { failWith } from '#lib/server/forms.ts';
import { clientIp } from '#lib/server/http/request.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => ({
	user: await orHttpError(locals.locale, () => getUser(locals.ctx, Number(params.id))),
	allRoles: SITE_ROLES
});

export const actions = {
	roles: async (event) => {
		const form = await event.request.formData();
		const roles = form
			.getAll('role')
			.filter((r): r is SiteRole => (SITE_ROLES as readonly unknown[]).includes(r));
		try {
			await setUserRoles(event.locals.ctx, Number(event.params.id), roles, clientIp(event));
		} catch (error) {
			return failWith(error, form);
		}
		return { done: 'roles' as const };
	},
	disable: async (event) => {
		const form = await event.request.formData();
		try {
			await setUserDisabled(
				event.locals.ctx,
				Number(event.params.id),
				form.get('disabled') === '1',
				clientIp(event)
			);
		} catch (error) {
			return failWith(error, form);
		}
		return { done: 'disabled' as const };
	},
	signout: async (event) => {
		const form = await event.request.formData();
		try {
			await forceSignOut(event.locals.ctx, Number(event.params.id), clientIp(event));
		} catch (error) {
			return failWith(error, form);
		}
		return { done: 'signed_out' as const };
	}
};
