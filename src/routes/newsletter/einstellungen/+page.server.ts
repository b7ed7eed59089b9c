import { preferencesSchema } from '#lib/schemas/newsletter.ts';
import { getSubscription, updateSubscription } from '#lib/server/newsletter/subscription.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

const tokenOf = (url: URL) => url.searchParams.get('token') ?? '';

export const load = async ({ locals, url }) => ({
	token: tokenOf(url),
	subscription: await orHttpError(locals.locale, () => getSubscription(locals.ctx, tokenOf(url)))
});

export const actions = {
	default: async ({ locals, request, url }) => {
		const form = await request.formData();
		const parsed = parseForm(form, preferencesSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await updateSubscription(locals.ctx, tokenOf(url), {
				locale: parsed.data.language,
				topics: parsed.data.topics
			});
		} catch (e) {
			return failWith(e, form);
		}
		return { saved: true };
	}
};
