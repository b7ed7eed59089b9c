import { error, redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { translate } from '#lib/i18n/messages.ts';
import { opportunitySchema } from '#lib/schemas/volunteering.ts';
import { myOrganisations } from '#lib/server/directory/organisation.service.ts';
import { postOpportunity } from '#lib/server/volunteering/volunteering.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

/** The organisations the person administers (who may post for them). */
async function administered(locals: App.Locals) {
	return (await myOrganisations(locals.ctx))
		.filter((o) => o.role === 'org_admin')
		.map((o) => ({ id: o.id, name: o.name }));
}

export const load = async ({ locals }) => {
	guardPage(locals, 'account.own');
	const organisations = await administered(locals);
	if (!organisations.length) error(403, translate('volunteering_org_admins_only', locals.locale));
	return { organisations };
};

export const actions = {
	default: async ({ locals, request }) => {
		guardPage(locals, 'account.own');
		const form = await request.formData();
		const parsed = parseForm(form, opportunitySchema);
		if (parsed.failure) return parsed.failure;
		const { organisationId, ...input } = parsed.data;
		let id: number;
		try {
			id = (await postOpportunity(locals.ctx, organisationId, input)).id;
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, localizePath(`/ehrenamt/${id}`, locals.locale));
	}
};
