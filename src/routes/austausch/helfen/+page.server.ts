import { helperSchema } from '#lib/schemas/exchange.ts';
import { listTopics } from '#lib/server/exchange/exchange.service.ts';
import { getHelperProfile, saveHelperProfile } from '#lib/server/exchange/helpers.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';

export const load = async ({ locals }) => {
	guardPage(locals, 'exchange.participate');
	return { topics: await listTopics(locals.ctx), profile: await getHelperProfile(locals.ctx) };
};

export const actions = {
	default: async ({ locals, request }) => {
		guardPage(locals, 'exchange.participate');
		const form = await request.formData();
		const parsed = parseForm(form, helperSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await saveHelperProfile(locals.ctx, parsed.data);
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	}
};
