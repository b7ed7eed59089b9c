import { confirmSubscription } from '#lib/server/newsletter/subscription.service.ts';
import { failWith } from '#lib/server/forms.ts';

// Confirming takes a click (POST): mail scanners that open links must not confirm for the person.
export const load = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions = {
	default: async ({ locals, request, url }) => {
		const form = await request.formData();
		try {
			await confirmSubscription(locals.ctx, url.searchParams.get('token') ?? '');
		} catch (e) {
			return failWith(e, form);
		}
		return { confirmed: true };
	}
};
