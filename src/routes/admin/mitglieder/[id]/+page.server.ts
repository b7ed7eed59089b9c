import { endMembershipSchema } from '#lib/schemas/membership.ts';
import { endMembership, getMembership, setSuspended } from '#lib/server/membership/register.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'membership.register');
	return await orHttpError(locals.locale, () => getMembership(locals.ctx, idParam(params.id)));
};

export const actions = {
	end: async ({ locals, params, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, endMembershipSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await endMembership(locals.ctx, idParam(params.id), parsed.data);
		} catch (error) {
			return failWith(error, form);
		}
		return { changed: true };
	},
	suspend: async ({ locals, params, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		try {
			await setSuspended(
				locals.ctx,
				idParam(params.id),
				form.get('suspend') === '1',
				String(form.get('note') ?? '').slice(0, 1000)
			);
		} catch (error) {
			return failWith(error, form);
		}
		return { changed: true };
	}
};
