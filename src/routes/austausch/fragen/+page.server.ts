import { redirect } from '@sveltejs/kit';
import { localizePath } from '#lib/i18n/locales.ts';
import { questionSchema } from '#lib/schemas/exchange.ts';
import { askQuestion, listTopics } from '#lib/server/exchange/exchange.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'exchange.participate');
	return { topics: await listTopics(locals.ctx) };
};

export const actions = {
	default: async ({ locals, request, url }) => {
		guardPage(locals, 'exchange.participate');
		const form = await request.formData();
		const parsed = parseForm(form, questionSchema);
		if (parsed.failure) return parsed.failure;
		let id: number;
		try {
			id = await askQuestion(locals.ctx, parsed.data, url.origin);
		} catch (e) {
			return failWith(e, form);
		}
		redirect(303, localizePath(`/austausch/${id}`, locals.locale));
	}
};
