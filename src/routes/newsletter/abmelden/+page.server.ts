import { unsubscribe } from '#lib/server/newsletter/subscription.service.ts';
import { failWith } from '#lib/server/forms.ts';

export const load = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions = {
	default: async ({ locals, request, url }) => {
		const form = await request.formData();
		try {
			await unsubscribe(locals.ctx, url.searchParams.get('token') ?? '');
		} catch (e) {
			return failWith(e, form);
		}
		return { unsubscribed: true };
	}
};
