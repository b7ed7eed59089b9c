import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { proposalSchema } from '#lib/schemas/directory.ts';
import { proposeOrganisation } from '#lib/server/directory/review.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { allMunicipalities } from '#lib/server/directory/municipalities.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'directory.propose');
	return { municipalities: allMunicipalities() };
};

export const actions = {
	default: async ({ locals, request }) => {
		guardPage(locals, 'directory.propose');
		const form = await request.formData();
		const parsed = parseForm(form, proposalSchema);
		if (parsed.failure) return parsed.failure;
		const { wantsAdmin, message, ...input } = parsed.data;
		let slug: string;
		try {
			({ slug } = await proposeOrganisation(locals.ctx, input, { wantsAdmin, message }));
		} catch (error) {
			return failWith(error, form);
		}
		redirect(303, `${localizePath(`/verzeichnis/${slug}`, locals.locale)}?vorgeschlagen=1`);
	}
};
