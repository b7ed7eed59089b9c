import { inviteSchema } from '#lib/schemas/directory.ts';
import { kickJobs } from '#lib/server/app.ts';
import {
	getTeam,
	inviteColleague,
	removeTeamMember,
	revokeInvitation
} from '#lib/server/directory/organisation.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { can } from '#lib/server/policy/policy.ts';

export const load = async ({ locals, params }) => {
	const id = idParam(params.id);
	guardPage(locals, 'organisation.view_members', { organisationId: id });
	const team = await orHttpError(locals.locale, () => getTeam(locals.ctx, id));
	return {
		...team,
		me: locals.ctx.actor.userId,
		canInvite: can(locals.ctx.actor, 'organisation.invite', { organisationId: id })
	};
};

export const actions = {
	invite: async ({ locals, params, request, url }) => {
		guardPage(locals, 'organisation.view_members', { organisationId: idParam(params.id) });
		const form = await request.formData();
		const parsed = parseForm(form, inviteSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await inviteColleague(locals.ctx, idParam(params.id), parsed.data, {
				origin: url.origin,
				locale: locals.locale
			});
		} catch (error) {
			return failWith(error, form);
		}
		kickJobs();
		return { invited: parsed.data.email };
	},
	revoke: async ({ locals, params, request }) => {
		guardPage(locals, 'organisation.view_members', { organisationId: idParam(params.id) });
		const form = await request.formData();
		await orHttpError(locals.locale, () =>
			revokeInvitation(locals.ctx, idParam(params.id), String(form.get('invitation')))
		);
		return { revoked: true };
	},
	remove: async ({ locals, params, request }) => {
		guardPage(locals, 'organisation.view_members', { organisationId: idParam(params.id) });
		const form = await request.formData();
		try {
			await removeTeamMember(locals.ctx, idParam(params.id), Number(form.get('user')));
		} catch (error) {
			return failWith(error, form);
		}
		return { removed: true };
	}
};
