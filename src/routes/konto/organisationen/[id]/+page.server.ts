import { fail, redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { organisationProfileSchema, visibilitySchema } from '#lib/schemas/directory.ts';
import { appStorage } from '#lib/server/app.ts';
import { profileFormValues } from '#lib/server/directory/form-values.ts';
import { allMunicipalities } from '#lib/server/directory/municipalities.ts';
import {
	deleteOrganisation,
	getOrganisationForEdit,
	removeLogo,
	setLogo,
	setMembership,
	updateOrganisation
} from '#lib/server/directory/organisation.service.ts';
import { failWith, parseForm, type FieldErrors } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { can } from '#lib/server/policy/policy.ts';

export const load = async ({ locals, params }) => {
	const id = idParam(params.id);
	guardPage(locals, 'organisation.edit', { organisationId: id });
	const view = await orHttpError(locals.locale, () => getOrganisationForEdit(locals.ctx, id));
	const org = view.organisation;
	return {
		organisation: { id: org.id, slug: org.slug, name: org.name, isMember: org.isMember, status: org.status },
		logoUrl: org.logoKey ? `/verzeichnis/logo/${org.logoKey.replace(/^logos\//, '')}` : null,
		form: profileFormValues(org, view.germanDescription),
		visibility: view.visibility,
		translations: view.translations,
		municipalities: allMunicipalities(),
		canSetMembership: can(locals.ctx.actor, 'directory.set_member')
	};
};

export const actions = {
	save: async ({ locals, params, request }) => {
		guardPage(locals, 'organisation.edit', { organisationId: idParam(params.id) });
		const form = await request.formData();
		const profile = parseForm(form, organisationProfileSchema);
		if (profile.failure) return profile.failure;
		const visibility = parseForm(form, visibilitySchema);
		if (visibility.failure) return visibility.failure;
		try {
			await updateOrganisation(locals.ctx, idParam(params.id), profile.data, visibility.data, {
				minor: form.get('minor') === 'on'
			});
		} catch (error) {
			return failWith(error, form);
		}
		return { saved: true };
	},
	logo: async ({ locals, params, request }) => {
		guardPage(locals, 'organisation.edit', { organisationId: idParam(params.id) });
		const form = await request.formData();
		const file = form.get('logo');
		if (!(file instanceof File) || file.size === 0) {
			const errors: FieldErrors = { logo: 'directory_logo_missing' };
			return fail(400, { values: {}, errors });
		}
		try {
			await setLogo(locals.ctx, appStorage(), idParam(params.id), new Uint8Array(await file.arrayBuffer()));
		} catch (error) {
			return failWith(error, form, 'logo');
		}
		return { logoSaved: true };
	},
	removeLogo: async ({ locals, params }) => {
		guardPage(locals, 'organisation.edit', { organisationId: idParam(params.id) });
		await orHttpError(locals.locale, () => removeLogo(locals.ctx, appStorage(), idParam(params.id)));
		return { logoRemoved: true };
	},
	delete: async ({ locals, params, request }) => {
		guardPage(locals, 'organisation.edit', { organisationId: idParam(params.id) });
		const form = await request.formData();
		if (form.get('confirm') !== 'on') {
			const errors: FieldErrors = { confirm: 'directory_delete_confirm_required' };
			return fail(400, { values: {}, errors });
		}
		await orHttpError(locals.locale, () => deleteOrganisation(locals.ctx, appStorage(), idParam(params.id)));
		redirect(303, `${localizePath('/konto/organisationen', locals.locale)}?geloescht=1`);
	},
	membership: async ({ locals, params, request }) => {
		guardPage(locals, 'directory.set_member');
		const form = await request.formData();
		await orHttpError(locals.locale, () =>
			setMembership(locals.ctx, idParam(params.id), form.get('isMember') === 'yes')
		);
		return { membershipSaved: true };
	}
};
