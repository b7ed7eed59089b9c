import { contactUpdateSchema } from '#lib/schemas/membership.ts';
import { myMemberships, transferDetails, updateMyContact } from '#lib/server/membership/member.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'account.own');
	const memberships = await orHttpError(locals.locale, () => myMemberships(locals.ctx));
	return { memberships, transfer: await transferDetails(locals.ctx, memberships) };
};

export const actions = {
	default: async ({ locals, request }) => {
		guardPage(locals, 'account.own');
		const form = await request.formData();
		const parsed = parseForm(form, contactUpdateSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await updateMyContact(locals.ctx, Number(form.get('membershipId')), parsed.data);
		} catch (error) {
			return failWith(error, form);
		}
		return { saved: true };
	}
};
