import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { pageTextSchema } from '#lib/schemas/content.ts';
import { createNews, createPage } from '#lib/server/content/editor.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = ({ locals, url }) => {
	guardPage(locals, 'content.edit');
	return { kind: url.searchParams.get('art') === 'seite' ? 'page' : 'news' };
};

export const actions = {
	default: async ({ locals, request }) => {
		guardPage(locals, 'content.edit');
		const form = await request.formData();
		const parsed = parseForm(form, pageTextSchema);
		if (parsed.failure) return parsed.failure;
		let id: number;
		try {
			id =
				form.get('kind') === 'page'
					? await createPage(
							locals.ctx,
							String(form.get('slug') ?? '')
								.trim()
								.toLowerCase(),
							parsed.data
						)
					: await createNews(locals.ctx, parsed.data);
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, localizePath(`/admin/inhalte/${id}`, locals.locale));
	}
};
