import { tokenSchema } from '#lib/schemas/auth.ts';
import { confirmEmailChange } from '#lib/server/accounts/profile.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { clientIp } from '#lib/server/http/request.ts';

// As with the verification link: opening the link shows a button; only the post changes anything.
export const load = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(form, tokenSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await confirmEmailChange(event.locals.ctx.db, parsed.data.token, clientIp(event));
		} catch (error) {
			return failWith(error, form);
		}
		return { changed: true };
	}
};
