import { claimSchema } from '#lib/schemas/directory.ts';
import { getProfile } from '#lib/server/directory/directory.service.ts';
import { claimOrganisation } from '#lib/server/directory/review.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'directory.claim');
	const profile = await orHttpError(locals.locale, () => getProfile(locals.ctx, params.slug, locals.locale));
	return { organisation: { name: profile.name, slug: profile.slug } };
};

export const actions = {
	default: async ({ locals, params, request }) => {
		guardPage(locals, 'directory.claim');
		const form = await request.formData();
		const parsed = parseForm(form, claimSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await claimOrganisation(locals.ctx, params.slug, parsed.data.message);
		} catch (error) {
			return failWith(error, form);
		}
		return { claimed: true };
	}
};
