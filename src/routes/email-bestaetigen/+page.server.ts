import { tokenSchema } from '#lib/schemas/auth.ts';
import { verifyEmail } from '#lib/server/auth/auth.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';

// The link only opens this page; confirming is a button (a post), so mail scanners that follow
// links cannot use up the token.
export const load = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const parsed = parseForm(form, tokenSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await verifyEmail(locals.ctx.db, parsed.data.token);
		} catch (error) {
			return failWith(error, form);
		}
		return { verified: true };
	}
};
