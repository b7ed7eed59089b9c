import { endMembershipSchema, mandateSchema } from '#lib/schemas/membership.ts';
import { addMandate, mandatesOf } from '#lib/server/membership/dues.service.ts';
import { duesOf } from '#lib/server/membership/membership.queries.ts';
import { endMembership, getMembership, setSuspended } from '#lib/server/membership/register.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'membership.register');
	const id = idParam(params.id);
	const [details, mandates] = await orHttpError(locals.locale, () =>
		Promise.all([getMembership(locals.ctx, id), mandatesOf(locals.ctx, id)])
	);
	// Dues are read after the access check above passed.
	return { ...details, mandates, dues: await duesOf(locals.ctx.db, id) };
};

export const actions = {
	mandate: async ({ locals, params, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, mandateSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await addMandate(locals.ctx, idParam(params.id), parsed.data);
		} catch (error) {
			return failWith(error, form);
		}
		return { changed: true };
	},
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
